import { requireUser } from "@/lib/auth/session";
import { assertSameOrigin, errorResponse } from "@/lib/http";
import { cancelTask } from "@/lib/tasks/cancel-task";
import { getTask } from "@/lib/tasks/get-task";

export const dynamic = "force-dynamic";

/** GET …/tasks/:taskId — an import's or edit's progress {task}, and once it succeeded its
 *  result (`draft` for an import, `result` for an edit). Staff of the course only. */
export async function GET(_request: Request, { params }: { params: Promise<{ courseSlug: string; taskId: string }> }) {
  try {
    const user = await requireUser();
    const { courseSlug, taskId } = await params;
    const { task, result, fileName } = await getTask({ userId: user.id, courseSlug, taskId });
    return Response.json(task.kind === "import" ? { task, draft: result, fileName } : { task, result }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET task");
  }
}

/** DELETE …/tasks/:taskId — cancel it (a running import stops within about a second). */
export async function DELETE(request: Request, { params }: { params: Promise<{ courseSlug: string; taskId: string }> }) {
  try {
    const user = await requireUser();
    assertSameOrigin(request);
    const { courseSlug, taskId } = await params;
    return Response.json({ task: await cancelTask({ userId: user.id, courseSlug, taskId }) });
  } catch (error) {
    return errorResponse(error, "DELETE task");
  }
}
