import { describe, expect, test, vi } from "vitest";
import { createGate, readAdmissionConfig, readReadsConfig, ADMISSION_DEFAULTS, READS_DEFAULTS, READS_BUSY_MESSAGE } from "@/lib/net/admission";

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

  test("a caller that goes away while waiting (its signal aborted) leaves the line at once; the next in line keeps its place", async () => {
    const gate = createGate({ inFlight: 1, waitMs: 60_000 });
    const first = gate.enter() as () => void;
    const gone = new AbortController();
    const leaver = gate.enter(gone.signal) as Promise<(() => void) | null>;
    const stayer = gate.enter() as Promise<(() => void) | null>;
    expect(gate.load()).toEqual({ active: 1, waiting: 2 });
    gone.abort();
    await expect(leaver).resolves.toBeNull();
    expect(gate.load()).toEqual({ active: 1, waiting: 1 });
    first();
    const turn = await stayer;
    expect(turn).toBeTypeOf("function");
    turn!();
    expect(gate.load()).toEqual({ active: 0, waiting: 0 });
    // Already gone: no turn, nothing counted.
    expect(gate.enter(AbortSignal.abort())).toBeNull();
    expect(gate.load()).toEqual({ active: 0, waiting: 0 });
  });

  test("with no wait, a full gate refuses at once", async () => {
    const gate = createGate({ inFlight: 1, waitMs: 0 });
    expect(await gate.enter()).toBeTypeOf("function");
    expect(await gate.enter()).toBeNull();
  });
});

describe("the reads gate's configuration (COLLOQUY_READS_IN_FLIGHT, COLLOQUY_READS_WAIT_MS)", () => {
  test("defaults, values, off, and a malformed value named in the error; independent of the posts gate", () => {
    expect(readReadsConfig({})).toEqual(READS_DEFAULTS);
    // A reader would rather wait than be refused: the default wait is long, but answered before a client's usual 30 s timeout.
    expect(READS_DEFAULTS.waitMs).toBeGreaterThanOrEqual(10_000);
    expect(READS_DEFAULTS.waitMs).toBeLessThan(30_000);
    expect(readReadsConfig({ COLLOQUY_READS_IN_FLIGHT: "4", COLLOQUY_READS_WAIT_MS: "20000" })).toEqual({ inFlight: 4, waitMs: 20_000 });
    expect(readReadsConfig({ COLLOQUY_READS_IN_FLIGHT: " OFF " })).toBeNull();
    expect(readReadsConfig({ COLLOQUY_RATE_LIMITS: "off" })).toEqual(READS_DEFAULTS);
    expect(readReadsConfig({ COLLOQUY_POSTS_IN_FLIGHT: "off", COLLOQUY_POSTS_WAIT_MS: "1" })).toEqual(READS_DEFAULTS);
    expect(readAdmissionConfig({ COLLOQUY_READS_IN_FLIGHT: "off" })).toEqual(ADMISSION_DEFAULTS);
    for (const bad of ["0", "-1", "six", "2.5", "1e3"]) expect(() => readReadsConfig({ COLLOQUY_READS_IN_FLIGHT: bad })).toThrow(/COLLOQUY_READS_IN_FLIGHT/);
    for (const bad of ["20s", "-5", "1234567"]) expect(() => readReadsConfig({ COLLOQUY_READS_WAIT_MS: bad })).toThrow(/COLLOQUY_READS_WAIT_MS/);
    expect(READS_BUSY_MESSAGE).toMatch(/busy.*try again/i);
  });
});

describe("the reads gate (the same gate, a long wait)", () => {
  test("readers past the limit queue and are admitted in arrival order as turns are given back; one past the wait is refused", async () => {
    vi.useFakeTimers();
    try {
      const gate = createGate({ inFlight: 2, waitMs: 20_000 });
      const first = [(await gate.enter())!, (await gate.enter())!];
      const order: number[] = [];
      const queued = [1, 2, 3].map((n) => Promise.resolve(gate.enter()).then((release) => (order.push(n), release)));
      expect(gate.load()).toEqual({ active: 2, waiting: 3 });
      // Waiting is not refused: 19 s later all three still wait.
      vi.advanceTimersByTime(19_000);
      expect(gate.load()).toEqual({ active: 2, waiting: 3 });
      first[0]!();
      first[1]!();
      const [a, b] = await Promise.all(queued.slice(0, 2));
      expect(order).toEqual([1, 2]);
      expect(gate.load()).toEqual({ active: 2, waiting: 1 });
      vi.advanceTimersByTime(1_001);
      expect(await queued[2]).toBeNull();
      expect(gate.load()).toEqual({ active: 2, waiting: 0 });
      a!();
      b!();
      expect(gate.load()).toEqual({ active: 0, waiting: 0 });
    } finally {
      vi.useRealTimers();
    }
  });
});
