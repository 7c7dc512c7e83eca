/**
 * What the runner does with each queue's jobs. Handlers may be heavy (parsing, OCR, mail):
 * they run in the job runner, never inside a request. CPU-heavy work goes further, into a
 * worker thread with memory and time limits (see lib/import for the pattern).
 */
import type { Job } from "pg-boss";
import type { QueueName } from "@/lib/jobs/specs";
import { pruneLiveEvents } from "@/lib/live/prune-events";

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
  // Heavy modules load on first use: a runner that never gets such a job never loads them.
  "import.run": async (data) => {
    const [{ runTask }, { runImport }] = await Promise.all([import("@/lib/tasks/run-task"), import("@/lib/readings/run-import")]);
    await runTask(taskIdOf(data), "import", runImport);
  },
  "reading.revise": async (data) => {
    const [{ runTask }, { runRevision }] = await Promise.all([import("@/lib/tasks/run-task"), import("@/lib/readings/run-revision")]);
    await runTask(taskIdOf(data), "revise", runRevision);
  },
  "tasks.cleanup": async () => {
    const { cleanUpTasks } = await import("@/lib/tasks/clean-up-tasks");
    return cleanUpTasks();
  },
  "live.prune": async () => ({ deleted: await pruneLiveEvents() }),
  "mail.send": async (data) => {
    const id = (data as { notificationId?: unknown } | null)?.notificationId;
    if (typeof id !== "string") throw new Error("a mail job without a notificationId");
    // The crash test's doomed worker (tests/integration/notification-mail.test.ts) dies before sending.
    if (process.env.COLLOQUY_DOOMED_MAILER === "1") await new Promise(() => {});
    const { sendNotificationMail } = await import("@/lib/notifications/mail");
    return sendNotificationMail(id);
  },
  "mail.digest": async () => {
    const { sendDigests } = await import("@/lib/notifications/mail");
    return sendDigests();
  },
  "notices.readings": async () => {
    const { sendReadingNotices } = await import("@/lib/notifications/reading-notices");
    return sendReadingNotices();
  },
};

function taskIdOf(data: unknown): string {
  const id = (data as { taskId?: unknown } | null)?.taskId;
  if (typeof id !== "string") throw new Error("a task job without a taskId");
  return id;
}

/** Recurring jobs (cron, in UTC): added as features need them, e.g. daily digests. */
export const schedules: { name: QueueName; cron: string; data?: object }[] = [
  { name: "tasks.cleanup", cron: "17 * * * *" },
  { name: "live.prune", cron: "23 * * * *" },
  { name: "mail.digest", cron: "0 7 * * *" },
  { name: "notices.readings", cron: "*/15 * * * *" },
];
