import { getBytes } from "../http";
import { percentile } from "../stats";
import type { BenchSection } from "../types";

/** 200 recipients × 1,000 notifications, one in ten unread (docs/NOTIFICATIONS.md's hand-measured setup). */
const RECIPIENTS = 200;
const PER_RECIPIENT = 1_000;
const MARK = "bench-bell";

/**
 * The bell and the inbox at 200,000 notifications: GET /api/notifications/unread (the live
 * bell's refetch; the same count the header renders on every page) and the inbox's first
 * page (/notifications, 25 items), as one student with 1,000 notifications (100 unread),
 * one request at a time. The rows are inserted in bulk SQL (reading notices: no comment
 * to check) and removed afterwards.
 */
export const bell: BenchSection = {
  id: "bell",
  title: "Bell: unread count and inbox page at 200,000 notifications, one request at a time",
  needs: "app",
  keys: {
    bell_notifications_in_db: "notifications in the database while measuring",
    bell_unread_p50_ms: "ms, p50 of GET /api/notifications/unread for a student with 100 unread of 1,000",
    bell_unread_p95_ms: "ms, p95 of the same",
    bell_inbox_p50_ms: "ms, p50 of the inbox's first page (/notifications, 25 items) for the same student",
    bell_inbox_p95_ms: "ms, p95 of the same",
  },
  async run(ctx) {
    const recipients = ctx.volume.students.slice(0, RECIPIENTS);
    const per = Math.ceil((RECIPIENTS * PER_RECIPIENT) / recipients.length);
    const readingId = ctx.volume.reading.id;
    const courseId = ctx.volume.course.id;
    // reason carries a marker so the clean-up removes exactly these rows.
    await ctx.sql.query(
      `INSERT INTO "Notification" ("id", "recipientId", "kind", "readingId", "courseId", "reason", "readAt", "createdAt")
       SELECT 'bb' || u.i || '-' || g.n, u.id, 'READING_OPEN', $2, $3, $4,
              CASE WHEN g.n % 10 = 0 THEN NULL ELSE now() END, now() - (g.n || ' minutes')::interval
       FROM unnest($1::text[]) WITH ORDINALITY AS u(id, i), generate_series(1, $5::int) AS g(n)`,
      [recipients.map((r) => r.id), readingId, courseId, MARK, per],
    );
    try {
      await ctx.sql.query(`ANALYZE "Notification"`);
      ctx.figure("bell_notifications_in_db", Number((await ctx.sql.query<{ n: string }>(`SELECT count(*) AS n FROM "Notification"`)).rows[0]!.n));
      const cookie = await ctx.session(recipients[0]!.email);
      const runs = ctx.quick ? 8 : 30;
      for (const [key, path, what] of [
        ["unread", "/api/notifications/unread", "unread count"],
        ["inbox", "/notifications", "inbox first page"],
      ] as const) {
        const times: number[] = [];
        for (let i = 0; i < runs + 2; i++) {
          const r = await getBytes(`${ctx.baseUrl}${path}`, cookie);
          if (r.status !== 200) throw new Error(`${path} answered ${r.status}`);
          if (i === 0 && key === "unread" && !r.body.toString("utf8").includes('"unread":100')) throw new Error(`the bell did not count 100 unread: ${r.body.toString("utf8").slice(0, 80)}`);
          if (i >= 2) times.push(r.ms);
        }
        const p50 = percentile(times, 50);
        const p95 = percentile(times, 95);
        ctx.line(`${what}: p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms over ${runs} requests`);
        ctx.figure(`bell_${key}_p50_ms`, p50, times);
        ctx.figure(`bell_${key}_p95_ms`, p95);
      }
    } finally {
      await ctx.sql.query(`DELETE FROM "Notification" WHERE "reason" = $1 AND "courseId" = $2`, [MARK, courseId]);
    }
  },
};
