import { openLoop, waitUntilResponsive, type OpenLoopResult } from "../load";
import type { AppBenchContext, BenchSection } from "../types";

const OFFERED = 200;
const WRITERS = 200;
const P99_LIMIT_MS = 100;

const sentences = [
  "I read this paragraph as the hinge of the whole argument.",
  "The evidence here seems thinner than the tone suggests.",
  "Compare this with the memo we read last week.",
  "Does anyone know what the original word was in Russian?",
  "This is where the author changes his mind, I think.",
];

/**
 * Posting comments under an open-loop load: WRITERS signed-in students, each posting on its
 * own schedule (together `rate` posts a second, evenly spaced), latency from the moment a
 * post was due. First the offered 200 posts/s, then a search for the highest rate whose p99
 * stays within 100 ms. Posts go to another reading of the course (001), and are deleted at
 * the end so later sections see the seeded volume.
 */
export const posting: BenchSection = {
  id: "posting",
  title: `Posting comments, open loop (${WRITERS} writers, latency from the intended send time)`,
  needs: "app",
  keys: {
    post_p50_ms: `ms, p50 at ${OFFERED} posts/s offered`,
    post_p90_ms: `ms, p90 at ${OFFERED} posts/s offered`,
    post_p99_ms: `ms, p99 at ${OFFERED} posts/s offered (goal ≤ 50)`,
    post_failed: `posts not answered 201 at ${OFFERED} posts/s offered`,
    post_achieved_per_s: `posts/s answered 201 while ${OFFERED} were offered`,
    posts_per_s: `the highest offered posts/s whose p99 stayed ≤ ${P99_LIMIT_MS} ms with no failures (0: none tried did)`,
  },
  async run(ctx) {
    const { volume } = ctx;
    const started = new Date();
    const t0 = performance.now();
    const writers = (await ctx.sessions(volume.students.slice(0, WRITERS).map((s) => s.email))).map((cookie) => ({ cookie }));
    ctx.line(`${writers.length} students signed in through next-auth in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    try {
      const at = async (rate: number, seconds: number, warmupSeconds: number) => {
        const result = await openLoop({
          url: `${ctx.baseUrl}/api/comments`,
          rate,
          seconds,
          warmupSeconds,
          writers: writers.slice(0, Math.min(writers.length, Math.ceil(rate))),
          expectStatus: 201,
          body: (i) =>
            JSON.stringify({
              readingId: volume.postTarget.readingId,
              blockId: volume.postTarget.blockIds[i % volume.postTarget.blockIds.length],
              body: `${sentences[i % sentences.length]} (post ${i} at ${rate}/s) ${sentences[(i * 7) % sentences.length]}`,
            }),
        });
        // Posts the loop gave up on are still being written: start the next rate on an idle server.
        const waited = await waitUntilIdle(ctx);
        if (waited > 1) ctx.line(`  (waited ${waited.toFixed(0)} s for the server to finish the posts it was still writing)`);
        return result;
      };
      const describe = (r: OpenLoopResult) =>
        `${r.offered} offered → ${r.achieved.toFixed(0)}/s answered 201, p50 ${r.p50.toFixed(0)} ms, p90 ${r.p90.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms, max ${r.max.toFixed(0)} ms` +
        (r.failed ? `, ${r.failed} failed (${Object.entries(r.failures).map(([k, n]) => `${k}×${n}`).join(", ")})` : "");

      const main = await at(OFFERED, ctx.quick ? 3 : 10, ctx.quick ? 1 : 2);
      ctx.line(`at ${OFFERED}/s: ${describe(main)}`);
      ctx.figure("post_p50_ms", main.p50);
      ctx.figure("post_p90_ms", main.p90);
      ctx.figure("post_p99_ms", main.p99);
      ctx.figure("post_failed", main.failed);
      ctx.figure("post_achieved_per_s", main.achieved);
      ctx.figure("posts_per_s", await highestSustained(ctx, main, (rate) => at(rate, ctx.quick ? 2 : 4, 1), describe));
    } finally {
      await ctx.sql.query(`DELETE FROM "Comment" WHERE "readingId" = $1 AND "createdAt" >= $2`, [volume.postTarget.readingId, started]);
      await ctx.sql.query(`VACUUM ANALYZE "Comment"`);
    }
  },
};

/**
 * Wait until the app answers /api/health quickly and none of its database connections is
 * busy twice in a row (posts the loop timed out are still queued for the pool, or holding
 * their transaction). At most two minutes. Returns the seconds waited.
 */
async function waitUntilIdle(ctx: AppBenchContext): Promise<number> {
  const t0 = performance.now();
  let quiet = 0;
  while (quiet < 2 && performance.now() - t0 < 120_000) {
    await waitUntilResponsive(`${ctx.baseUrl}/api/health`, 500, 120_000);
    const { rows } = await ctx.sql.query<{ busy: number }>(
      `SELECT count(*)::int AS busy FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
          AND state <> 'idle' AND query NOT ILIKE '%pg_stat_activity%'`,
    );
    quiet = rows[0]!.busy === 0 ? quiet + 1 : 0;
    if (quiet < 2) await new Promise((r) => setTimeout(r, 250));
  }
  return (performance.now() - t0) / 1000;
}

/**
 * Step the offered rate up from 200/s while p99 holds (300, 450, 650, 900), or down when 200/s
 * already misses — skipping rates well above what the server answered at the last step —
 * then (full mode) try once between the last rate that held and the first that did not.
 */
async function highestSustained(
  ctx: AppBenchContext,
  main: OpenLoopResult,
  measure: (rate: number) => Promise<OpenLoopResult>,
  describe: (r: OpenLoopResult) => string,
): Promise<number> {
  const holds = (r: OpenLoopResult) => r.failed === 0 && r.p99 <= P99_LIMIT_MS;
  let best = holds(main) ? OFFERED : 0;
  let worst = holds(main) ? Infinity : OFFERED;
  let ceiling = holds(main) ? Infinity : Math.max(main.achieved * 1.5, 5);
  const steps = holds(main) ? [300, 450, 650, 900] : [150, 100, 60, 30, 15, 8, 4];
  for (const rate of steps) {
    if (rate > ceiling) continue;
    const r = await measure(rate);
    ctx.line(`  search: ${describe(r)} — ${holds(r) ? "holds" : "p99 over the limit"}`);
    if (holds(r)) {
      best = Math.max(best, rate);
      if (rate < OFFERED) break;
    } else {
      worst = Math.min(worst, rate);
      if (rate > OFFERED) break;
      ceiling = Math.max(r.achieved * 1.5, 5);
    }
  }
  if (!ctx.quick && best > 0 && Number.isFinite(worst) && worst - best > 10) {
    const rate = Math.round((best + worst) / 2);
    const r = await measure(rate);
    ctx.line(`  search: ${describe(r)} — ${holds(r) ? "holds" : "p99 over the limit"}`);
    if (holds(r)) best = rate;
  }
  ctx.line(`highest offered rate with p99 ≤ ${P99_LIMIT_MS} ms and no failures: ${best} posts/s`);
  return best;
}
