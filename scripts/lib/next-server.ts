/**
 * One `next start` (or `next dev`) process: started as `node …/next` so there is one PID
 * to stop (`npx next` leaves next-server behind when its parent is killed), stopped with
 * SIGTERM — Next then stops accepting connections and lets the requests in flight finish
 * (and instrumentation-node.ts lets the job runner finish its jobs) — escalating to
 * SIGKILL after `drainMs`. Used by `npm start` (supervised) and the browser tests and
 * benchmarks (scripts/lib/app-server.ts).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { withParentDeathSignal } from "./embedded-postgres";
import type { ExitInfo, RunningChild } from "./supervisor";

export interface NextServerOptions {
  root: string;
  env: NodeJS.ProcessEnv;
  port: number;
  host?: string;
  dev?: boolean;
  /** inherit: the server's log goes to our stdout (npm start); pipe: kept for errors. */
  output: "inherit" | "pipe";
  /** Own process group (Ctrl-C reaches only the supervisor) and SIGTERM from the kernel
   *  if the supervisor dies without stopping it. */
  supervised?: boolean;
  /** How long a stop waits for in-flight requests before SIGKILL (default 20 s). */
  drainMs?: number;
  /** How long to wait for /api/health to answer at all (default 60 s). */
  readyTimeoutMs?: number;
  /** `next start` processes sharing the port (default 1); more than one runs them under a
   *  cluster primary (scripts/lib/web-cluster.mjs), which is then the process stopped. */
  processes?: number;
}

export interface NextServer extends RunningChild {
  baseUrl: string;
  /** What the server printed (output: "pipe" only; the last 64 KB). */
  output(): string;
}

export async function startNextServer(options: NextServerOptions): Promise<NextServer> {
  const nextBin = path.join(options.root, "node_modules/next/dist/bin/next");
  const nextArgs = [options.dev ? "dev" : "start", "-p", String(options.port), ...(options.host ? ["-H", options.host] : [])];
  const processes = options.dev ? 1 : (options.processes ?? 1);
  const args = processes > 1 ? [path.join(options.root, "scripts/lib/web-cluster.mjs"), String(processes), nextBin, ...nextArgs] : [nextBin, ...nextArgs];
  const [command, commandArgs] = options.supervised ? withParentDeathSignal(process.execPath, args, "SIGTERM") : [process.execPath, args];
  const child = spawn(command, commandArgs, {
    cwd: options.root,
    env: { ...options.env, PORT: String(options.port), ...(options.dev ? {} : { NODE_ENV: "production" }) },
    stdio: options.output === "inherit" ? ["ignore", "inherit", "inherit"] : ["ignore", "pipe", "pipe"],
    detached: options.supervised === true,
  });
  let log = "";
  const keep = (d: Buffer) => {
    log += d.toString("utf8");
    if (log.length > 65_536) log = log.slice(-65_536);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
    child.once("error", () => resolve({ code: 127, signal: null }));
  });
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const drained = await Promise.race([
        exited.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), options.drainMs ?? 20_000).unref()),
      ]);
      if (!drained) {
        child.kill("SIGKILL");
        await exited;
      }
    })());

  const host = options.host ?? "127.0.0.1";
  const baseUrl = `http://${host.includes(":") ? `[${host}]` : host}:${options.port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  let done = false;
  void exited.then(() => (done = true));
  for (;;) {
    if (done) throw new Error(`the web server exited during start-up${log ? `:\n${log.trim().split("\n").slice(-15).join("\n")}` : ""}`);
    // Any answer counts: /api/health says 503 while the database is down, but the server is up.
    // The timeout also covers reading the body: a failure there is "not up yet" too (with
    // .then(ok, fail) it escaped as an unhandled rejection and ended the start on a busy machine).
    const up = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) })
      .then(async (r) => (await r.arrayBuffer(), true))
      .catch(() => false);
    if (up) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the web server did not answer /api/health within ${Math.round((options.readyTimeoutMs ?? 60_000) / 1000)} s${log ? `:\n${log}` : ""}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { pid: child.pid, exited, stop, baseUrl, output: () => log };
}
