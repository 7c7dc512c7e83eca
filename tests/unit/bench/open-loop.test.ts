import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { openLoop } from "@/scripts/bench/load";

/** A server that handles one request at a time, `serviceMs` each (so `1000 / serviceMs` a second at most). */
async function serialServer(serviceMs: number) {
  let queue = Promise.resolve();
  const seen: { cookie: string | undefined; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      queue = queue.then(async () => {
        await new Promise((r) => setTimeout(r, serviceMs));
        seen.push({ cookie: req.headers.cookie, body });
        res.writeHead(201).end("{}");
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, seen, close: () => new Promise((r) => server.close(r)) };
}

let close: (() => Promise<unknown>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

describe("open-loop load", () => {
  it("sends on schedule whatever the server does, so an overloaded server shows its queue in the latency", async () => {
    // Capacity 20/s, offered 60/s for one second: the last post is due at ~1 s and served at
    // ~3 s. A closed loop would report ~50 ms a request here; the open loop reports the wait.
    const server = await serialServer(50);
    close = server.close;
    const r = await openLoop({
      url: server.url,
      rate: 60,
      seconds: 1,
      writers: [{ cookie: "w=0" }, { cookie: "w=1" }, { cookie: "w=2" }],
      body: (i, w) => JSON.stringify({ i, w }),
      expectStatus: 201,
    });
    expect(r.ok).toBe(60);
    expect(r.failed).toBe(0);
    expect(r.p99).toBeGreaterThan(1500);
    expect(r.p50).toBeGreaterThan(500);
    // Each request carried its writer's cookie and its own body.
    const bodies = server.seen.map((s) => JSON.parse(s.body) as { i: number; w: number });
    expect(new Set(bodies.map((b) => b.i)).size).toBe(60);
    for (const s of server.seen) expect(s.cookie).toBe(`w=${(JSON.parse(s.body) as { w: number }).w}`);
    expect(bodies.every((b) => b.w === b.i % 3)).toBe(true);
  });

  it("counts other statuses and timeouts as failures, and leaves the warm-up out", async () => {
    const server = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        if (req.headers.cookie === "slow") return; // never answers
        res.writeHead(req.headers.cookie === "bad" ? 429 : 201).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    close = () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    };
    const r = await openLoop({
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
      rate: 12,
      seconds: 0.5,
      warmupSeconds: 0.5,
      writers: [{ cookie: "ok" }, { cookie: "bad" }, { cookie: "slow" }],
      body: () => "{}",
      expectStatus: 201,
      timeoutMs: 300,
    });
    // 12 sent in all, the first 6 in the warm-up; of the measured six, two each: ok, 429, timeout.
    expect(r.ok).toBe(2);
    expect(r.failures).toEqual({ "429": 2, timeout: 2 });
    expect(r.max).toBeGreaterThanOrEqual(300);
  });
});
