/**
 * Several `next start` processes on one port (COLLOQUY_WEB_PROCESSES > 1): Node's cluster
 * primary holds the listening socket and hands each connection to one of its workers, each
 * a whole `next start` (its own event loop, caches, database pool, job runner and live
 * listener — the app is already built for several instances on one database, docs/DEPLOY.md).
 * One app process is one thread: on a machine with more cores than PostgreSQL needs, more
 * processes serve more requests.
 *
 * This primary is what scripts/lib/next-server.ts starts in place of `next start`, so the
 * supervisor around it (restarts, drain, SIGTERM) is unchanged. Here: a worker that dies is
 * replaced after a second (said on stderr); five deaths within a minute mean something is
 * wrong with the app itself, and the primary exits so the supervisor's back-off takes over.
 * SIGTERM/SIGINT go to every worker (Next drains its requests); the primary exits when they
 * are gone. A worker whose primary is gone (even SIGKILLed) exits by itself: the cluster
 * channel closes.
 *
 *   node scripts/lib/web-cluster.mjs <processes> <path to next's bin> start -p <port> [...]
 */
import cluster from "node:cluster";

const [count, nextBin, ...nextArgs] = process.argv.slice(2);
const processes = Number(count);
if (!Number.isInteger(processes) || processes < 1 || !nextBin) {
  console.error("usage: web-cluster.mjs <processes> <next bin> <next args…>");
  process.exit(2);
}

cluster.setupPrimary({ exec: nextBin, args: nextArgs });

let stopping = false;
let exitCode = 0;
const deaths = [];
const say = (line) => console.error(`[web ${new Date().toISOString().slice(11, 19)}] ${line}`);

for (let i = 0; i < processes; i++) cluster.fork();

cluster.on("exit", (worker, code, signal) => {
  if (stopping) {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
    return;
  }
  const now = Date.now();
  deaths.push(now);
  while (deaths.length && deaths[0] < now - 60_000) deaths.shift();
  if (deaths.length >= 5) {
    say(`web processes died ${deaths.length} times within a minute (the last: ${signal ?? `exit code ${code}`}); stopping them all`);
    stopAll(1);
    return;
  }
  say(`a web process (pid ${worker.process.pid}) ended (${signal ?? `exit code ${code}`}); starting another in 1 s`);
  setTimeout(() => {
    if (!stopping) cluster.fork();
  }, 1000).unref();
});

/** Stop every worker (Next drains its requests); the "exit" handler above ends this process
 *  once they are all gone, with `code` (1: they were stopped for a failure). */
function stopAll(code) {
  stopping = true;
  exitCode = code;
  const workers = Object.values(cluster.workers ?? {});
  if (workers.length === 0) process.exit(code);
  for (const worker of workers) worker?.process.kill("SIGTERM");
}

for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => stopAll(0));
