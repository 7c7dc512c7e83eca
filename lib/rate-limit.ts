import "server-only";
import { RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "@/lib/errors";
import { describeWait, LIMITS, readLimitConfig, type WindowLimitName } from "@/lib/rate-limit/limits";
import { limiter, storeKey } from "@/lib/rate-limit/store";

/**
 * Count one request against the named limit (lib/rate-limit/limits.ts) for `key` — a user
 * id, or `clientIp(headers)` where nobody is signed in. Over the limit it throws a
 * RATE_LIMITED AppError (429, Retry-After, "… Try again in 40 seconds."), which route
 * handlers (errorResponse) and server actions (toActionError) already answer. Call it after
 * the session check and before any work:
 *
 *     const user = await requireUser();
 *     await rateLimit("comment", user.id);
 */
export async function rateLimit(name: WindowLimitName, key: string): Promise<void> {
  const rule = readLimitConfig(name);
  if (rule.kind !== "window") return;
  const id = storeKey(key);
  let waitMs = 0;
  // Every window counts the request (a refused request still counts: hammering does not
  // shorten the wait).
  const results = await Promise.allSettled(rule.windows.map((w) => limiter(`${name}:${w.seconds}`, w.points, w.seconds).consume(id)));
  for (const result of results) {
    if (result.status === "fulfilled") continue;
    if (result.reason instanceof RateLimiterRes) waitMs = Math.max(waitMs, result.reason.msBeforeNext);
    else throw result.reason;
  }
  if (waitMs > 0) throw rateLimited(LIMITS[name].what, waitMs / 1000);
}

/** The one RATE_LIMITED error: a sentence with the wait, and the wait for Retry-After. */
export function rateLimited(what: string, seconds: number): AppError {
  const retryAfter = Math.max(1, Math.ceil(seconds));
  const error = new AppError("RATE_LIMITED", `${what}. Try again in ${describeWait(retryAfter)}.`);
  error.retryAfter = retryAfter;
  return error;
}
