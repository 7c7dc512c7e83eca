/**
 * Every app instance is also a worker of the one job queue (lib/jobs), so `npm start`, the
 * tests and each replica behind a proxy need nothing else running. COLLOQUY_JOBS=off makes
 * an instance web-only.
 *
 * Starting: when the database is not there yet (the server was restarted while PostgreSQL
 * was down), the runner is retried with a growing delay; pages answer meanwhile.
 * Stopping: on SIGTERM/SIGINT Next closes the HTTP server, lets the requests in flight
 * finish, then calls process.exit. The job runner gets the same courtesy — it stops taking
 * jobs and finishes the ones it holds (at most 8 s; a job cut short is retried by another
 * worker once it expires) — so that exit waits until the runner has stopped.
 */
import { startJobRunner, type JobRunner } from "./lib/jobs/runner";
// Per-address limits need the TCP peer's address, which Next.js does not pass on.
import "./lib/net/stamp-peer-address";
import { checkLimitConfig } from "./lib/rate-limit/limits";
import { readAdmissionConfig, readReadsConfig } from "./lib/net/admission";
// A page refused a read turn answers 503 and gives its turn back when its response closes.
import { installRequestScope } from "./lib/net/request-scope";

// A typo in an abuse limit must stop the server with a message, not mean "no limit".
try {
  checkLimitConfig();
  readAdmissionConfig();
  readReadsConfig();
} catch (error) {
  console.error(`[colloquy] ${(error as Error).message}`);
  process.exit(1);
}

installRequestScope();

let signalled = false;
let runner: Promise<JobRunner | null> | null = null;
let stopped: Promise<void> | null = null;

function stopRunner(): Promise<void> {
  stopped ??= Promise.race([
    (async () => {
      const r = await runner;
      await r?.stop({ graceful: true, timeoutMs: 8_000 }).catch((e: unknown) => console.error("[jobs] stopping the job runner:", e));
    })(),
    // A runner still trying to reach the database must not hold the exit for ever.
    new Promise<void>((r) => setTimeout(r, 10_000).unref()),
  ]);
  return stopped;
}

function onSignal() {
  if (signalled) return;
  signalled = true;
  void stopRunner();
  const exit = process.exit.bind(process);
  process.exit = ((code?: number) => void stopRunner().finally(() => exit(code))) as typeof process.exit;
}

async function start() {
  if (process.env.COLLOQUY_JOBS === "off" || !process.env.DATABASE_URL) return;
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
  for (let attempt = 0; !signalled; attempt++) {
    try {
      const started = startJobRunner();
      runner = started.catch(() => null);
      await started;
      return;
    } catch (error) {
      const delay = Math.min(60, 2 ** attempt);
      console.error(`[jobs] could not start the job runner (${error instanceof Error ? error.message : error}); trying again in ${delay} s`);
      await new Promise((r) => setTimeout(r, delay * 1000).unref());
    }
  }
}

void start();
