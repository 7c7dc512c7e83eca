import { requireUser } from "@/lib/auth/session";
import { createComment } from "@/lib/comments/create-comment";
import { listBlockComments } from "@/lib/comments/list-block-comments";
import { AppError } from "@/lib/errors";
import { errorResponse, readJson } from "@/lib/http";

export const dynamic = "force-dynamic";

/** GET /api/comments?blockId=… — a paragraph's discussion (members only). */
export async function GET(request: Request) {
  try {
    const user = await requireUser();
    const blockId = new URL(request.url).searchParams.get("blockId");
    if (!blockId) throw new AppError("INVALID_INPUT", "Say which paragraph: ?blockId=…");
    return Response.json(await listBlockComments({ userId: user.id, blockId }), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/comments");
  }
}

/** POST /api/comments {readingId, blockId, parentId?, body} — post a comment or reply. */
export async function POST(request: Request) {
  try {
    const user = await requireUser();
    const comment = await createComment({ userId: user.id, input: await readJson(request) });
    return Response.json({ comment }, { status: 201 });
  } catch (error) {
    return errorResponse(error, "POST /api/comments");
  }
}
