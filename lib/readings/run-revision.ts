/**
 * The job behind publishing (or previewing) an edit of a reading (queue `reading.revise`):
 * reviseReading with its progress written to the task. No `server-only`: runs in the job
 * runner (revise-reading.ts is loaded lazily by the handler, in Next or under Vitest).
 */
import type { Prisma } from "@/generated/prisma/client";
import type { TaskContext } from "@/lib/tasks/run-task";
import { reviseReading } from "@/lib/readings/revise-reading";

export async function runRevision(ctx: TaskContext): Promise<Prisma.InputJsonValue> {
  const input = ctx.task.input as { draft: unknown; dryRun: boolean; summary?: string };
  const result = await reviseReading({
    userId: ctx.task.createdById,
    courseId: ctx.task.courseId,
    readingSlug: ctx.task.readingSlug ?? "",
    input: input.draft,
    dryRun: input.dryRun,
    summary: input.summary,
    onProgress: (p) => ctx.progress(p),
  });
  return result as unknown as Prisma.InputJsonValue;
}
