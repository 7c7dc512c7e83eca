import { requireUser } from "@/lib/auth/session";
import { reactToComment } from "@/lib/comments/react-to-comment";
import { idParam } from "@/lib/comments/route-params";
import { assertSameOrigin, errorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ commentId: string }> };

async function react(request: Request, params: Params["params"], helpful: boolean) {
  assertSameOrigin(request);
  const user = await requireUser();
  const commentId = idParam((await params).commentId);
  return Response.json({ comment: await reactToComment({ userId: user.id, commentId, helpful }) });
}

/** POST /api/comments/:id/helpful — mark a classmate's comment helpful (once). */
export async function POST(request: Request, { params }: Params) {
  try {
    return await react(request, params, true);
  } catch (error) {
    return errorResponse(error, "POST /api/comments/:id/helpful");
  }
}

/** DELETE /api/comments/:id/helpful — take the mark back. */
export async function DELETE(request: Request, { params }: Params) {
  try {
    return await react(request, params, false);
  } catch (error) {
    return errorResponse(error, "DELETE /api/comments/:id/helpful");
  }
}
