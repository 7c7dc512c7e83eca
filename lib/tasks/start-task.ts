import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { enqueue, wakeWorker } from "@/lib/jobs/queue";
import type { Prisma } from "@/generated/prisma/client";
import { TASK_VIEW_SELECT, taskView } from "@/lib/tasks/task-view";

/** Unfinished tasks one person may have at once (each holds an upload and a worker's time). */
export const MAX_ACTIVE_TASKS = 3;

/**
 * Record a background task and queue its job in one transaction: the job exists exactly
 * when the task row does. The caller has authorised the user for the course.
 */
export async function startTask(options: {
  userId: string;
  courseId: string;
  kind: "import" | "revise";
  readingSlug?: string;
  input: Prisma.InputJsonValue;
  upload?: Uint8Array;
  ocrPages?: Prisma.InputJsonValue;
}) {
  const queue = options.kind === "import" ? "import.run" : "reading.revise";
  const task = await db.$transaction(async (tx) => {
    const active = await tx.backgroundTask.count({ where: { createdById: options.userId, status: { in: ["QUEUED", "RUNNING"] } } });
    if (active >= MAX_ACTIVE_TASKS)
      throw new AppError("RATE_LIMITED", `You already have ${active} imports or edits running. Wait for one to finish (or cancel it), then try again.`);
    const task = await tx.backgroundTask.create({
      data: {
        kind: options.kind,
        courseId: options.courseId,
        readingSlug: options.readingSlug ?? null,
        createdById: options.userId,
        stage: "queued",
        label: "Waiting for a worker",
        input: options.input,
        upload: options.upload ? Buffer.from(options.upload) : undefined,
        ocrPages: options.ocrPages,
      },
      select: TASK_VIEW_SELECT,
    });
    await enqueue(queue, { taskId: task.id }, { tx });
    return taskView(task);
    // Writing a 20 MB upload can outlast Prisma's default 5 s on a busy machine.
  }, { timeout: 30_000, maxWait: 10_000 });
  // Committed: the job exists now, and this instance's worker (if it runs one) takes it at once.
  wakeWorker(queue);
  return task;
}
