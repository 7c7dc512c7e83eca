import { measureFanout } from "../../lib/live-fanout";
import type { BenchSection } from "../types";

/**
 * Live fan-out (PostgreSQL LISTEN/NOTIFY → Server-Sent Events): 50, then 300 students of the
 * seeded class hold the measured reading's event stream open, the last student posts 20
 * comments, and each arrival is timed from the POST's send time. The posts go to one
 * paragraph of the measured reading and are deleted afterwards.
 */
export const fanout: BenchSection = {
  id: "fanout",
  title: "Live fan-out: post → arrival at 50 and 300 connected readers",
  needs: "app",
  keys: {
    fanout_50_p99_ms: "ms from a post's send time to its arrival at the slowest 1% of 50 connected readers",
    fanout_p99_ms: "ms from a post's send time to its arrival at the slowest 1% of 300 connected readers (goal ≤ 1000)",
    fanout_p50_ms: "ms, the median arrival at 300 readers",
    fanout_missing: "arrivals (post × reader) that never came at 300 readers (anything but 0 is a defect)",
  },
  async run(ctx) {
    const { volume } = ctx;
    const readers = volume.students.slice(0, 300);
    if (readers.length < 300) ctx.skip(`the seeded class has ${readers.length} students, not 300`);
    const poster = volume.students[volume.students.length - 1]!;
    const cookies = await ctx.sessions(readers.map((s) => s.email));
    const posterCookie = await ctx.session(poster.email);
    const started = new Date();
    try {
      for (const n of [50, 300]) {
        const r = await measureFanout({ baseUrl: ctx.baseUrl, readingId: volume.reading.id, blockId: volume.thread.blockId, readerCookies: cookies.slice(0, n), posterCookie, posts: ctx.quick ? 5 : 20 });
        ctx.line(`${String(n).padStart(3)} readers: post → arrival p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms, max ${r.max.toFixed(0)} ms (${r.posts} posts, ${r.missing} missed)`);
        if (n === 50) ctx.figure("fanout_50_p99_ms", r.p99);
        else {
          ctx.figure("fanout_p99_ms", r.p99);
          ctx.figure("fanout_p50_ms", r.p50);
          ctx.figure("fanout_missing", r.missing);
        }
      }
    } finally {
      await ctx.sql.query(`DELETE FROM "Comment" WHERE "blockId" = $1 AND "createdAt" >= $2`, [volume.thread.blockId, started]);
    }
  },
};
