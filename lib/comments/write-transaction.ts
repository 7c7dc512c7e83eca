import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** How long a comment write keeps trying while a reading edit holds the reading for update
 *  (it re-anchors every thread, which can take many seconds), and how often it tries. */
const EDIT_WAIT_MS = 1_000;
const RETRY_MS = 100;

export const EDIT_IN_PROGRESS =
  "The instructor is publishing an edit of this reading right now. Try again in a moment — your text is kept.";

/** PostgreSQL's lock_not_available (55P03: NOWAIT), however the driver adapter wraps it. */
function isLockRefused(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const o = e as { code?: unknown; originalCode?: unknown; message?: unknown; meta?: { code?: unknown } };
    if (o.code === "55P03" || o.originalCode === "55P03" || o.meta?.code === "55P03") return true;
    if (typeof o.message === "string" && /could not obtain lock|lock timeout/i.test(o.message)) return true;
  }
  return false;
}

/** What the lock statement reads of the reading as it takes it: the settings a write
 *  needs as of that moment (a change to them waits for the lock, or the lock for it). */
export interface LockedReading {
  postFirst: boolean;
}

/**
 * A comment write (post, edit, delete, react) as one transaction that holds its reading
 * FOR SHARE: a concurrent reading edit takes it FOR UPDATE (lib/readings/revise-reading.ts),
 * so a write happens entirely before the edit re-anchors (and is re-anchored with the
 * rest) or after it — never in between. While an edit runs, the write gives up after
 * EDIT_WAIT_MS with a CONFLICT the author can act on, instead of waiting until the
 * transaction times out.
 *
 * The lock is taken with NOWAIT and the transaction retried, rather than under a SET LOCAL
 * lock_timeout: that took two more statements per write (set, and reset for the rest), and
 * every statement inside a transaction waits for a turn on a busy server's event loop.
 * Nothing else of the transaction has run when the lock is refused, so a retry is clean.
 */
export async function commentWriteTransaction<T>(readingId: string, work: (tx: Prisma.TransactionClient, reading: LockedReading) => Promise<T>): Promise<T> {
  const deadline = Date.now() + EDIT_WAIT_MS;
  for (;;) {
    let locked = false;
    try {
      return await db.$transaction(
        async (tx) => {
          const [reading] = await tx.$queryRaw<LockedReading[]>`SELECT "postFirst" FROM "Reading" WHERE "id" = ${readingId} FOR SHARE NOWAIT`;
          locked = true;
          // Holding the reading, no edit can start; what is left to wait for is other
          // comment writes (a row, the live topic's turn), which are short.
          return work(tx, reading ?? { postFirst: false });
        },
        { maxWait: 5_000, timeout: 15_000 },
      );
    } catch (error) {
      if (locked || !isLockRefused(error)) throw error;
      if (Date.now() >= deadline) throw new AppError("CONFLICT", EDIT_IN_PROGRESS);
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}
