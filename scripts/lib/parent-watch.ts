/**
 * Notices when whoever started us is gone. A process manager (systemd, Docker, a CI
 * runner) stopping `npm start` sends SIGTERM to the npm process only: npm passes it to the
 * `sh -c` it runs the script in, that shell exits without passing it on, and the script —
 * with PostgreSQL and the web server — would keep running, orphaned and still serving.
 * So `npm start` watches its parent and, when npm runs it, npm itself, and stops
 * everything cleanly when either exits.
 */
import { readFileSync } from "node:fs";

/** The parent pid of `pid` as the kernel says now (process.ppid is fixed at start-up). */
export function parentOf(pid: number | "self"): number | null {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so split after ")".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } catch {
    return [];
  }
}

const isNpm = (argv: string[]) => argv.slice(0, 2).some((a) => /(^|\/)npm(-cli\.js)?$/.test(a));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The pids to watch: our parent, and the npm process above it when npm started us. */
export function launcherPids(): { parent: number; npm: number | null } {
  const parent = parentOf("self") ?? process.ppid;
  let npm: number | null = null;
  if (process.env.npm_lifecycle_event) {
    let pid: number | null = parent;
    for (let depth = 0; pid && pid > 1 && depth < 4; depth++) {
      if (isNpm(commandLine(pid))) {
        npm = pid;
        break;
      }
      pid = parentOf(pid);
    }
  }
  return { parent, npm };
}

/** Calls `onGone` once, when our parent changes (we were orphaned) or npm exits. Returns a
 *  function that stops watching. */
export function watchLaunchers(onGone: (why: string) => void, intervalMs = 500): () => void {
  const { parent, npm } = launcherPids();
  const timer = setInterval(() => {
    const now = parentOf("self");
    let why: string | null = null;
    if (now !== null ? now !== parent : !alive(parent)) why = `the process that started Colloquy (pid ${parent}) exited`;
    else if (npm !== null && !alive(npm)) why = `npm (pid ${npm}) exited`;
    if (why) {
      clearInterval(timer);
      onGone(why);
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
