/** Collects the sections' figures; prints the text report as it goes and the JSON at the end. */
import { round } from "./stats";
import { SectionSkipped, type BenchContext, type BenchSection } from "./types";

export interface SectionOutcome {
  id: string;
  title: string;
  status: "measured" | "skipped" | "failed";
  seconds: number;
  reason?: string;
}

export class Report {
  readonly figures: Record<string, number> = {};
  readonly runs: Record<string, number[]> = {};
  readonly omitted: Record<string, string> = {};
  readonly sections: SectionOutcome[] = [];

  constructor(
    private readonly print: (line: string) => void,
    private readonly quick: boolean,
  ) {}

  /** Run one section with a context whose figures land here; a section's failure is reported, not thrown. */
  async runSection<C extends BenchContext>(
    section: BenchSection,
    extend: (base: BenchContext) => C,
    run: (ctx: C) => Promise<void>,
    /** Lines worth seeing when the section fails (e.g. the app server's last output). */
    onFailure?: () => string[],
  ) {
    this.print(`\n== ${section.title} [${section.id}]`);
    const t0 = performance.now();
    const reported = new Set<string>();
    const base: BenchContext = {
      quick: this.quick,
      figure: (key, value, runs) => {
        if (!(key in section.keys)) throw new Error(`section ${section.id} reported "${key}", which is not among its keys`);
        if (!Number.isFinite(value)) {
          this.omitted[key] = `not a number (${value})`;
          return;
        }
        reported.add(key);
        this.figures[key] = round(value, 2);
        if (runs && runs.length > 1) this.runs[key] = runs.map((r) => round(r, 2));
      },
      line: (text) => this.print(`  ${text}`),
      skip: (reason) => {
        throw new SectionSkipped(reason);
      },
    };
    let status: SectionOutcome["status"] = "measured";
    let reason: string | undefined;
    try {
      await run(extend(base));
    } catch (error) {
      if (error instanceof SectionSkipped) {
        status = "skipped";
        reason = error.message;
        this.print(`  skipped: ${reason}`);
      } else {
        status = "failed";
        reason = describeError(error);
        this.print(`  FAILED: ${reason}`);
        if (error instanceof Error && error.stack) this.print(error.stack.split("\n").slice(1, 6).join("\n"));
        const context = onFailure?.() ?? [];
        if (context.length) this.print(`  the app server's last output:\n${context.map((l) => `    | ${l}`).join("\n")}`);
      }
    }
    for (const key of Object.keys(section.keys)) {
      if (!reported.has(key) && !(key in this.omitted)) this.omitted[key] = reason ? `${status}: ${reason}` : "not reported";
    }
    const seconds = (performance.now() - t0) / 1000;
    this.sections.push({ id: section.id, title: section.title, status, seconds: round(seconds, 1), ...(reason ? { reason } : {}) });
    this.print(`  (${seconds.toFixed(1)} s)`);
  }

  skipSection(section: BenchSection, reason: string) {
    this.sections.push({ id: section.id, title: section.title, status: "skipped", seconds: 0, reason });
    for (const key of Object.keys(section.keys)) this.omitted[key] = `skipped: ${reason}`;
  }

  get failed() {
    return this.sections.some((s) => s.status === "failed");
  }

  /** The closing summary: every key measured, then every key omitted and why. */
  printSummary() {
    this.print("\n== Figures");
    const width = Math.max(...Object.keys(this.figures).map((k) => k.length), 10);
    for (const [key, value] of Object.entries(this.figures)) {
      const runs = this.runs[key];
      this.print(`  ${key.padEnd(width)} ${String(value).padStart(10)}${runs ? `   runs: ${runs.join(", ")}` : ""}`);
    }
    const byReason = new Map<string, string[]>();
    for (const [key, why] of Object.entries(this.omitted)) byReason.set(why, [...(byReason.get(why) ?? []), key]);
    if (byReason.size) {
      this.print("\n== Not measured in this run");
      for (const [why, keys] of byReason) this.print(`  ${why}:\n    ${keys.join(", ")}`);
    }
  }

  toJSON(meta: Record<string, unknown>) {
    return { ...this.figures, meta, runs: this.runs, omitted: this.omitted, sections: this.sections };
  }
}

/** An error's message with its causes ("fetch failed: connect ECONNREFUSED …"). */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    parts.push(e instanceof Error ? e.message : String(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join(": ");
}
