/**
 * Every app instance is also a worker of the one job queue (lib/jobs), so `npm start`, the
 * tests and each replica behind a proxy need nothing else running. COLLOQUY_JOBS=off makes
 * an instance web-only.
 */
import { startJobRunner } from "./lib/jobs/runner";

async function start() {
  if (process.env.COLLOQUY_JOBS === "off" || !process.env.DATABASE_URL) return;
  try {
    const runner = await startJobRunner();
    const stop = () => void runner.stop({ graceful: true, timeoutMs: 8_000 }).catch(() => {});
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  } catch (error) {
    // The web server stays up without background jobs; the next start tries again.
    console.error("[jobs] could not start the job runner:", error);
  }
}

void start();
