import { requireUser } from "@/lib/auth/session";
import { reattachComment } from "@/lib/comments/reattach-comment";
import { errorResponse, readJson } from "@/lib/http";

export const dynamic = "force-dynamic";

/** POST /api/comments/:id/reattach {blockId} — instructors and TAs only (checked in the query). */
export async function POST(request: Request, { params }: { params: Promise<{ commentId: string }> }) {
  try {
    const user = await requireUser();
    const body = (await readJson(request)) as { blockId?: unknown } | null;
    const result = await reattachComment({ userId: user.id, commentId: (await params).commentId, blockId: body?.blockId });
    return Response.json(result);
  } catch (error) {
    return errorResponse(error, "POST reattach");
  }
}
