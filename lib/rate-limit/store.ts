import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract, type RateLimiterStoreAbstract } from "rate-limiter-flexible";

/**
 * rate-limiter-flexible on PostgreSQL: counters live in the `rate_limits` table (created by
 * a migration), so every app instance on one database shares them. Each limiter falls back
 * to an in-process counter while the database is unreachable (limits keep holding per
 * instance instead of failing every request), and blocks a key in memory once it is over,
 * so a flood of refused requests costs no database round trips.
 */

const TABLE = "rate_limits";

type Cache = { pool?: pg.Pool; limiters: Map<string, RateLimiterAbstract> };
const holder = globalThis as unknown as { colloquyRateLimit?: Cache };
const cache: Cache = (holder.colloquyRateLimit ??= { limiters: new Map() });

function pool(): pg.Pool {
  if (cache.pool) return cache.pool;
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: rate limits live in the database");
  const created = new pg.Pool({
    connectionString: url,
    max: 3,
    connectionTimeoutMillis: 2_000,
    // A slow database must not hold a request: the in-memory insurance takes over.
    statement_timeout: 2_000,
    query_timeout: 2_500,
    idleTimeoutMillis: 30_000,
    application_name: "colloquy-rate-limit",
  });
  // An idle connection dropped by a database restart must not crash the process.
  created.on("error", (error) => console.error("[rate-limit] database connection lost:", error.message));
  cache.pool = created;
  return created;
}

/** A limiter with `points` per `seconds` under `prefix` (cached per process). */
export function limiter(prefix: string, points: number, seconds: number): RateLimiterAbstract {
  const id = `${prefix}|${points}|${seconds}`;
  let found = cache.limiters.get(id);
  if (!found) {
    const options = { keyPrefix: prefix, points, duration: seconds };
    const store: RateLimiterStoreAbstract = new RateLimiterPostgres({
      ...options,
      storeClient: pool(),
      storeType: "pool",
      tableName: TABLE,
      tableCreated: true,
      // Expired rows are deleted by the library every 5 minutes.
      clearExpiredByTimeout: true,
      inMemoryBlockOnConsumed: points + 1,
      insuranceLimiter: new RateLimiterMemory(options),
    });
    found = store as unknown as RateLimiterAbstract;
    cache.limiters.set(id, found);
  }
  return found;
}

/** Keys are hashed: emails and addresses never sit in the table, and any input (NUL
 *  bytes, 10 MB strings) makes a short, valid key. */
export const storeKey = (key: string) => createHash("sha256").update(key).digest("base64url").slice(0, 32);
