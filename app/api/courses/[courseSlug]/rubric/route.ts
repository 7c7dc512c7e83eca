import { requireUser } from "@/lib/auth/session";
import { updateRubric } from "@/lib/participation/update-rubric";
import { errorResponse, readJson } from "@/lib/http";

export const dynamic = "force-dynamic";

/** PUT /api/courses/:courseSlug/rubric {points, minComments, minCommentWords, minReplies, minReplyWords, deadline, credit} (instructors). */
export async function PUT(request: Request, { params }: { params: Promise<{ courseSlug: string }> }) {
  try {
    const user = await requireUser();
    await updateRubric({ userId: user.id, courseSlug: (await params).courseSlug, input: await readJson(request, 4096) });
    return Response.json({ ok: true });
  } catch (error) {
    return errorResponse(error, "PUT rubric");
  }
}
