/**
 * Load generators for the benchmark. Closed loop: autocannon (a maintained load generator)
 * with N connections, each sending its next request when the last one answered. Open loop:
 * requests sent on a fixed schedule whatever the server does, latency counted from the
 * intended send time, so a server that falls behind shows it (no coordinated omission).
 */
import http from "node:http";
import autocannon from "autocannon";
import { percentile } from "./stats";

export interface LoadResult {
  /** Completed requests per second (autocannon's mean over its 1-second samples). */
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  requests: number;
  /** Mean bytes per response (body and headers). */
  bytesPerResponse: number;
}

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  connections?: number;
  seconds: number;
  /** A short run first whose figures are thrown away (JIT, caches, pools). */
  warmupSeconds?: number;
}

async function run(url: string, headers: Record<string, string>, connections: number, seconds: number) {
  const result = await autocannon({ url, headers, connections, duration: seconds, timeout: 30 });
  // autocannon stops at the deadline with up to `connections` requests still being served;
  // wait for them (one more request queues behind them) so the next run starts on an idle server.
  await fetch(url, { headers }).then((r) => r.arrayBuffer(), () => null);
  return result;
}

/** autocannon against one URL; throws when any response was not 2xx or any request failed,
 *  because a figure over redirects or errors measures the wrong page. */
export async function measureLoad(options: LoadOptions): Promise<LoadResult> {
  const headers = options.headers ?? {};
  const connections = options.connections ?? 20;
  if (options.warmupSeconds) await run(options.url, headers, connections, options.warmupSeconds);
  const r = await run(options.url, headers, connections, options.seconds);
  if (r.non2xx > 0 || r.errors > 0 || r.timeouts > 0) {
    const codes = Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => `${code}×${(s as { count: number }).count}`).join(", ");
    throw new Error(`${options.url}: ${r.non2xx} non-2xx responses (${codes}), ${r.errors} errors, ${r.timeouts} timeouts out of ${r.requests.total}`);
  }
  if (r.requests.total === 0) throw new Error(`${options.url}: no response completed within the ${options.seconds} s run (the machine is too busy, or one response takes longer than the run)`);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    requests: r.requests.total,
    bytesPerResponse: r.requests.total ? r.throughput.total / r.requests.total : 0,
  };
}

export interface OpenLoopWriter {
  cookie: string;
}

export interface OpenLoopOptions {
  url: string;
  /** Requests per second offered, spread evenly over time and over the writers. */
  rate: number;
  seconds: number;
  /** Sent on the same schedule before the measured window; not counted. */
  warmupSeconds?: number;
  writers: OpenLoopWriter[];
  /** The JSON body of request `i` from `writer`. */
  body(i: number, writer: number): string;
  expectStatus: number;
  timeoutMs?: number;
}

export interface OpenLoopResult {
  offered: number;
  /** Requests in the measured window that got `expectStatus` per second of that window. */
  achieved: number;
  ok: number;
  failed: number;
  /** Status codes (or "timeout"/"error") of the failures. */
  failures: Record<string, number>;
  /** Latency from the intended send time to the end of the response (or the timeout), measured window only. */
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/**
 * Open-loop POSTs: request i is due at start + i/rate seconds and is sent then (each writer
 * has its own keep-alive connections and opens another when its last request is still
 * waiting), so a slow server meets the same offered load instead of slowing the senders.
 */
export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const { rate, writers } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const warmup = options.warmupSeconds ?? 0;
  const total = Math.round(rate * (warmup + options.seconds));
  const firstMeasured = Math.round(rate * warmup);
  const url = new URL(options.url);
  const agents = writers.map(() => new http.Agent({ keepAlive: true }));
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let ok = 0;
  const inflight = new Set<Promise<void>>();
  const start = performance.now() + 20;

  const send = (i: number, due: number) => {
    const writer = i % writers.length;
    const payload = Buffer.from(options.body(i, writer));
    const done = new Promise<void>((resolve) => {
      let settled = false;
      const finish = (outcome: string | null) => {
        if (settled) return; // a timed-out request also ends in an error event
        settled = true;
        if (i >= firstMeasured) {
          latencies.push(performance.now() - due);
          if (outcome === null) ok++;
          else failures[outcome] = (failures[outcome] ?? 0) + 1;
        }
        resolve();
      };
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method: "POST",
          agent: agents[writer],
          headers: { "Content-Type": "application/json", "Content-Length": payload.length, Cookie: writers[writer]!.cookie },
        },
        (res) => {
          res.resume();
          res.on("end", () => finish(res.statusCode === options.expectStatus ? null : String(res.statusCode)));
          res.on("error", (error: NodeJS.ErrnoException) => finish(error.code ?? "error"));
        },
      );
      // From the send, not from the connection (a socket's own timeout starts only once it
      // has connected, and an overloaded server can take many seconds to accept one).
      const timer = setTimeout(() => {
        finish("timeout");
        req.destroy();
      }, timeoutMs);
      req.on("close", () => clearTimeout(timer));
      req.on("error", (error: NodeJS.ErrnoException) => finish(error.code ?? "error"));
      req.end(payload);
    });
    inflight.add(done);
    void done.then(() => inflight.delete(done));
  };

  for (let i = 0; i < total; ) {
    const now = performance.now();
    while (i < total && start + (i * 1000) / rate <= now) {
      send(i, start + (i * 1000) / rate);
      i++;
    }
    if (i < total) await new Promise((r) => setTimeout(r, Math.max(0, start + (i * 1000) / rate - performance.now())));
  }
  while (inflight.size) await Promise.all([...inflight]);
  for (const agent of agents) agent.destroy();

  const failed = Object.values(failures).reduce((a, b) => a + b, 0);
  return {
    offered: rate,
    achieved: ok / options.seconds,
    ok,
    failed,
    failures,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: Math.max(...latencies),
  };
}

/** One GET on a new connection (no keep-alive): whether it answered 2xx, and how long it took. */
function freshGet(url: string, timeoutMs: number): Promise<{ ok: boolean; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const done = (ok: boolean) => resolve({ ok, ms: performance.now() - t0 });
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      res.on("end", () => done((res.statusCode ?? 0) < 300));
      res.on("error", () => done(false));
    });
    req.setTimeout(timeoutMs, () => req.destroy());
    req.on("error", () => done(false));
  });
}

/**
 * Wait until the server answers `url` within `quickMs` again, on a new connection each time:
 * after a load generator gave up on requests, their connections still queue to be accepted
 * and served, ahead of any new one (a kept-alive connection would skip that queue and say
 * all is well). Returns the seconds waited; gives up after `maxMs`.
 */
export async function waitUntilResponsive(url: string, quickMs = 500, maxMs = 60_000): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < maxMs) {
    const { ok, ms } = await freshGet(url, maxMs);
    if (ok && ms < quickMs) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return (performance.now() - t0) / 1000;
}
