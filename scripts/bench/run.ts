/**
 * The benchmark runner: parses the command line, runs the selected sections (those that
 * need nothing first, then those that need the app, against one environment), prints the
 * text report as it goes and, with --json, one JSON object as the last line of stdout.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import { killChildren } from "./children";
import { startEnvironment, type Environment } from "./environment";
import { Report } from "./report";
import { SECTIONS } from "./sections";
import type { AppBenchContext, BenchSection } from "./types";

export interface BenchOptions {
  json: boolean;
  quick: boolean;
  only: string[] | null;
  skip: string[];
  out: string | null;
}

export const USAGE = `npm run bench [-- options]
  --json          also print the figures as one JSON object, the last line of stdout
  --quick         short runs, fewer repeats, no Lighthouse, growth up to 100 k (for iterating)
  --only a,b      run only these sections     --skip a,b   run all but these
  --out FILE      also write the JSON to FILE
  --keys          print every section's keys as Markdown tables (for docs/BENCHMARKS.md) and exit
sections: ${SECTIONS.map((s) => s.id).join(", ")}`;

export function parseArgs(argv: string[]): BenchOptions {
  const options: BenchOptions = { json: false, quick: false, only: null, skip: [], out: null };
  const ids = new Set(SECTIONS.map((s) => s.id));
  const list = (value: string | undefined, flag: string) => {
    const items = (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    const unknown = items.filter((s) => !ids.has(s));
    if (!items.length || unknown.length) throw new Error(`${flag} needs section ids (${[...ids].join(", ")}); got "${value ?? ""}"`);
    return items;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--json") options.json = true;
    else if (arg === "--quick") options.quick = true;
    else if (arg === "--only") options.only = list(argv[++i], arg);
    else if (arg === "--skip") options.skip = list(argv[++i], arg);
    else if (arg === "--out") options.out = argv[++i] ?? null;
    else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  return options;
}

/** Every section's keys as the Markdown tables docs/BENCHMARKS.md keeps. */
export function keysMarkdown(): string {
  return SECTIONS.map(
    (s) => `### \`${s.id}\` — ${s.title}\n\n| key | what it is |\n|---|---|\n${Object.entries(s.keys).map(([k, v]) => `| \`${k}\` | ${v.replace(/\|/g, "\\|")} |`).join("\n")}\n`,
  ).join("\n");
}

function commit(): string {
  try {
    const hash = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).trim() !== "";
    return dirty ? `${hash}+changes` : hash;
  } catch {
    return "unknown";
  }
}

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpu: cpus[0]?.model.trim() ?? "unknown",
    memory_gb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

const load = () => Number(os.loadavg()[0]!.toFixed(2));

/** How much of a core this process gets right now: spin for 300 ms of wall time and see how
 *  much of it the scheduler gave us (1 on an idle machine; 0.2 means five processes wanted
 *  each core). CPU-bound figures scale with it. */
let spin = 0; // kept, so the loop below is not optimised away
function cpuShare(): number {
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  while (performance.now() - wall0 < 300) spin += Math.sqrt(spin + 1);
  const cpu = process.cpuUsage(cpu0);
  return Math.round(((cpu.user + cpu.system) / 1000 / (performance.now() - wall0)) * 100) / 100;
}

/** Load average and the CPU share, printed before each section and kept in the JSON. */
function busy() {
  return { load: load(), cpu_share: cpuShare() };
}

export async function runBench(options: BenchOptions): Promise<number> {
  const print = (line: string) => console.log(line);
  const t0 = performance.now();
  const date = new Date().toISOString();
  const selected = SECTIONS.filter((s) => (!options.only || options.only.includes(s.id)) && !options.skip.includes(s.id));
  const m = machine();
  const atStart = busy();
  print(`Colloquy benchmark — ${date}, commit ${commit()}, ${options.quick ? "QUICK mode (rough figures)" : "full run"}`);
  print(`machine: ${m.cpus} × ${m.cpu}, ${m.memory_gb} GB, Node ${m.node}`);
  print(`busy: load average ${atStart.load}, CPU share ${atStart.cpu_share} — printed before each section: the machine may be shared, and figures move with it`);
  const report = new Report(print, options.quick);
  for (const s of SECTIONS.filter((s) => !selected.includes(s))) report.skipSection(s, "not selected (--only/--skip)");

  const offline = selected.filter((s): s is Extract<BenchSection, { needs: "nothing" }> => s.needs === "nothing");
  const online = selected.filter((s): s is Extract<BenchSection, { needs: "app" }> => s.needs === "app");
  const before: Record<string, ReturnType<typeof busy>> = {};
  for (const section of offline) {
    before[section.id] = busy();
    print(`\n(load average ${before[section.id]!.load}, CPU share ${before[section.id]!.cpu_share})`);
    await report.runSection(section, (base) => base, (ctx) => section.run(ctx));
  }

  let environment: Environment | null = null;
  // Set by startEnvironment as soon as it begins, so a signal during start-up stops what started.
  const environmentStop: { stop: (() => Promise<void>) | null } = { stop: null };
  let timings: Environment["timings"] | null = null;
  const stopOnSignal = (signal: NodeJS.Signals) => {
    print(`\n${signal}: stopping the app and the database…`);
    killChildren();
    void (environmentStop.stop?.() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  if (online.length) {
    print("\n== Environment: throwaway PostgreSQL, seeded volume, production build");
    try {
      environment = await startEnvironment(
        (line) => print(`  ${line}`),
        (stop) => (environmentStop.stop = stop),
      );
      timings = environment.timings;
      const env = environment;
      for (const section of online) {
        before[section.id] = busy();
        print(`\n(load average ${before[section.id]!.load}, CPU share ${before[section.id]!.cpu_share})`);
        await report.runSection(
          section,
          (base): AppBenchContext => ({ ...env, ...base }),
          (ctx) => section.run(ctx),
          () => env.serverOutput().slice(-15),
        );
      }
    } catch (error) {
      print(`\nFAILED to set up the app: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      for (const s of online) if (!report.sections.some((r) => r.id === s.id)) report.skipSection(s, "the app could not be started");
      report.sections.push({ id: "environment", title: "environment", status: "failed", seconds: 0, reason: String(error) });
    } finally {
      await environmentStop.stop?.();
    }
  }

  const seconds = (performance.now() - t0) / 1000;
  report.printSummary();
  print(
    `\nTook ${(seconds / 60).toFixed(1)} min (${seconds.toFixed(0)} s)` +
      (timings ? `, of which building ${timings.buildSeconds.toFixed(0)} s, seeding ${timings.seedSeconds.toFixed(0)} s` : "") +
      `; load average ${load()} at the end.`,
  );
  print(
    "Figures on a shared machine are noisy: repeated runs are listed beside their median, and the load average / CPU share before each section say how busy it was.",
  );
  const json = report.toJSON({
    date,
    commit: commit(),
    mode: options.quick ? "quick" : "full",
    machine: m,
    seconds: Math.round(seconds),
    build_seconds: timings ? Math.round(timings.buildSeconds) : null,
    seed_seconds: timings ? Math.round(timings.seedSeconds) : null,
    busy: { start: atStart, end: busy(), before_section: before },
  });
  if (options.out) writeFileSync(options.out, JSON.stringify(json, null, 2) + "\n");
  if (options.json) process.stdout.write(`\n${JSON.stringify(json)}\n`);
  return report.failed ? 1 : 0;
}
