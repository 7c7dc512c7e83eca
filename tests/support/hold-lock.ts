/**
 * Requests held up the way a busy database holds them, for the tests of what happens past
 * capacity: another connection takes a lock in a transaction, the requests under test wait on
 * it, `waiting()` counts them (locks of that type not granted), and `release()` commits so
 * they go on. Whatever happens inside, the lock is rolled back and the connection closed.
 */
import pg from "pg";

export interface Lock {
  sql: string;
  params?: unknown[];
  locktype: "relation" | "advisory";
}

export interface HeldLock {
  waiting(): Promise<number>;
  release(): Promise<void>;
}

/** A thread open (GET /api/comments, and the reading page) reads reactions; a post does not. */
export const REACTIONS_LOCK: Lock = { sql: `LOCK TABLE "Reaction" IN ACCESS EXCLUSIVE MODE`, locktype: "relation" };

export async function withLockHeld<T>(databaseUrl: string, lock: Lock, run: (held: HeldLock) => Promise<T>): Promise<T> {
  const holder = new pg.Client({ connectionString: databaseUrl });
  await holder.connect();
  try {
    await holder.query("BEGIN");
    await holder.query(lock.sql, lock.params);
    return await run({
      waiting: async () => (await holder.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = $1 AND NOT granted`, [lock.locktype])).rows[0]!.n,
      release: async () => {
        await holder.query("COMMIT");
      },
    });
  } finally {
    await holder.query("ROLLBACK").catch(() => {});
    await holder.end();
  }
}
