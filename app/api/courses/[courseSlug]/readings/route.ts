import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { requireCourseRole, STAFF_ROLES } from "@/lib/auth/guard";
import { errorResponse, readJson } from "@/lib/http";

/** A reading draft from a 20 MB import, as JSON. */
const DRAFT_LIMIT = 40 * 1024 * 1024;
import { publishReading } from "@/lib/readings/publish-reading";

export const dynamic = "force-dynamic";

/** POST /api/courses/:courseSlug/readings {title, author, source, date, blocks, notes, report} — publish. */
export async function POST(request: Request, { params }: { params: Promise<{ courseSlug: string }> }) {
  try {
    const user = await requireUser();
    const { course } = await requireCourseRole(user.id, (await params).courseSlug, STAFF_ROLES);
    const reading = await publishReading({ userId: user.id, courseId: course.id, input: await readJson(request, DRAFT_LIMIT) });
    revalidatePath(`/courses/${course.slug}`);
    return Response.json({ reading, url: `/courses/${course.slug}/readings/${reading.slug}` }, { status: 201 });
  } catch (error) {
    return errorResponse(error, "POST readings");
  }
}
