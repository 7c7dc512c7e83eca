import { describe, expect, test } from "vitest";
import { spawn } from "node:child_process";
import { Supervisor, type ExitInfo, type RunningChild } from "../../scripts/lib/supervisor";

/** A real child process running `code` in Node. */
function node(code: string): RunningChild {
  const child = spawn(process.execPath, ["-e", code], { stdio: "ignore" });
  const exited = new Promise<ExitInfo>((resolve) => child.once("exit", (c, signal) => resolve({ code: c, signal })));
  return {
    pid: child.pid,
    exited,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

const until = async (check: () => boolean, ms = 50_000) => {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > ms) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

// Real child processes: on a loaded machine each Node start can take a second or more.
describe("Supervisor", { timeout: 60_000 }, () => {
  test("a child killed with SIGKILL is started again, and the log says what happened", async () => {
    const lines: string[] = [];
    const started: number[] = [];
    const s = new Supervisor({ name: "sleeper", start: async () => node("setInterval(() => {}, 1000)"), log: (l) => lines.push(l), backoffMs: [10], onStarted: (c) => started.push(c.pid!) });
    const first = await s.start();
    process.kill(first.pid!, "SIGKILL");
    await until(() => started.length === 2);
    expect(lines[0]).toMatch(/^sleeper stopped unexpectedly \(killed by SIGKILL, pid \d+\); restarting it in 0\.01 s \(restart 1\)\.$/);
    expect(lines[1]).toMatch(/^sleeper is back \(pid \d+/);
    expect(s.current?.pid).toBe(started[1]);
    await s.stop();
    expect(s.current).toBeNull();
  });

  test("backoff grows while the child keeps dying at once, and the supervisor gives up after the limit", async () => {
    const lines: string[] = [];
    let gaveUp = "";
    const s = new Supervisor({ name: "crasher", start: async () => node("process.exit(3)"), log: (l) => lines.push(l), backoffMs: [10, 20, 40], maxQuickFailures: 4, onGiveUp: (why) => (gaveUp = why) });
    await s.start();
    await until(() => gaveUp !== "");
    const delays = lines.filter((l) => /restarting it in/.test(l)).map((l) => l.match(/in ([\d.]+) s/)![1]);
    expect(delays).toEqual(["0.01", "0.02", "0.04", "0.04"]);
    expect(lines.at(-1)).toMatch(/exit code 3.*failed 4 times in a row — giving up/);
    expect(gaveUp).toBe("crasher could not be kept running");
  });

  test("a child that stayed up long enough starts again with the shortest delay", async () => {
    const lines: string[] = [];
    const s = new Supervisor({ name: "steady", start: async () => node("setTimeout(() => process.exit(1), 150)"), log: (l) => lines.push(l), backoffMs: [10, 5_000], stableAfterMs: 100 });
    await s.start();
    await until(() => lines.filter((l) => /restarting/.test(l)).length >= 3);
    await s.stop();
    expect(lines.filter((l) => /restarting/.test(l)).every((l) => /in 0\.01 s/.test(l))).toBe(true);
  });

  test("stop() during the backoff wait: nothing is started again", async () => {
    let starts = 0;
    const s = new Supervisor({ name: "x", start: async () => (starts++, node("process.exit(1)")), log: () => {}, backoffMs: [300] });
    await s.start();
    await new Promise((r) => setTimeout(r, 100));
    await s.stop();
    await new Promise((r) => setTimeout(r, 500));
    expect(starts).toBe(1);
  });
});
