import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CHROMIUM_ARGS, findChromium } from "../../lib/chromium";
import { trackChild } from "../children";
import { findFreePort } from "../../lib/embedded-postgres";
import type { BenchSection } from "../types";

/** Start the system Chromium with a DevTools port for Lighthouse; stop() kills it. */
async function startChromium(executable: string) {
  const port = await findFreePort();
  const profile = mkdtempSync(path.join(os.tmpdir(), "colloquy-bench-chromium-"));
  const child = trackChild(spawn(executable, [...CHROMIUM_ARGS, `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, "about:blank"], { stdio: "ignore" }), profile);
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`Chromium exited (${child.exitCode}) before opening its DevTools port`);
    if (await fetch(`http://127.0.0.1:${port}/json/version`).then((r) => r.ok, () => false)) break;
    if (i > 100) throw new Error("Chromium did not open its DevTools port within 20 s");
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    port,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Lighthouse 12 (the last major that runs on Node 20) with its default mobile settings
 * (emulated phone, simulated slow 4G and 4× CPU slowdown), driving the system Chromium,
 * on the measured reading as a signed-in student (the session cookie sent as a header).
 */
export const lighthouse: BenchSection = {
  id: "lighthouse",
  title: "Lighthouse (mobile) on the reading page, signed-in student",
  needs: "app",
  keys: {
    lighthouse_mobile_performance: "Lighthouse mobile performance score, 0–1 (goal ≥ 0.95)",
    lighthouse_mobile_accessibility: "Lighthouse accessibility score, 0–1 (keep 1.0)",
    lighthouse_mobile_best_practices: "Lighthouse best-practices score, 0–1 (keep 1.0)",
    lighthouse_lcp_ms: "ms, Largest Contentful Paint (simulated mobile)",
    lighthouse_tbt_ms: "ms, Total Blocking Time (simulated mobile)",
    lighthouse_cls: "Cumulative Layout Shift",
  },
  async run(ctx) {
    if (ctx.quick) ctx.skip("not in --quick mode (a Lighthouse run takes most of a minute)");
    const executable = findChromium() ?? ctx.skip("no Chromium (set CHROME_PATH, or apt-get install -y chromium)");
    const cookie = await ctx.session(ctx.volume.students[0]!.email);
    const { default: run } = await import("lighthouse");
    const chromium = await startChromium(executable);
    try {
      const result = await run(ctx.baseUrl + ctx.volume.reading.path, {
        port: chromium.port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance", "accessibility", "best-practices"],
        extraHeaders: { Cookie: cookie },
      });
      if (!result) throw new Error("Lighthouse returned no result");
      const { categories, audits, runtimeError, finalDisplayedUrl } = result.lhr;
      if (runtimeError) throw new Error(`Lighthouse: ${runtimeError.code} ${runtimeError.message}`);
      if (!finalDisplayedUrl.endsWith(ctx.volume.reading.path)) throw new Error(`Lighthouse ended on ${finalDisplayedUrl}, not the reading (signed out?)`);
      const score = (id: string) => categories[id]?.score ?? NaN;
      const value = (id: string) => audits[id]?.numericValue ?? NaN;
      ctx.line(
        `performance ${score("performance")}, accessibility ${score("accessibility")}, best practices ${score("best-practices")}; ` +
          `LCP ${value("largest-contentful-paint").toFixed(0)} ms, TBT ${value("total-blocking-time").toFixed(0)} ms, CLS ${value("cumulative-layout-shift").toFixed(3)}, ` +
          `FCP ${value("first-contentful-paint").toFixed(0)} ms (one run; Lighthouse scores move by a few hundredths between runs)`,
      );
      // Where the main thread's time goes (the profile behind TBT): by kind of work, and the
      // scripts that cost the most (Lighthouse's own audits, simulated mobile CPU).
      const items = (id: string) => ((audits[id]?.details as { items?: Record<string, unknown>[] } | undefined)?.items ?? []);
      const work = items("mainthread-work-breakdown").map((i) => `${String(i.groupLabel ?? i.group)} ${Number(i.duration).toFixed(0)} ms`);
      if (work.length) ctx.line(`main thread: ${work.join(", ")}`);
      const scripts = items("bootup-time")
        .slice(0, 4)
        .map((i) => `${String(i.url).replace(ctx.baseUrl, "")} ${Number(i.total).toFixed(0)} ms (script ${Number(i.scripting).toFixed(0)})`);
      if (scripts.length) ctx.line(`scripts by main-thread time: ${scripts.join("; ")}`);
      const longTasks = items("long-tasks").map((i) => `${Number(i.duration).toFixed(0)} ms @${Number(i.startTime).toFixed(0)} ${String(i.url ?? "").replace(ctx.baseUrl, "")}`);
      if (longTasks.length) ctx.line(`long tasks: ${longTasks.slice(0, 8).join("; ")}`);
      for (const id of ["accessibility", "best-practices"]) {
        const misses = (categories[id]?.auditRefs ?? [])
          .filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 1)
          .map((ref) => `${ref.id} (${audits[ref.id]!.title})`);
        if (misses.length) ctx.line(`${id} misses: ${misses.join("; ")}`);
      }
      ctx.figure("lighthouse_mobile_performance", score("performance"));
      ctx.figure("lighthouse_mobile_accessibility", score("accessibility"));
      ctx.figure("lighthouse_mobile_best_practices", score("best-practices"));
      ctx.figure("lighthouse_lcp_ms", value("largest-contentful-paint"));
      ctx.figure("lighthouse_tbt_ms", value("total-blocking-time"));
      ctx.figure("lighthouse_cls", value("cumulative-layout-shift"));
    } finally {
      await chromium.stop();
    }
  },
};
