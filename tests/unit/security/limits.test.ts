import { describe, expect, test } from "vitest";
import { backoffSeconds, checkLimitConfig, describeWait, envName, LIMITS, parseRule, readLimitConfig, type LimitName } from "@/lib/rate-limit/limits";

describe("limit configuration", () => {
  test("every default parses, and each has its variable", () => {
    for (const name of Object.keys(LIMITS) as LimitName[]) {
      expect(readLimitConfig(name, {}).kind).toBe(LIMITS[name].kind);
      expect(envName(name)).toMatch(/^COLLOQUY_RATE_[A-Z_]+$/);
    }
    expect(envName("signin-account")).toBe("COLLOQUY_RATE_SIGNIN_ACCOUNT");
  });

  test("windows, backoffs and concurrent caps from the environment; off per limit and for all", () => {
    expect(readLimitConfig("comment", { COLLOQUY_RATE_COMMENT: "3/10s, 100/1d" })).toEqual({
      kind: "window",
      windows: [
        { points: 3, seconds: 10 },
        { points: 100, seconds: 86_400 },
      ],
    });
    expect(readLimitConfig("signin-account", { COLLOQUY_RATE_SIGNIN_ACCOUNT: "3/2s/1h" })).toEqual({ kind: "backoff", free: 3, firstSeconds: 2, longestSeconds: 3600 });
    expect(readLimitConfig("reads", {})).toEqual({ kind: "concurrent", max: 8 });
    expect(readLimitConfig("reads", { COLLOQUY_RATE_READS: " 20 " })).toEqual({ kind: "concurrent", max: 20 });
    expect(readLimitConfig("reads", { COLLOQUY_RATE_LIMITS: "off" })).toEqual({ kind: "off" });
    expect(readLimitConfig("comment", { COLLOQUY_RATE_COMMENT: "off" })).toEqual({ kind: "off" });
    expect(readLimitConfig("signin-account", { COLLOQUY_RATE_LIMITS: "off", COLLOQUY_RATE_SIGNIN_ACCOUNT: "1/1s/1s" })).toEqual({ kind: "off" });
  });

  test("a malformed variable stops with its name instead of meaning 'no limit'", () => {
    expect(() => readLimitConfig("comment", { COLLOQUY_RATE_COMMENT: "ten a minute" })).toThrow(/COLLOQUY_RATE_COMMENT/);
    expect(() => readLimitConfig("comment", { COLLOQUY_RATE_COMMENT: "0/1m" })).toThrow(/COLLOQUY_RATE_COMMENT/);
    expect(() => readLimitConfig("signin-ip", { COLLOQUY_RATE_SIGNIN_IP: "5/1h/1s" })).toThrow(/longest wait is shorter/);
    expect(() => parseRule("window", "5/1w")).toThrow(/duration/);
    expect(() => checkLimitConfig({ COLLOQUY_RATE_JOIN: "10 per minute" })).toThrow(/COLLOQUY_RATE_JOIN/);
    expect(() => checkLimitConfig({})).not.toThrow();
    expect(() => parseRule("backoff", "0/1s/1m")).toThrow(/backoff/);
    expect(() => readLimitConfig("reads", { COLLOQUY_RATE_READS: "0" })).toThrow(/COLLOQUY_RATE_READS.*whole number/);
    expect(() => readLimitConfig("reads", { COLLOQUY_RATE_READS: "8/1m" })).toThrow(/COLLOQUY_RATE_READS/);
  });

  test("backoff: no wait before the free-th failure, then waits doubling up to the longest", () => {
    const rule = { kind: "backoff" as const, free: 5, firstSeconds: 1, longestSeconds: 900 };
    expect([1, 4, 5, 6, 7, 8, 14, 15, 100, 10_000].map((n) => backoffSeconds(rule, n))).toEqual([0, 0, 1, 2, 4, 8, 512, 900, 900, 900]);
  });

  test("waits read as a person would say them", () => {
    expect(describeWait(0.2)).toBe("1 second");
    expect(describeWait(42)).toBe("42 seconds");
    expect(describeWait(61)).toBe("2 minutes");
    expect(describeWait(3600)).toBe("1 hour");
    expect(describeWait(86_400 * 3)).toBe("3 days");
  });
});
