import { requireUser } from "@/lib/auth/session";
import { moderateComment } from "@/lib/moderation/moderate-comment";
import { rateLimit } from "@/lib/rate-limit";
import { idParam } from "@/lib/comments/route-params";
import { errorResponse, readJson } from "@/lib/http";

export const dynamic = "force-dynamic";

/** POST /api/comments/:id/moderation {action, reason?} — instructors and TAs: hide (reason
 *  required) / unhide, pin / unpin, endorse / unendorse, lock / unlock, approve, dismiss.
 *  Answers the comment as the moderator now sees it. */
export async function POST(request: Request, { params }: { params: Promise<{ commentId: string }> }) {
  try {
    const user = await requireUser();
    await rateLimit("moderate", user.id);
    const commentId = idParam((await params).commentId);
    const comment = await moderateComment({ userId: user.id, commentId, input: await readJson(request, 16 * 1024) });
    return Response.json({ comment });
  } catch (error) {
    return errorResponse(error, "POST /api/comments/:id/moderation");
  }
}
