/**
 * The worker side of a background task (called from the job handlers): claims the row,
 * hands the body a context to report progress through and to notice a cancel request,
 * and records the outcome. Errors a person can act on (the importer's, AppErrors) become
 * the task's message; anything else is logged and answered with a generic one.
 *
 * No `server-only`: the job runner also runs outside Next (tests, scripts).
 */
import { db } from "@/lib/db";
import { asAppError } from "@/lib/errors";
import { ImportError } from "@/lib/import/errors";
import { announceTaskFinished } from "@/lib/tasks/task-finished";
import type { BackgroundTask, Prisma } from "@/generated/prisma/client";

export interface TaskProgress {
  stage: string;
  label: string;
  done?: number | null;
  total?: number | null;
}

export interface TaskContext {
  task: Pick<BackgroundTask, "id" | "courseId" | "createdById" | "readingSlug" | "input" | "upload" | "ocrPages">;
  /** Aborted when the instructor cancels. */
  signal: AbortSignal;
  progress(p: TaskProgress): void;
  /** Written at most every 250 ms (stage changes at once); resolves when written. */
  flush(): Promise<void>;
}

const THROTTLE_MS = 250;
const CANCEL_POLL_MS = 1000;

export async function runTask(taskId: string, kind: string, body: (ctx: TaskContext) => Promise<Prisma.InputJsonValue>): Promise<void> {
  const claimed = await db.backgroundTask.updateMany({
    where: { id: taskId, kind, status: { in: ["QUEUED", "RUNNING"] } },
    data: { status: "RUNNING", startedAt: new Date(), stage: "starting", label: "Starting" },
  });
  if (claimed.count === 0) return; // cancelled while queued, or already finished
  const task = await db.backgroundTask.findUniqueOrThrow({
    where: { id: taskId },
    select: { id: true, courseId: true, createdById: true, readingSlug: true, input: true, upload: true, ocrPages: true, cancelRequested: true },
  });
  const abort = new AbortController();
  if (task.cancelRequested) abort.abort();

  let pending: TaskProgress | null = null;
  let lastStage = "starting";
  let lastWrite = 0;
  let writing: Promise<void> = Promise.resolve();
  const write = () => {
    const p = pending;
    pending = null;
    if (!p) return writing;
    lastWrite = Date.now();
    writing = writing
      .then(() => db.backgroundTask.update({ where: { id: taskId }, data: { stage: p.stage, label: p.label, done: p.done ?? null, total: p.total ?? null }, select: { cancelRequested: true } }))
      .then((r) => {
        if (r.cancelRequested) abort.abort();
      })
      .catch((e: unknown) => console.error("[tasks] progress update failed:", e));
    return writing;
  };
  let timer: NodeJS.Timeout | null = null;
  const progress = (p: TaskProgress) => {
    pending = p;
    if (p.stage !== lastStage || Date.now() - lastWrite >= THROTTLE_MS) {
      lastStage = p.stage;
      void write();
    } else timer ??= setTimeout(() => {
      timer = null;
      void write();
    }, THROTTLE_MS);
  };
  const poll = setInterval(() => {
    void db.backgroundTask
      .findUnique({ where: { id: taskId }, select: { cancelRequested: true } })
      .then((r) => r?.cancelRequested && abort.abort())
      .catch(() => {});
  }, CANCEL_POLL_MS);

  let outcome: Prisma.BackgroundTaskUpdateInput;
  try {
    const result = await body({ task, signal: abort.signal, progress, flush: write });
    outcome = { status: "SUCCEEDED", stage: "done", label: "Done", result, done: null, total: null };
  } catch (error) {
    outcome = failure(error, taskId);
  } finally {
    clearInterval(poll);
    if (timer) clearTimeout(timer);
    pending = null;
    await writing;
  }
  await db.backgroundTask.update({ where: { id: taskId }, data: { ...outcome, finishedAt: new Date() } });
  announceTaskFinished(taskId);
}

function failure(error: unknown, taskId: string): Prisma.BackgroundTaskUpdateInput {
  if (error instanceof ImportError && error.code === "CANCELLED")
    return { status: "CANCELLED", stage: "cancelled", label: "Cancelled", errorCode: "CANCELLED", errorMessage: "Cancelled. Nothing was imported or changed." };
  if (error instanceof ImportError) return { status: "FAILED", stage: "failed", label: "Failed", errorCode: error.code, errorMessage: error.message };
  const known = asAppError(error);
  if (known) return { status: "FAILED", stage: "failed", label: "Failed", errorCode: known.code, errorMessage: known.message };
  console.error(`[tasks] task ${taskId} failed:`, error);
  return { status: "FAILED", stage: "failed", label: "Failed", errorCode: "INTERNAL", errorMessage: "Something went wrong on our side. Nothing was changed; please try again." };
}
