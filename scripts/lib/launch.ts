/**
 * Drive a real `npm start` from the outside, the way a person or a process manager does:
 * for the supervision test, the crash test (`npm run crash-test`) and the soak
 * (`npm run soak`). It runs in its own process group on a throwaway data folder and port,
 * and can name the processes it supervises so they can be killed for real.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { projectRoot, runningEmbeddedUrl } from "./database";
import { resolveClusterDir } from "./embedded-postgres";

export interface Launched {
  /** The npm process (or node, without npm). */
  child: ChildProcess;
  baseUrl: string;
  dataDir: string;
  output(): string;
  /** Resolves once the output matches (or rejects after timeoutMs, with the output). */
  waitFor(pattern: RegExp, timeoutMs: number, from?: number): Promise<void>;
  supervisorPid(): number | null;
  webPid(): number | null;
  /** Every web server process: one, or the workers of COLLOQUY_WEB_PROCESSES > 1 (not their cluster primary). */
  webPids(): number[];
  postgresPid(): number | null;
  databaseUrl(): string;
  /** Resolves when npm and every process that shares its output (the supervisor, the web
   *  server) are gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Stop the whole group (SIGTERM, then SIGKILL after graceMs) — for clean-up. */
  kill(graceMs?: number): Promise<void>;
}

export interface LaunchOptions {
  dataDir: string;
  port: number;
  /** Run as `npm start` (default) or straight as `node --import tsx scripts/start.ts`. */
  viaNpm?: boolean;
  env?: Record<string, string>;
  /** Also print the output as it comes, each line prefixed. */
  echo?: string;
}

function processTable(): { pid: number; ppid: number; args: string }[] {
  const out = execFileSync("ps", ["-e", "-o", "pid=,ppid=,args="], { encoding: "utf8" });
  return out
    .split("\n")
    .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
}

/** Descendants of `root` whose command line matches `pattern` (nearest first). */
export function findDescendant(root: number, pattern: RegExp): number | null {
  return findDescendants(root, pattern)[0] ?? null;
}

/** Every descendant of `root` whose command line matches (not looking below a match). */
export function findDescendants(root: number, pattern: RegExp): number[] {
  const table = processTable();
  const found: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    for (const p of table.filter((row) => row.ppid === pid)) {
      if (pattern.test(p.args)) found.push(p.pid);
      else queue.push(p.pid);
    }
  }
  return found;
}

/** A web server process's command line: `next start` (or dev), or the title it gives itself —
 *  not the cluster primary above several of them (scripts/lib/web-cluster.mjs). */
const WEB_PROCESS = /^(?!.*web-cluster\.mjs).*(next-server|next\/dist\/bin\/next (start|dev))/;

export function launchColloquy(options: LaunchOptions): Launched {
  const viaNpm = options.viaNpm ?? true;
  const [command, args] = viaNpm ? ["npm", ["start"]] : [process.execPath, ["--import", "tsx", "scripts/start.ts"]];
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...options.env, PORT: String(options.port), COLLOQUY_DATA_DIR: options.dataDir };
  delete env.DATABASE_URL;
  if (options.env?.DATABASE_URL) env.DATABASE_URL = options.env.DATABASE_URL;
  const child = spawn(command, args as string[], { cwd: projectRoot, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const waiters = new Set<() => void>();
  const onData = (d: Buffer) => {
    const text = d.toString("utf8");
    output += text;
    if (options.echo) process.stdout.write(text.replace(/^(?=.)/gm, options.echo));
    for (const w of waiters) w();
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  // "close", not "exit": npm may exit first (SIGTERM to npm), while the supervisor and its
  // web server still write to the same pipe; it closes when the last of them is gone.
  let closed = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("close", (code, signal) => {
      closed = true;
      resolve({ code, signal });
      for (const w of waiters) w();
    }),
  );
  // Remembered once found: after npm exits the supervisor is no longer its descendant.
  let supervisor: number | null = null;
  const supervisorPid = () => {
    if (supervisor === null && child.pid) supervisor = viaNpm ? findDescendant(child.pid, /scripts\/start\.ts/) : child.pid;
    return supervisor;
  };
  const pgDir = () => resolveClusterDir(options.dataDir).dir;

  return {
    child,
    baseUrl: `http://127.0.0.1:${options.port}`,
    dataDir: options.dataDir,
    output: () => output,
    exited,
    waitFor(pattern, timeoutMs, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(output.slice(from))) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve();
          } else if (closed) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`npm start exited before printing ${pattern}:\n${output.slice(-4000)}`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${pattern} within ${timeoutMs / 1000} s:\n${output.slice(-4000)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    supervisorPid,
    webPid() {
      const supervisor = supervisorPid();
      return supervisor ? findDescendant(supervisor, WEB_PROCESS) : null;
    },
    webPids() {
      const supervisor = supervisorPid();
      return supervisor ? findDescendants(supervisor, WEB_PROCESS) : [];
    },
    postgresPid() {
      const file = path.join(pgDir(), "postmaster.pid");
      if (!existsSync(file)) return null;
      const pid = Number(readFileSync(file, "utf8").split("\n")[0]);
      try {
        process.kill(pid, 0);
        return pid;
      } catch {
        return null;
      }
    },
    databaseUrl() {
      const url = options.env?.DATABASE_URL ?? runningEmbeddedUrl("colloquy", options.dataDir);
      if (!url) throw new Error("PostgreSQL is not running");
      return url;
    },
    async kill(graceMs = 20_000) {
      if (!child.pid || closed) return;
      // The supervisor runs its children in their own groups: signal it, then the npm group.
      const supervisor = supervisorPid();
      try {
        if (supervisor) process.kill(supervisor, "SIGTERM");
        process.kill(-child.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
      const done = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), graceMs))]);
      if (!done) {
        for (const pid of [supervisor, -child.pid]) {
          try {
            if (pid) process.kill(pid, "SIGKILL");
          } catch {
            /* gone */
          }
        }
      }
    },
  };
}

/** Sign in through next-auth's credentials endpoint, as the sign-in form does; returns the
 *  Cookie header value of a real session. */
export { signIn } from "./sign-in";
