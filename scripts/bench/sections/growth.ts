import { ELSEWHERE_AT_START } from "../environment";
import { measureLoad } from "../load";
import { addCommentsElsewhere, countCommentsElsewhere } from "../volume";
import type { AppBenchContext, BenchSection } from "../types";

const LEVELS = [
  { label: "1k", elsewhere: 1_000 },
  { label: "100k", elsewhere: 100_000 },
  { label: "1m", elsewhere: 1_000_000 },
];

/**
 * The reading page and the thread API as the database grows: 1 k, 100 k and 1 M comments
 * in other courses' readings (bulk SQL), while the measured reading keeps its 5,000 and the
 * thread its 500. Same measurement at each level: autocannon with 2 connections (one per
 * core), so p50 is a request's own time rather than its wait behind 19 others, and a busy
 * machine still yields samples; two 4 s rounds, the lower p50 kept. Runs last: it leaves a million rows behind. `--quick` stops
 * at 100 k.
 */
export const growth: BenchSection = {
  id: "growth",
  title: "Growth: the page and the thread API with 1 k, 100 k and 1 M comments elsewhere in the database",
  needs: "app",
  keys: {
    growth_page_p50_ms_1k: "ms, reading page p50 with 1 k comments elsewhere (2 connections; the lower of 2 rounds)",
    growth_page_p50_ms_100k: "ms, reading page p50 with 100 k elsewhere",
    growth_page_p50_ms_1m: "ms, reading page p50 with 1 M elsewhere",
    growth_thread_p50_ms_1k: "ms, thread API p50 with 1 k elsewhere",
    growth_thread_p50_ms_100k: "ms, thread API p50 with 100 k elsewhere",
    growth_thread_p50_ms_1m: "ms, thread API p50 with 1 M elsewhere",
    growth_100k_vs_1k: "the larger, over page and thread API, of p50 at 100 k ÷ p50 at 1 k",
    growth_1m_vs_1k: "the larger, over page and thread API, of p50 at 1 M ÷ p50 at 1 k (goal ≤ 1.5)",
    growth_load_1m_s: "s to bulk-load the comments from 100 k to 1 M (seeding, not a product figure)",
  },
  async run(ctx) {
    const have = await countCommentsElsewhere(ctx.sql);
    if (have !== ELSEWHERE_AT_START) throw new Error(`expected ${ELSEWHERE_AT_START} comments elsewhere at the start, found ${have}`);
    const cookie = await ctx.session(ctx.volume.students[0]!.email);
    const pageUrl = ctx.baseUrl + ctx.volume.reading.path;
    const threadUrl = `${ctx.baseUrl}/api/comments?blockId=${encodeURIComponent(ctx.volume.thread.blockId)}`;
    const rounds = ctx.quick ? 1 : 2;
    const seconds = ctx.quick ? 3 : 4;
    // Page and thread alternate, each round after a short warm-up; a level's p50 is the lower
    // of its rounds' — the one least disturbed by whatever else the machine was doing.
    const measure = async (url: string, runs: number[]) => {
      const r = await measureLoad({ url, headers: { Cookie: cookie }, connections: 2, seconds, warmupSeconds: 1 });
      runs.push(r.p50);
      return r.requests;
    };
    const p50 = { page: new Map<string, number>(), thread: new Map<string, number>() };

    for (const level of ctx.quick ? LEVELS.slice(0, 2) : LEVELS) {
      const current = await countCommentsElsewhere(ctx.sql);
      if (level.elsewhere > current) {
        const s = await addCommentsElsewhere(ctx.sql, level.elsewhere - current, (l) => ctx.line(l));
        ctx.line(`loaded ${(level.elsewhere - current).toLocaleString("en")} comments in ${s.toFixed(0)} s`);
        if (level.label === "1m") ctx.figure("growth_load_1m_s", s);
      }
      const pageRuns: number[] = [];
      const threadRuns: number[] = [];
      let fewest = Infinity;
      for (let i = 0; i < rounds; i++) fewest = Math.min(fewest, await measure(pageUrl, pageRuns), await measure(threadUrl, threadRuns));
      p50.page.set(level.label, Math.min(...pageRuns));
      p50.thread.set(level.label, Math.min(...threadRuns));
      ctx.figure(`growth_page_p50_ms_${level.label}`, Math.min(...pageRuns), pageRuns);
      ctx.figure(`growth_thread_p50_ms_${level.label}`, Math.min(...threadRuns), threadRuns);
      ctx.line(
        `${level.elsewhere.toLocaleString("en")} elsewhere: page p50 ${pageRuns.join(" / ")} ms, thread p50 ${threadRuns.join(" / ")} ms` +
          (fewest < 10 ? ` — as few as ${fewest} requests in a run: rough` : ""),
      );
    }
    reportRatio(ctx, "growth_100k_vs_1k", "100k", p50);
    if (ctx.quick) ctx.skip("--quick stops at 100 k comments, so there is no 1 M ÷ 1 k");
    reportRatio(ctx, "growth_1m_vs_1k", "1m", p50);
  },
};

function reportRatio(ctx: AppBenchContext, key: string, level: string, p50: { page: Map<string, number>; thread: Map<string, number> }) {
  const page = p50.page.get(level)! / p50.page.get("1k")!;
  const thread = p50.thread.get(level)! / p50.thread.get("1k")!;
  ctx.line(`${level} ÷ 1k: page ${page.toFixed(2)}, thread ${thread.toFixed(2)}`);
  ctx.figure(key, Math.max(page, thread));
}
