/**
 * Every abuse limit Colloquy enforces, with its default. A deployment changes one with
 * `COLLOQUY_RATE_<NAME>` (name upper-cased, `-` → `_`), or turns it off with `=off`;
 * `COLLOQUY_RATE_LIMITS=off` turns them all off (load tests, the benchmark).
 *
 * Two kinds:
 * - window: "points/duration" windows, comma-separated, all enforced: `10/1m,500/1d` = at
 *   most 10 a minute and 500 a day.
 * - backoff: "free/first/longest": the `free`-th consecutive failure makes the key wait
 *   `first`, and each further failure doubles the wait, up to `longest` (`5/30s/1h`: after
 *   5 wrong passwords in a row, 30 s; then 1 min, 2 min, … 1 hour). A success forgets the
 *   failures; they are also forgotten a day after the first one.
 * - concurrent: "n": at most n at once per key in one app instance (`8`: a ninth request
 *   while eight are still being answered is refused at once). Counted in memory
 *   (lib/net/per-user-slots.ts): it bounds what one account holds of an instance, not a rate.
 *
 * To limit a new endpoint: add a line here, then call `await rateLimit("name", key)` (see
 * lib/rate-limit.ts) before the work. docs/SECURITY.md lists them for operators.
 *
 * Pure: no database, no environment reads outside `readLimitConfig` (unit-tested).
 */

export type LimitSpec = {
  kind: "window" | "backoff" | "concurrent";
  default: string;
  /** What the key is (for the docs). */
  per: string;
  /** The sentence's first half, shown with the wait: "<what>. Try again in 2 minutes." */
  what: string;
};

export const LIMITS = {
  signin: { kind: "window", default: "60/1m", per: "client IP", what: "Too many sign-in attempts from your network" },
  "signin-account": { kind: "backoff", default: "5/30s/1h", per: "account email", what: "Too many failed sign-ins for this account" },
  "signin-ip": { kind: "backoff", default: "50/30s/1h", per: "client IP", what: "Too many failed sign-ins from your network" },
  signup: { kind: "window", default: "20/1h", per: "client IP", what: "Too many new accounts from your network" },
  course: { kind: "window", default: "10/1h,30/1d", per: "user", what: "Too many new courses in a short time" },
  join: { kind: "window", default: "10/10m,30/1d", per: "user", what: "Too many join-code attempts" },
  comment: { kind: "window", default: "10/1m,500/1d", per: "user", what: "You are posting faster than Colloquy allows" },
  import: { kind: "window", default: "30/1h", per: "user", what: "Too many imports in a short time" },
  account: { kind: "window", default: "10/10m", per: "user", what: "Too many account changes in a short time" },
  moderate: { kind: "window", default: "120/1m,3000/1d", per: "user", what: "You are moderating faster than Colloquy allows" },
  report: { kind: "window", default: "10/10m,50/1d", per: "user", what: "You are reporting comments faster than Colloquy allows" },
  notifications: { kind: "window", default: "60/1m", per: "user", what: "Too many notification changes in a short time" },
  mentions: { kind: "window", default: "120/1m", per: "user", what: "Too many name lookups in a short time" },
  search: { kind: "window", default: "30/1m,600/1d", per: "user", what: "You are searching faster than Colloquy allows" },
  // Reading pages and thread opens one signed-in session has in flight (held or waiting for
  // a read turn, lib/net/read-turn.ts): a script opening hundreds at once would otherwise fill
  // the instance's reads queue ahead of everyone else. A person's tabs stay far below it.
  reads: { kind: "concurrent", default: "8", per: "session", what: "You have too many pages loading at once" },
} as const satisfies Record<string, LimitSpec>;

export type LimitName = keyof typeof LIMITS;
export type WindowLimitName = { [K in LimitName]: (typeof LIMITS)[K]["kind"] extends "window" ? K : never }[LimitName];
export type BackoffLimitName = { [K in LimitName]: (typeof LIMITS)[K]["kind"] extends "backoff" ? K : never }[LimitName];
export type ConcurrentLimitName = { [K in LimitName]: (typeof LIMITS)[K]["kind"] extends "concurrent" ? K : never }[LimitName];

