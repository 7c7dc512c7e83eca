import { requireUser } from "@/lib/auth/session";
import { listCommentHistory } from "@/lib/comments/list-comment-history";
import { idParam } from "@/lib/comments/route-params";
import { errorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

/** GET /api/comments/:id/history — earlier versions and deleted text (instructors and TAs). */
export async function GET(_request: Request, { params }: { params: Promise<{ commentId: string }> }) {
  try {
    const user = await requireUser();
    const commentId = idParam((await params).commentId);
    return Response.json(await listCommentHistory({ userId: user.id, commentId }), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/comments/:id/history");
  }
}
