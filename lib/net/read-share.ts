/**
 * A signed-in session's share of an app instance's reads (the `reads` limit,
 * lib/rate-limit/limits.ts): how many reading pages and thread opens it may have held or
 * waiting at once. Taken by lib/net/read-turn.ts; checked first by proxy.ts, which refuses a
 * read past the share before Next.js renders anything — a refusal there costs about a
 * millisecond, where the page's own refusal renders the error page (measured: with one
 * session flooding 300 pages at once, the refusals alone kept another reader waiting ~6 s).
 *
 * The share is per session (user id and session id from the cookie's token): a token cut
 * off by sign-out or a password change still decrypts until it expires, and must not be able
 * to use up its owner's share. Pure apart from the environment; no database.
 */
import type { JWT } from "next-auth/jwt";
import { describeWait, LIMITS, readLimitConfig } from "@/lib/rate-limit/limits";
import { takeUserSlot, userSlotsHeld } from "./per-user-slots";

export const READS_TOO_MANY_RETRY_AFTER_SECONDS = 2;
/** A read past the share, answered as every rate limit is (lib/http.ts): 429, Retry-After,
 *  "You have too many pages loading at once. Try again in 2 seconds." — from proxy.ts and
 *  from the thread API itself (a read that slipped past the proxy's look). */
export function tooManyReadsResponse(): Response {
  return Response.json(
    { error: { code: "RATE_LIMITED", message: `${LIMITS.reads.what}. Try again in ${describeWait(READS_TOO_MANY_RETRY_AFTER_SECONDS)}.` } },
    { status: 429, headers: { "Retry-After": String(READS_TOO_MANY_RETRY_AFTER_SECONDS), "Cache-Control": "no-store" } },
  );
}

/** The share's key for a decrypted session token; null without a session. */
export function readShareKey(token: JWT | null): string | null {
  const { uid, sid } = token ?? {};
  return typeof uid === "string" && typeof sid === "string" ? `${uid}:${sid}` : null;
}

const maxReads = (): number | null => {
  const rule = readLimitConfig("reads");
  return rule.kind === "concurrent" ? rule.max : null;
};

/** One slot of the session's share: its release, or null when the share is taken. */
export function takeReadShare(key: string): (() => void) | null {
  const max = maxReads();
  return max === null ? () => {} : takeUserSlot("reads", key, max);
}

/** Whether the session already holds its whole share (a read now would be refused). */
export function readShareFull(key: string): boolean {
  const max = maxReads();
  return max !== null && userSlotsHeld("reads", key) >= max;
}

/** Whether the share is counted at all (off with COLLOQUY_RATE_LIMITS=off or COLLOQUY_RATE_READS=off). */
export const readShareOn = (): boolean => maxReads() !== null;
