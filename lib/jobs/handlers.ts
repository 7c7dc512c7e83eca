/**
 * What the runner does with each queue's jobs. Handlers may be heavy (parsing, OCR, mail):
 * they run in the job runner, never inside a request. CPU-heavy work goes further, into a
 * worker thread with memory and time limits (see lib/import for the pattern).
 */
import type { Job } from "pg-boss";
import type { QueueName } from "@/lib/jobs/specs";

export type JobHandler = (data: unknown, job: Job<unknown>) => Promise<unknown>;

export const handlers: Record<QueueName, JobHandler> = {
  // The queue's self-test (tests/integration/jobs.test.ts): echoes its data, fails when
  // asked, and hangs when asked in a process marked as the crash test's doomed worker.
  "system.echo": async (data) => {
    const d = data as { fail?: boolean; hangInDoomedWorker?: boolean };
    if (d.fail) throw new Error("echo asked to fail");
    if (d.hangInDoomedWorker && process.env.COLLOQUY_DOOMED_WORKER === "1") await new Promise(() => {});
    return { echoed: data };
  },
};

/** Recurring jobs (cron, in UTC): added as features need them, e.g. daily digests. */
export const schedules: { name: QueueName; cron: string; data?: object }[] = [];
