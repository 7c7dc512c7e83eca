/**
 * The job runner: works every queue of ./specs.ts with the handlers of ./handlers.ts. It
 * runs inside each app server process (started from instrumentation.ts), so every
 * instance is also a worker and nothing else needs starting; COLLOQUY_JOBS=off makes an
 * instance web-only. Tests start it directly.
 */
import PgBoss from "pg-boss";
import { createBoss, ensureQueues, logQueueError, setBoss, setWaker } from "@/lib/jobs/queue";
import { handlers, schedules } from "@/lib/jobs/handlers";
import { queueSpecs, type QueueName } from "@/lib/jobs/specs";

export interface JobRunner {
  boss: PgBoss;
  stop(options?: { graceful?: boolean; timeoutMs?: number }): Promise<void>;
}

export async function startJobRunner(options: { url?: string; pollingIntervalSeconds?: number; maintenanceIntervalSeconds?: number; log?: (l: string) => void } = {}): Promise<JobRunner> {
  const log = options.log ?? ((l: string) => console.log(`[jobs] ${l}`));
  const boss = createBoss({ url: options.url, runner: true, maintenanceIntervalSeconds: options.maintenanceIntervalSeconds });
  boss.on("error", logQueueError);
  const workers = new Map<string, string>();
  try {
    await boss.start();
    await ensureQueues(boss);
    for (const spec of queueSpecs()) {
      const handler = handlers[spec.name as keyof typeof handlers];
      const id = await boss.work(spec.name, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5 }, async ([job]) => {
        if (!job) return;
        return handler(job.data, job);
      });
      workers.set(spec.name, id);
    }
    for (const s of schedules) await boss.schedule(s.name, s.cron, s.data ?? {}, { tz: "UTC" });
  } catch (error) {
    // A half-started runner (the database went away mid-start) must not keep polling.
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    throw error;
  }
  if (!options.url) {
    setBoss(Promise.resolve(boss));
    // A job this process sends is fetched at once, not at the next poll (up to half a
    // second later, more on a busy machine, where a request waits for it).
    setWaker((name: QueueName) => {
      const id = workers.get(name);
      if (id) boss.notifyWorker(id);
    });
  }
  // Build the import sandbox's worker now (in the background), not when the first upload waits for it.
  void import("@/lib/import/sandbox").then((m) => m.workerBundle()).catch((e: unknown) => console.error("[jobs] could not prepare the import sandbox:", e));
  log(`working ${queueSpecs().length} queue(s)`);
  let stopped = false;
  return {
    boss,
    async stop({ graceful = true, timeoutMs = 10_000 } = {}) {
      if (stopped) return;
      stopped = true;
      if (!options.url) {
        setBoss(undefined);
        setWaker(undefined);
      }
      await boss.stop({ graceful, timeout: timeoutMs, wait: true });
    },
  };
}
