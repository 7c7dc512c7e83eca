/**
 * Where Colloquy's database is: DATABASE_URL when set, otherwise the embedded PostgreSQL
 * kept in COLLOQUY_DATA_DIR (default .data/).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { resolveClusterDir, startEmbeddedPostgres, type EmbeddedServer } from "./embedded-postgres";

export const projectRoot = path.resolve(__dirname, "../..");
export const dataDir = () => path.resolve(process.env.COLLOQUY_DATA_DIR || path.join(projectRoot, ".data"));

/** When `npm start` is already running on this data folder, its PostgreSQL owns the cluster:
 *  connect to it (port from postmaster.pid) instead of starting a second server. */
export function runningEmbeddedUrl(database = "colloquy", folder = dataDir()): string | null {
  const { dir } = resolveClusterDir(folder);
  const pidFile = path.join(dir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const [pidLine, , , portLine] = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(pidLine);
  try {
    process.kill(pid, 0);
  } catch {
    return null; // stale pid file: PostgreSQL is not running
  }
  const password = readFileSync(`${dir}.password`, "utf8").trim();
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${Number(portLine)}/${database}`;
}

export interface OpenOptions {
  quiet?: boolean;
  /** Use the PostgreSQL of an `npm start` already running on this data folder. */
  shareRunning?: boolean;
  /** Embedded only: listen on this port (a supervisor restarts PostgreSQL on the same one). */
  port?: number;
  /** Embedded only: see StartOptions.supervised. */
  supervised?: boolean;
}

export async function openDatabase(opts: OpenOptions = {}): Promise<{ url: string; embedded: EmbeddedServer | null }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: null };
  if (opts.shareRunning) {
    const url = runningEmbeddedUrl();
    if (url) return { url, embedded: null };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: dataDir(),
    database: "colloquy",
    port: opts.port,
    supervised: opts.supervised,
    log: opts.quiet ? undefined : (l) => console.log(`[db] ${l}`),
  });
  if (embedded.relocatedFrom && !opts.quiet) {
    console.log(`[db] the postgres user cannot reach ${embedded.relocatedFrom}; the database lives in ${embedded.dataDir}`);
  }
  return { url: embedded.url, embedded };
}

export async function withDatabase<T>(opts: OpenOptions, run: (url: string) => Promise<T>): Promise<T> {
  const { url, embedded } = await openDatabase(opts);
  try {
    return await run(url);
  } finally {
    await embedded?.stop();
  }
}
