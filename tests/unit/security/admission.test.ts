import { describe, expect, test, vi } from "vitest";
import { createGate, readAdmissionConfig, ADMISSION_DEFAULTS } from "@/lib/net/admission";

describe("the posts gate's configuration (COLLOQUY_POSTS_IN_FLIGHT, COLLOQUY_POSTS_WAIT_MS)", () => {
  test("defaults, values, off, and a malformed value named in the error", () => {
    expect(readAdmissionConfig({})).toEqual(ADMISSION_DEFAULTS);
    expect(readAdmissionConfig({ COLLOQUY_POSTS_IN_FLIGHT: "3", COLLOQUY_POSTS_WAIT_MS: "0" })).toEqual({ inFlight: 3, waitMs: 0 });
    expect(readAdmissionConfig({ COLLOQUY_POSTS_IN_FLIGHT: "off" })).toBeNull();
    // Abuse limits off (load tests) leaves load shedding on.
    expect(readAdmissionConfig({ COLLOQUY_RATE_LIMITS: "off" })).toEqual(ADMISSION_DEFAULTS);
    for (const bad of ["0", "-1", "eight", "1.5"]) expect(() => readAdmissionConfig({ COLLOQUY_POSTS_IN_FLIGHT: bad })).toThrow(/COLLOQUY_POSTS_IN_FLIGHT/);
    expect(() => readAdmissionConfig({ COLLOQUY_POSTS_WAIT_MS: "1s" })).toThrow(/COLLOQUY_POSTS_WAIT_MS/);
  });
});

describe("the posts gate", () => {
  test("admits up to its limit at once; the next waits, and gets the turn a release hands over", async () => {
    const gate = createGate({ inFlight: 2, waitMs: 1_000 });
    const a = (await gate.enter())!;
    const b = (await gate.enter())!;
    expect(a).toBeTypeOf("function");
    expect(b).toBeTypeOf("function");
    const waiting = gate.enter();
    expect(gate.load()).toEqual({ active: 2, waiting: 1 });
    a();
    const c = await waiting;
    expect(c).toBeTypeOf("function");
    expect(gate.load()).toEqual({ active: 2, waiting: 0 });
    b();
    c!();
    expect(gate.load()).toEqual({ active: 0, waiting: 0 });
  });

  test("a post that gets no turn within the wait is refused (null), and leaves nothing behind", async () => {
    vi.useFakeTimers();
    try {
      const gate = createGate({ inFlight: 1, waitMs: 500 });
      const held = (await gate.enter())!;
      const refused = gate.enter();
      vi.advanceTimersByTime(501);
      expect(await refused).toBeNull();
      expect(gate.load()).toEqual({ active: 1, waiting: 0 });
      held();
      // Releasing twice does not open a second turn.
      held();
      expect(gate.load()).toEqual({ active: 0, waiting: 0 });
      expect(await gate.enter()).toBeTypeOf("function");
    } finally {
      vi.useRealTimers();
    }
  });

  test("with no wait, a full gate refuses at once", async () => {
    const gate = createGate({ inFlight: 1, waitMs: 0 });
    expect(await gate.enter()).toBeTypeOf("function");
    expect(await gate.enter()).toBeNull();
  });
});
