import "server-only";
import { db } from "@/lib/db";
import { isFinished, TASK_VIEW_SELECT, taskView, type TaskView } from "@/lib/tasks/task-view";

/**
 * Wait (without blocking the event loop: a query every `intervalMs`) until the task has
 * finished or `timeoutMs` has passed; answers the task's view either way, with its result
 * when it succeeded.
 */
export async function waitForTask(taskId: string, timeoutMs: number, intervalMs = 200): Promise<{ view: TaskView; result: unknown }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await db.backgroundTask.findUnique({ where: { id: taskId }, select: TASK_VIEW_SELECT });
    if (!row) throw new Error(`task ${taskId} vanished`);
    if (isFinished(row.status) || Date.now() >= deadline) {
      const result = row.status === "SUCCEEDED" ? (await db.backgroundTask.findUnique({ where: { id: taskId }, select: { result: true } }))?.result : null;
      return { view: taskView(row), result };
    }
    await new Promise((r) => setTimeout(r, Math.min(intervalMs, Math.max(10, deadline - Date.now()))));
  }
}
