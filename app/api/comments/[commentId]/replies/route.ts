import { requireUser } from "@/lib/auth/session";
import { listThreadReplies } from "@/lib/comments/list-thread-replies";
import { idParam } from "@/lib/comments/route-params";
import { errorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

/** GET /api/comments/:rootId/replies?cursor=… — "Show more replies" of a thread. */
export async function GET(request: Request, { params }: { params: Promise<{ commentId: string }> }) {
  try {
    const user = await requireUser();
    const rootId = idParam((await params).commentId);
    const query = Object.fromEntries(new URL(request.url).searchParams);
    return Response.json(await listThreadReplies({ userId: user.id, rootId, query }), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/comments/:id/replies");
  }
}
