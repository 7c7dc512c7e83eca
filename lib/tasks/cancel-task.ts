import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { memberCourse, STAFF_ROLES } from "@/lib/auth/membership";
import { TASK_VIEW_SELECT, taskView } from "@/lib/tasks/task-view";

/**
 * Cancel a task: a queued one is cancelled at once; a running one is asked to stop (its
 * worker checks every second and ends the sandbox). A finished one is left as it is.
 */
export async function cancelTask(options: { userId: string; courseSlug: string; taskId: string }) {
  const where = { id: options.taskId, course: { slug: options.courseSlug, ...memberCourse(options.userId, STAFF_ROLES) } };
  const found = await db.backgroundTask.findFirst({ where, select: { id: true } });
  if (!found) throw new AppError("NOT_FOUND", "This import or edit does not exist, or it is not yours to cancel.");
  await db.backgroundTask.updateMany({
    where: { id: found.id, status: "QUEUED" },
    data: { status: "CANCELLED", stage: "cancelled", label: "Cancelled", errorCode: "CANCELLED", errorMessage: "The import was cancelled.", finishedAt: new Date() },
  });
  await db.backgroundTask.updateMany({ where: { id: found.id, status: "RUNNING" }, data: { cancelRequested: true, label: "Cancelling…" } });
  const row = await db.backgroundTask.findUniqueOrThrow({ where: { id: found.id }, select: TASK_VIEW_SELECT });
  return taskView(row);
}
