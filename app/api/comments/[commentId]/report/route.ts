import { requireUser } from "@/lib/auth/session";
import { rateLimit } from "@/lib/rate-limit";
import { reportComment } from "@/lib/moderation/report-comment";
import { idParam } from "@/lib/comments/route-params";
import { errorResponse, readJson } from "@/lib/http";

export const dynamic = "force-dynamic";

/** POST /api/comments/:id/report {reason} — a member tells the course staff about a
 *  comment (one report per person per comment). 201. */
export async function POST(request: Request, { params }: { params: Promise<{ commentId: string }> }) {
  try {
    const user = await requireUser();
    await rateLimit("report", user.id);
    const commentId = idParam((await params).commentId);
    const report = await reportComment({ userId: user.id, commentId, input: await readJson(request, 16 * 1024) });
    return Response.json({ report }, { status: 201 });
  } catch (error) {
    return errorResponse(error, "POST /api/comments/:id/report");
  }
}
