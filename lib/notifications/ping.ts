/**
 * The live bell (docs/NOTIFICATIONS.md): "your notifications changed" for each recipient,
 * on their own topic (notificationsTopic), written in the notifications' transaction so it
 * is announced exactly when they commit. It carries nothing — the bell fetches its count
 * through GET /api/notifications/unread. No `server-only`: the reading notices' job uses it.
 *
 * Unlike publishLiveEvent, it takes no per-topic advisory lock: it is called in the middle
 * of a comment's transaction (before that publishes on the reading's topic) and for many
 * users at once, and locks there could deadlock two posts. The cost: two pings for one
 * user committing out of id order may skip the earlier one; the later one refetches the
 * count anyway, and every page load reads it afresh.
 */
import type { Prisma } from "@/generated/prisma/client";
import { LIVE_CHANNEL, notificationsTopic } from "@/lib/live/topics";

export async function pingNotifications(tx: Prisma.TransactionClient, userIds: string[]): Promise<void> {
  const ids = [...new Set(userIds)].filter((id) => typeof id === "string" && id.length > 0);
  if (ids.length === 0) return;
  const topics = ids.map(notificationsTopic);
  const audiences = ids.map((id) => JSON.stringify({ type: "users", userIds: [id] }));
  await tx.$executeRaw`
    INSERT INTO "LiveEvent" ("topic", "kind", "data", "audience")
    SELECT t, 'notifications.changed', '{}'::jsonb, a::jsonb FROM unnest(${topics}::text[], ${audiences}::text[]) AS x(t, a)`;
  // One NOTIFY per topic (the payload is the topic; listeners read the rows themselves).
  await tx.$executeRaw`SELECT pg_notify(${LIVE_CHANNEL}, t) FROM unnest(${topics}::text[]) AS t`;
}
