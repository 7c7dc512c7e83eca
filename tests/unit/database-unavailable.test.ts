import { describe, expect, test } from "vitest";
import { asAppError, isDatabaseUnavailable } from "@/lib/errors";

// Shapes recorded from Prisma 7 + adapter-pg against a PostgreSQL killed with SIGKILL and
// restarting (see e2e/supervision.test.ts for the real thing).
const unreachable = Object.assign(new Error("Can't reach database server at 127.0.0.1:45763"), {
  code: "P1001",
  meta: { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 45763 } } },
});
const startingUp = Object.assign(new Error("Raw query failed. Code: `57P03`. Message: `the database system is starting up`"), {
  code: "P2010",
  meta: { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "postgres", code: "57P03" } } },
});
const killedMidQuery = Object.assign(new Error("terminating connection due to unexpected postmaster exit"), { code: "57P01" });
const poolTimeout = Object.assign(new Error("Transaction API error: Unable to start a transaction in the given time."), { code: "P2028" });

describe("the database being away is a 503, not a 500", () => {
  test.each([
    ["unreachable (P1001)", unreachable],
    ["starting up (57P03 inside P2010)", startingUp],
    ["connection killed mid-query (57P01)", killedMidQuery],
    ["no transaction in time (P2028)", poolTimeout],
    ["refused socket", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
  ])("%s", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    const known = asAppError(error);
    expect(known?.status).toBe(503);
    expect(known?.message).toMatch(/cannot reach its database/);
  });

  test("real bugs and bad input stay what they are", () => {
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("unique"), { code: "P2002" }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("syntax"), { code: "42601" }))).toBe(false);
    expect(asAppError(new TypeError("x is undefined"))).toBeNull();
  });
});
