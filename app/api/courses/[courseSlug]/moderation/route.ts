import { requireUser } from "@/lib/auth/session";
import { moderateCourse } from "@/lib/moderation/settings";
import { rateLimit } from "@/lib/rate-limit";
import { errorResponse, readJson } from "@/lib/http";

export const dynamic = "force-dynamic";

/** POST /api/courses/:courseSlug/moderation {action: "premoderate-course" | "unpremoderate-course"}
 *  or {action: "word-list", words} — instructors: course-wide pre-moderation and the word list. */
export async function POST(request: Request, { params }: { params: Promise<{ courseSlug: string }> }) {
  try {
    const user = await requireUser();
    await rateLimit("moderate", user.id);
    const { courseSlug } = await params;
    return Response.json(await moderateCourse({ userId: user.id, courseSlug, input: await readJson(request, 64 * 1024) }));
  } catch (error) {
    return errorResponse(error, "POST course moderation");
  }
}
