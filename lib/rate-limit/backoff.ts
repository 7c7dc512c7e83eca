import "server-only";
import { backoffSeconds, LIMITS, readLimitConfig, type BackoffLimitName } from "@/lib/rate-limit/limits";
import { limiter, storeKey } from "@/lib/rate-limit/store";
import { rateLimited } from "@/lib/rate-limit";

/** Consecutive failures are remembered this long after the first one. */
const REMEMBER_SECONDS = 24 * 3600;

/**
 * Progressive backoff for guesses (sign-in, the current password on the account page):
 * `check` before trying (throws RATE_LIMITED while the key must wait), `fail` after a
 * wrong guess (after the free ones, each failure doubles the wait), `succeed` after a
 * right one (forgets the failures). Failures and waits live in the shared rate-limit
 * table, so they hold across app instances.
 */
export function backoff(name: BackoffLimitName) {
  const failures = () => limiter(`${name}:failures`, 1_000_000_000, REMEMBER_SECONDS);
  const lock = () => limiter(`${name}:lock`, 1, REMEMBER_SECONDS);
  return {
    async check(key: string): Promise<void> {
      if (readLimitConfig(name).kind === "off") return;
      const res = await lock().get(storeKey(key));
      if (res && res.consumedPoints > 1 && res.msBeforeNext > 0) throw rateLimited(LIMITS[name].what, res.msBeforeNext / 1000);
    },
    /** Record a failure; returns the wait it started, in seconds (0 while still free). */
    async fail(key: string): Promise<number> {
      const rule = readLimitConfig(name);
      if (rule.kind !== "backoff") return 0;
      const id = storeKey(key);
      const { consumedPoints } = await failures().penalty(id, 1);
      const wait = backoffSeconds(rule, consumedPoints);
      if (wait > 0) await lock().block(id, wait);
      return wait;
    },
    async succeed(key: string): Promise<void> {
      if (readLimitConfig(name).kind === "off") return;
      const id = storeKey(key);
      await Promise.all([failures().delete(id), lock().delete(id)]);
    },
  };
}