export type WindowRule = { kind: "window"; windows: { points: number; seconds: number }[] };
export type BackoffRule = { kind: "backoff"; free: number; firstSeconds: number; longestSeconds: number };
export type ConcurrentRule = { kind: "concurrent"; max: number };
export type LimitRule = WindowRule | BackoffRule | ConcurrentRule | { kind: "off" };

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** "90s", "15m", "1h", "2d" → seconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+)\s*([smhd])$/.exec(text.trim());
  if (!m) throw new Error(`"${text}" is not a duration like 30s, 15m, 1h or 1d`);
  const seconds = Number(m[1]) * UNITS[m[2]!]!;
  if (seconds <= 0) throw new Error(`"${text}" must be longer than zero`);
  return seconds;
}

export function parseRule(kind: LimitSpec["kind"], text: string): LimitRule {
  const value = text.trim();
  if (value.toLowerCase() === "off") return { kind: "off" };
  if (kind === "window") {
    const windows = value.split(",").map((part) => {
      const m = /^(\d+)\s*\/\s*(.+)$/.exec(part.trim());
      if (!m || Number(m[1]) < 1) throw new Error(`"${part}" is not a window like 10/1m (at most 10 a minute)`);
      return { points: Number(m[1]), seconds: parseDuration(m[2]!) };
    });
    return { kind: "window", windows };
  }
  if (kind === "concurrent") {
    if (!/^\d{1,6}$/.test(value) || Number(value) < 1) throw new Error(`"${value}" is not a whole number ≥ 1 (how many at once)`);
    return { kind: "concurrent", max: Number(value) };
  }
  const parts = value.split("/");
  if (parts.length !== 3 || !/^\d+$/.test(parts[0]!.trim()) || Number(parts[0]) < 1) {
    throw new Error(`"${value}" is not a backoff like 5/1s/15m (5 free failures, then waits from 1 s doubling to 15 min)`);
  }
  const firstSeconds = parseDuration(parts[1]!);
  const longestSeconds = parseDuration(parts[2]!);
  if (longestSeconds < firstSeconds) throw new Error(`"${value}": the longest wait is shorter than the first`);
  return { kind: "backoff", free: Number(parts[0]), firstSeconds, longestSeconds };
}

export const envName = (name: LimitName) => `COLLOQUY_RATE_${name.toUpperCase().replace(/-/g, "_")}`;

/** The rule in force for `name` under `env`. A malformed variable throws, naming it: a
 *  typo in a limit must not silently mean "no limit". */
export function readLimitConfig(name: LimitName, env: Record<string, string | undefined> = process.env): LimitRule {
  if ((env.COLLOQUY_RATE_LIMITS ?? "").trim().toLowerCase() === "off") return { kind: "off" };
  const spec: LimitSpec = LIMITS[name];
  const variable = envName(name);
  const raw = env[variable];
  try {
    return parseRule(spec.kind, raw?.trim() ? raw : spec.default);
  } catch (error) {
    throw new Error(`${variable}: ${(error as Error).message}`);
  }
}

/** Wait after the n-th consecutive failure under a backoff rule: none before the `free`-th,
 *  then `first`, doubling with each further failure, at most `longest`. */
export function backoffSeconds(rule: BackoffRule, failures: number): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.longestSeconds, rule.firstSeconds * 2 ** Math.min(failures - rule.free, 40));
}

/** "Try again in 2 minutes." — the wait rounded up to something a person reads. */
export function describeWait(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `${s} second${s === 1 ? "" : "s"}`;
  const m = Math.ceil(s / 60);
  if (m < 60) return `${m} minute${m === 1 ? "" : "s"}`;
  const h = Math.ceil(m / 60);
  if (h < 48) return `${h} hour${h === 1 ? "" : "s"}`;
  const d = Math.ceil(h / 24);
  return `${d} days`;
}

/** Reads every limit once (at server start): throws on the first malformed variable. */
export function checkLimitConfig(env: Record<string, string | undefined> = process.env): void {
  for (const name of Object.keys(LIMITS) as LimitName[]) readLimitConfig(name, env);
}
