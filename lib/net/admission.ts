/**
 * Load shedding for comment posts: at most `inFlight` posts are worked on at once in this
 * app instance; a post that arrives when all are taken waits for a turn for at most
 * `waitMs`, and is then refused (503 with Retry-After, "Colloquy is busy — your comment
 * was not posted…") instead of joining a queue that grows until every request times out.
 * A refused post was never started: nothing of it is written, the composer keeps the text
 * and its idempotency key, and the retry posts it once.
 *
 * Not an abuse limit (those are per user, lib/rate-limit): this protects everyone's posts
 * when the instance is past its capacity, so COLLOQUY_RATE_LIMITS=off leaves it on.
 *   COLLOQUY_POSTS_IN_FLIGHT  posts worked on at once per instance (default 8; `off`: no limit)
 *   COLLOQUY_POSTS_WAIT_MS    how long a post may wait for a turn (default 500)
 *
 * The same kind of gate, with a long wait, for the expensive READS — a reading page's render
 * and a paragraph's threads (GET /api/comments) — so that a crowd of readers queues for a
 * turn (waiting costs no CPU and no database connection) instead of filling the event loop
 * and the pool, and a post, which takes no read turn, goes through promptly:
 *   COLLOQUY_READS_IN_FLIGHT  reads worked on at once per instance (default 6; `off`: no limit)
 *   COLLOQUY_READS_WAIT_MS    how long a read may wait for a turn (default 25000), then a 503
 *                             "Colloquy is busy…" with Retry-After (lib/net/read-turn.ts)
 *
 * Pure (no database); the environment is read once, and checked at start-up
 * (instrumentation-node.ts) so a typo stops the server with the variable's name.
 */

import { LIMITS } from "@/lib/rate-limit/limits";

export interface AdmissionConfig {
  inFlight: number;
  waitMs: number;
}

export const ADMISSION_DEFAULTS: AdmissionConfig = { inFlight: 8, waitMs: 500 };

export const BUSY_MESSAGE = "Colloquy is busy right now — your comment was not posted; it is still in the box. Try again in a few seconds.";
export const BUSY_RETRY_AFTER_SECONDS = 2;

/** The configuration from the environment; null when turned off. Throws on a malformed value. */
export function readAdmissionConfig(env: Record<string, string | undefined> = process.env): AdmissionConfig | null {
  return readGateConfig(env, "COLLOQUY_POSTS", ADMISSION_DEFAULTS);
}

/** Reads: a few at once (measured with `npm run soak`, docs/BENCHMARKS.md), and a long wait —
 *  a reader would rather wait than be refused; past it (and before a client's usual 30 s
 *  timeout) a 503 the reader can act on. */
export const READS_DEFAULTS: AdmissionConfig = { inFlight: 6, waitMs: 25_000 };

export const READS_BUSY_MESSAGE = "Colloquy is very busy right now and could not load this in time. Nothing you wrote is lost — try again in a few seconds.";
export const READS_BUSY_RETRY_AFTER_SECONDS = 5;
/** The digest a reading page refused for lack of a turn carries to app/error.tsx. */
export const READS_BUSY_DIGEST = "COLLOQUY_READS_BUSY";
/** …and the one a page refused because its account has too many reads in flight (429). */
export const READS_TOO_MANY_DIGEST = "COLLOQUY_READS_TOO_MANY";
/** What the page refused for that says (proxy.ts's page, and app/error.tsx's). */
export const READS_TOO_MANY_TITLE = "Too many pages loading at once";
export const READS_TOO_MANY_PAGE_TEXT = `${LIMITS.reads.what}. Close some tabs or wait for them to load, then try again.`;

/** The reads gate's configuration (COLLOQUY_READS_IN_FLIGHT, COLLOQUY_READS_WAIT_MS); null when off. */
export function readReadsConfig(env: Record<string, string | undefined> = process.env): AdmissionConfig | null {
  return readGateConfig(env, "COLLOQUY_READS", READS_DEFAULTS);
}

function readGateConfig(env: Record<string, string | undefined>, prefix: string, defaults: AdmissionConfig): AdmissionConfig | null {
  const inFlight = (env[`${prefix}_IN_FLIGHT`] ?? "").trim().toLowerCase();
  if (inFlight === "off") return null;
  const config = { ...defaults };
  if (inFlight) {
    if (!/^\d{1,6}$/.test(inFlight) || Number(inFlight) < 1) throw new Error(`${prefix}_IN_FLIGHT must be a whole number ≥ 1 or "off" (it is "${env[`${prefix}_IN_FLIGHT`]}")`);
    config.inFlight = Number(inFlight);
  }
  const wait = (env[`${prefix}_WAIT_MS`] ?? "").trim();
  if (wait) {
    if (!/^\d{1,6}$/.test(wait)) throw new Error(`${prefix}_WAIT_MS must be a whole number of milliseconds (it is "${env[`${prefix}_WAIT_MS`]}")`);
    config.waitMs = Number(wait);
  }
  return config;
}

/** A gate: `enter()` resolves to a release function once it is this caller's turn, or to
 *  null when no turn came within the wait. Every release must be called exactly once. */
export function createGate(config: AdmissionConfig) {
  let active = 0;
  const waiting: { admit: () => void }[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next.admit();
    else active -= 1;
  };
  const once = () => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      release();
    };
  };
  return {
    /** `gone`: aborted when the caller no longer wants the turn (its client left) — it then
     *  leaves the line at once, resolving to null. */
    enter(gone?: AbortSignal): Promise<(() => void) | null> | (() => void) | null {
      if (gone?.aborted) return null;
      if (active < config.inFlight) {
        active += 1;
        return once();
      }
      if (config.waitMs === 0) return null;
      return new Promise((resolve) => {
        const leave = () => {
          clearTimeout(timer);
          gone?.removeEventListener("abort", leave);
          const at = waiting.indexOf(entry);
          if (at >= 0) waiting.splice(at, 1);
          resolve(null);
        };
        const entry = {
          // A turn handed over by release(): `active` stays as it is (one leaves, one enters).
          admit: () => {
            clearTimeout(timer);
            gone?.removeEventListener("abort", leave);
            resolve(once());
          },
        };
        const timer = setTimeout(leave, config.waitMs);
        gone?.addEventListener("abort", leave, { once: true });
        waiting.push(entry);
      });
    },
    /** For tests and logs: posts being worked on, and posts waiting for a turn. */
    load: () => ({ active, waiting: waiting.length }),
  };
}

export type Gate = ReturnType<typeof createGate>;

/** One gate per instance and kind, made from its configuration on first use. On globalThis:
 *  the reading page and the route handlers are separate bundles, with copies of this module. */
function instanceGate(key: symbol, readConfig: () => AdmissionConfig | null): Gate | null {
  const holder = globalThis as { [k: symbol]: Gate | null | undefined };
  if (holder[key] === undefined) {
    const config = readConfig();
    holder[key] = config ? createGate(config) : null;
  }
  return holder[key] ?? null;
}

/** This instance's gate for comment posts (null: turned off). */
export const postsGate = (): Gate | null => instanceGate(Symbol.for("colloquy.postsGate"), readAdmissionConfig);

/** This instance's gate for expensive reads — the reading page and the thread API (null: turned off). */
export const readsGate = (): Gate | null => instanceGate(Symbol.for("colloquy.readsGate"), readReadsConfig);
