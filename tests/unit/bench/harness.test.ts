import { describe, expect, it } from "vitest";
import { Report } from "@/scripts/bench/report";
import { parseArgs } from "@/scripts/bench/run";
import { SECTIONS } from "@/scripts/bench/sections";
import { noModuleScripts, pageScripts } from "@/scripts/bench/sections/client";
import type { BenchContext, BenchSection } from "@/scripts/bench/types";

const GOAL_KEYS = [
  "page_vs_next_static_ratio",
  "page_vs_bare_node_ratio",
  "post_p99_ms",
  "posts_per_s",
  "fanout_p99_ms",
  "growth_1m_vs_1k",
  "reading_js_gzip_kb",
  "reading_html_kb",
  "lighthouse_mobile_performance",
];

function section(keys: string[], run: (ctx: BenchContext) => Promise<void>): BenchSection {
  return { id: "t", title: "test", needs: "nothing", keys: Object.fromEntries(keys.map((k) => [k, k])), run };
}

async function runOne(s: BenchSection) {
  const lines: string[] = [];
  const report = new Report((l) => lines.push(l), false);
  await report.runSection(s, (base) => base, (ctx) => (s.run as (c: BenchContext) => Promise<void>)(ctx));
  return { report, lines, json: () => report.toJSON({}) as Record<string, unknown> };
}

describe("bench sections", () => {
  it("every goal key of issue 9 is declared by exactly one section, and no key twice", () => {
    const all = SECTIONS.flatMap((s) => Object.keys(s.keys));
    expect(new Set(all).size).toBe(all.length);
    for (const key of GOAL_KEYS) expect(all, key).toContain(key);
    expect(new Set(SECTIONS.map((s) => s.id)).size).toBe(SECTIONS.length);
  });

  it("growth runs last (it leaves a million rows behind)", () => {
    expect(SECTIONS.at(-1)!.id).toBe("growth");
  });
});

describe("bench report", () => {
  it("a skipped section's keys are omitted with the reason, and the text says why", async () => {
    const { report, lines } = await runOne(
      section(["a", "b"], async (ctx) => {
        ctx.figure("a", 1.234);
        ctx.skip("no live updates yet");
      }),
    );
    const json = report.toJSON({}) as Record<string, unknown>;
    expect(json.a).toBe(1.23);
    expect(json.b).toBeUndefined();
    expect((json.omitted as Record<string, string>).b).toBe("skipped: no live updates yet");
    expect(lines.join("\n")).toContain("skipped: no live updates yet");
    expect(report.failed).toBe(false);
  });

  it("a failing section is reported, not thrown, and marks the run failed", async () => {
    const { report, lines } = await runOne(
      section(["a"], async () => {
        throw new Error("the page answered 500");
      }),
    );
    expect(report.failed).toBe(true);
    expect((report.toJSON({}).omitted as Record<string, string>).a).toBe("failed: the page answered 500");
    expect(lines.join("\n")).toContain("FAILED: the page answered 500");
  });

  it("a key the section did not declare is a failure (keys stay documented), a NaN is omitted", async () => {
    const undeclared = await runOne(section(["a"], async (ctx) => ctx.figure("zzz", 1)));
    expect(undeclared.report.failed).toBe(true);
    const nan = await runOne(section(["a"], async (ctx) => ctx.figure("a", NaN)));
    expect(nan.json().a).toBeUndefined();
    expect((nan.json().omitted as Record<string, string>).a).toMatch(/not a number/);
  });

  it("repeated runs are kept beside the median", async () => {
    const json = (await runOne(section(["a"], async (ctx) => ctx.figure("a", 2, [1, 2, 3])))).json();
    expect(json.a).toBe(2);
    expect((json.runs as Record<string, number[]>).a).toEqual([1, 2, 3]);
  });
});

describe("bench command line", () => {
  it("reads --json --quick --only --skip --out", () => {
    expect(parseArgs(["--json", "--quick", "--only", "page,thread", "--out", "x.json"])).toEqual({
      json: true,
      quick: true,
      only: ["page", "thread"],
      skip: [],
      out: "x.json",
    });
    expect(parseArgs(["--skip", "growth"]).skip).toEqual(["growth"]);
  });

  it("refuses unknown options and section ids with the list of ids", () => {
    expect(() => parseArgs(["--fast"])).toThrow(/unknown option --fast/);
    expect(() => parseArgs(["--only", "pages"])).toThrow(/needs section ids \(importer, /);
    expect(() => parseArgs(["--only"])).toThrow(/needs section ids/);
  });
});

describe("the scripts a page loads", () => {
  it("finds script tags and script preloads under /_next, once each", () => {
    const html = `<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/a.js"/>
      <script src="/_next/static/chunks/a.js" async=""></script><script src="/_next/static/chunks/b.js?dpl=x&amp;v=1" async></script>
      <script>self.__next_f.push([1,"x"])</script><link rel="stylesheet" href="/_next/static/chunks/c.css"/>
      <script src="https://elsewhere.example/x.js"></script>`;
    expect(pageScripts(html)).toEqual(["/_next/static/chunks/a.js", "/_next/static/chunks/b.js?dpl=x&v=1"]);
  });

  it("tells the nomodule scripts (legacy polyfills no module-capable browser fetches) apart, unless they are preloaded too", () => {
    const html = `<script src="/_next/static/chunks/polyfills.js" noModule=""></script><script src="/_next/static/chunks/p2.js?v=1&amp;x=2" nomodule></script>
      <script src="/_next/static/chunks/main.js" async=""></script><script src="/_next/static/chunks/odd.js" nomodule=""></script>
      <link rel="preload" as="script" href="/_next/static/chunks/odd.js"/>`;
    expect(pageScripts(html)).toEqual(["/_next/static/chunks/polyfills.js", "/_next/static/chunks/p2.js?v=1&x=2", "/_next/static/chunks/main.js", "/_next/static/chunks/odd.js"]);
    expect([...noModuleScripts(html)]).toEqual(["/_next/static/chunks/polyfills.js", "/_next/static/chunks/p2.js?v=1&x=2"]);
  });
});
