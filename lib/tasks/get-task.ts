import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { memberCourse, STAFF_ROLES } from "@/lib/auth/membership";
import { TASK_VIEW_SELECT, taskView } from "@/lib/tasks/task-view";

/** A task of a course, for its staff (authorised inside the query): its view, and its result once it succeeded. */
export async function getTask(options: { userId: string; courseSlug: string; taskId: string }) {
  const row = await db.backgroundTask.findFirst({
    where: { id: options.taskId, course: { slug: options.courseSlug, ...memberCourse(options.userId, STAFF_ROLES) } },
    select: { ...TASK_VIEW_SELECT, result: true, input: true },
  });
  if (!row) throw new AppError("NOT_FOUND", "This import or edit does not exist, or it is not yours to see.");
  const input = (row.input ?? {}) as { fileName?: string };
  return { task: taskView(row), result: row.status === "SUCCEEDED" ? row.result : null, fileName: input.fileName ?? null };
}
