import { requireUser } from "@/lib/auth/session";
import { getComment } from "@/lib/comments/get-comment";
import { editComment } from "@/lib/comments/edit-comment";
import { deleteComment } from "@/lib/comments/delete-comment";
import { idParam } from "@/lib/comments/route-params";
import { assertSameOrigin, errorResponse, readJson } from "@/lib/http";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ commentId: string }> };

/** GET /api/comments/:id[?thread=1] — one comment as the viewer may see it (deep links,
 *  live refetches), with its paragraph number and, with thread=1, its thread up to it. */
export async function GET(request: Request, { params }: Params) {
  try {
    const user = await requireUser();
    const commentId = idParam((await params).commentId);
    const withThread = new URL(request.url).searchParams.get("thread") === "1";
    return Response.json(await getComment({ userId: user.id, commentId, withThread }), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/comments/:id");
  }
}

/** PATCH /api/comments/:id {body} — edit one's own comment (earlier text kept). */
export async function PATCH(request: Request, { params }: Params) {
  try {
    const user = await requireUser();
    const commentId = idParam((await params).commentId);
    const comment = await editComment({ userId: user.id, commentId, input: await readJson(request) });
    return Response.json({ comment });
  } catch (error) {
    return errorResponse(error, "PATCH /api/comments/:id");
  }
}

/** DELETE /api/comments/:id — delete one's own comment (a tombstone while replies remain). */
export async function DELETE(request: Request, { params }: Params) {
  try {
    assertSameOrigin(request);
    const user = await requireUser();
    const commentId = idParam((await params).commentId);
    return Response.json(await deleteComment({ userId: user.id, commentId }));
  } catch (error) {
    return errorResponse(error, "DELETE /api/comments/:id");
  }
}
