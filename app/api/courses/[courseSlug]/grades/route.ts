import { requireUser } from "@/lib/auth/session";
import { setGradeOverride } from "@/lib/participation/set-grade-override";
import { clearGradeOverride } from "@/lib/participation/clear-grade-override";
import { errorResponse, readJson } from "@/lib/http";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ courseSlug: string }> };

/** PUT /api/courses/:courseSlug/grades {readingId, studentId, score, reason} — override a suggested score (instructors, TAs). */
export async function PUT(request: Request, { params }: Params) {
  try {
    const user = await requireUser();
    return Response.json(await setGradeOverride({ userId: user.id, courseSlug: (await params).courseSlug, input: await readJson(request, 8192) }));
  } catch (error) {
    return errorResponse(error, "PUT grades");
  }
}

/** DELETE /api/courses/:courseSlug/grades {readingId, studentId} — back to the suggested score. */
export async function DELETE(request: Request, { params }: Params) {
  try {
    const user = await requireUser();
    return Response.json(await clearGradeOverride({ userId: user.id, courseSlug: (await params).courseSlug, input: await readJson(request, 4096) }));
  } catch (error) {
    return errorResponse(error, "DELETE grades");
  }
}
