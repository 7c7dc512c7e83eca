import "server-only";
import { db } from "@/lib/db";
import { isFinished, TASK_VIEW_SELECT, taskView, type TaskView } from "@/lib/tasks/task-view";
import { onTaskFinished } from "@/lib/tasks/task-finished";

/**
 * Wait (without blocking the event loop: a query every `intervalMs`) until the task has
 * finished or `timeoutMs` has passed; answers the task's view either way, with its result
 * when it succeeded. When the task runs in this process, its end wakes the wait at once.
 */
export async function waitForTask(taskId: string, timeoutMs: number, intervalMs = 200): Promise<{ view: TaskView; result: unknown }> {
  const deadline = Date.now() + timeoutMs;
  let finished = false;
  let wake: (() => void) | null = null;
  const unsubscribe = onTaskFinished(taskId, () => {
    finished = true;
    wake?.();
  });
  try {
    for (;;) {
      const row = await db.backgroundTask.findUnique({ where: { id: taskId }, select: TASK_VIEW_SELECT });
      if (!row) throw new Error(`task ${taskId} vanished`);
      if (isFinished(row.status) || Date.now() >= deadline) {
        const result = row.status === "SUCCEEDED" ? (await db.backgroundTask.findUnique({ where: { id: taskId }, select: { result: true } }))?.result : null;
        return { view: taskView(row), result };
      }
      // Told while querying: look again at once.
      if (finished) {
        finished = false;
        continue;
      }
      await new Promise<void>((r) => {
        const timer = setTimeout(r, Math.min(intervalMs, Math.max(10, deadline - Date.now())));
        wake = () => {
          clearTimeout(timer);
          r();
        };
      });
      wake = null;
    }
  } finally {
    unsubscribe();
  }
}
