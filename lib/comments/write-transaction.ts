import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** How long a comment write waits for a lock (a reading edit holds the reading for update
 *  while it re-anchors every thread, which can take many seconds). */
const LOCK_TIMEOUT = "1s";

export const EDIT_IN_PROGRESS =
  "The instructor is publishing an edit of this reading right now. Try again in a moment — your text is kept.";

/** PostgreSQL's lock_not_available (55P03), however the driver adapter wraps it. */
function isLockTimeout(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const o = e as { code?: unknown; originalCode?: unknown; message?: unknown; meta?: { code?: unknown } };
    if (o.code === "55P03" || o.originalCode === "55P03" || o.meta?.code === "55P03") return true;
    if (typeof o.message === "string" && /lock timeout/i.test(o.message)) return true;
  }
  return false;
}

/**
 * A comment write (post, edit, delete, react) as one transaction that holds its reading
 * FOR SHARE: a concurrent reading edit takes it FOR UPDATE (lib/readings/revise-reading.ts),
 * so a write happens entirely before the edit re-anchors (and is re-anchored with the
 * rest) or after it — never in between. While an edit runs, the write gives up after
 * LOCK_TIMEOUT with a CONFLICT the author can act on, instead of waiting until the
 * transaction times out.
 */
export async function commentWriteTransaction<T>(readingId: string, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  try {
    return await db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
        await tx.$executeRaw`SELECT "id" FROM "Reading" WHERE "id" = ${readingId} FOR SHARE`;
        // Holding the reading, no edit can start; what is left to wait for is other
        // comment writes (a row, the live topic's turn), which are short.
        await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '10s'`);
        return work(tx);
      },
      { maxWait: 5_000, timeout: 15_000 },
    );
  } catch (error) {
    if (isLockTimeout(error)) throw new AppError("CONFLICT", EDIT_IN_PROGRESS);
    throw error;
  }
}
