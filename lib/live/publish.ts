import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import type { Audience } from "@/lib/live/audience";
import { LIVE_CHANNEL } from "@/lib/live/topics";

export interface LiveEventInput {
  /** e.g. readingTopic(id) or userTopic(id) (lib/live/topics.ts). */
  topic: string;
  /** Dotted name the browser dispatches on, e.g. "comment.created", "notification". */
  kind: string;
  /** Minimal, JSON-serialisable: ids and flags, never text a receiver may not see. */
  data: Record<string, unknown>;
  audience: Audience;
}

/**
 * Publish a live event inside the caller's transaction: it is stored (for catch-up after a
 * reconnect) and announced (NOTIFY) exactly when the transaction commits, and never if it
 * rolls back. Call it as the transaction's last statement: it takes a per-topic advisory
 * lock until commit, so a topic's event ids commit in increasing order — which is what
 * lets a reconnecting browser ask for "everything after id N" and miss nothing.
 */
export async function publishLiveEvent(tx: Prisma.TransactionClient, event: LiveEventInput): Promise<bigint> {
  // One statement — lock, insert, announce — so the transaction holds the topic's lock only
  // from here to its COMMIT: every extra round trip inside that window waits for a turn on
  // a busy server's event loop, and the window is what orders (serialises) a topic's writes.
  const rows = await tx.$queryRaw<{ id: bigint }[]>`
    WITH turn AS (SELECT pg_advisory_xact_lock(hashtextextended(${event.topic}, 0))),
    stored AS (
      INSERT INTO "LiveEvent" ("topic", "kind", "data", "audience")
      SELECT ${event.topic}, ${event.kind}, ${JSON.stringify(event.data)}::jsonb, ${JSON.stringify(event.audience)}::jsonb FROM turn
      RETURNING "id"
    )
    SELECT "id", pg_notify(${LIVE_CHANNEL}, ${event.topic})::text AS "notified" FROM stored`;
  // The payload is only the topic: listeners read the rows themselves (no 8 KB limit, and
  // PostgreSQL folds identical notifications of one transaction into one).
  return rows[0]!.id;
}

/** Publish outside any other write (its own short transaction). */
export function publishLiveEventNow(event: LiveEventInput): Promise<bigint> {
  return db.$transaction((tx) => publishLiveEvent(tx, event));
}
