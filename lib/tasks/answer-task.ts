import "server-only";
import { db } from "@/lib/db";
import { waitForTask } from "@/lib/tasks/wait-for-task";
import type { TaskView } from "@/lib/tasks/task-view";

/** How long a request waits for its task before answering 202 (the page then polls):
 *  under a minute, so every hostile upload gets its 413/422 on the same request. */
export const WAIT_MS = Number(process.env.COLLOQUY_TASK_WAIT_MS ?? 50_000);

/**
 * The answer to a request that started a task. With `Prefer: respond-async` (the app's own
 * pages, which show progress) at once: 202 and where to poll. Otherwise the request waits
 * for the task (up to WAIT_MS): its result (`body(result)`, `okStatus`), or its error with
 * the status it maps to (413/422…) — the failed task deleted — or 202 if it is still running.
 */
export async function answerTask(request: Request, task: TaskView, statusUrl: string, body: (result: unknown) => object, okStatus = 200): Promise<Response> {
  const accepted = (view: TaskView) => Response.json({ task: view, statusUrl }, { status: 202, headers: { Location: statusUrl } });
  if (/respond-async/i.test(request.headers.get("prefer") ?? "")) return accepted(task);
  const { view, result } = await waitForTask(task.id, WAIT_MS);
  if (view.status === "succeeded") return Response.json({ ...body(result), task: view }, { status: okStatus });
  if (view.error) {
    // Refused (a hostile file, a malformed draft): the answer says why, and — since nobody
    // polls a task its request waited for — the task and its upload go, so a refused
    // request leaves nothing behind.
    await db.backgroundTask.deleteMany({ where: { id: view.id, status: "FAILED" } });
    return Response.json({ error: { code: view.error.code, message: view.error.message } }, { status: view.error.status });
  }
  return accepted(view);
}
