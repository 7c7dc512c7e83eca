import { db } from "@/lib/db";

/** How long live events are kept for catch-up: a browser away longer reloads its state. */
export const LIVE_RETENTION_HOURS = 24;

/** Delete live events older than the retention (run hourly by the job queue). */
export async function pruneLiveEvents(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - LIVE_RETENTION_HOURS * 3600_000);
  const { count } = await db.liveEvent.deleteMany({ where: { createdAt: { lt: before } } });
  return count;
}
