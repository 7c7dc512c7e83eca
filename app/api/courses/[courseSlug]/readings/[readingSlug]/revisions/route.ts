import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { requireCourseRole, STAFF_ROLES } from "@/lib/auth/guard";
import { errorResponse, readJson } from "@/lib/http";

/** A reading draft from a 20 MB import, as JSON. */
const DRAFT_LIMIT = 40 * 1024 * 1024;
import { reviseReading } from "@/lib/readings/revise-reading";

export const dynamic = "force-dynamic";

/** POST …/revisions {draft, dryRun?} — preview where comments land (dryRun) or publish the edit. */
export async function POST(request: Request, { params }: { params: Promise<{ courseSlug: string; readingSlug: string }> }) {
  try {
    const user = await requireUser();
    const { courseSlug, readingSlug } = await params;
    const { course } = await requireCourseRole(user.id, courseSlug, STAFF_ROLES);
    const body = (await readJson(request, DRAFT_LIMIT)) as { draft?: unknown; dryRun?: unknown; summary?: unknown } | null;
    const result = await reviseReading({
      userId: user.id,
      courseId: course.id,
      readingSlug,
      input: body?.draft,
      dryRun: body?.dryRun === true,
      summary: typeof body?.summary === "string" ? body.summary.slice(0, 200) : undefined,
    });
    if (result.published) revalidatePath(`/courses/${course.slug}/readings/${readingSlug}`);
    return Response.json(result, { status: result.published ? 201 : 200 });
  } catch (error) {
    return errorResponse(error, "POST revisions");
  }
}
