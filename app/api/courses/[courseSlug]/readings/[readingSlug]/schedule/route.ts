import { requireUser } from "@/lib/auth/session";
import { updateReadingSchedule } from "@/lib/readings/update-reading-schedule";
import { errorResponse, readJson } from "@/lib/http";

export const dynamic = "force-dynamic";

/** PATCH /api/courses/:courseSlug/readings/:readingSlug/schedule {opensAt?, dueAt?, closesAt?, draft?}
 *  — dates as wall-clock "YYYY-MM-DDTHH:mm" in the course's time zone (instructors). */
export async function PATCH(request: Request, { params }: { params: Promise<{ courseSlug: string; readingSlug: string }> }) {
  try {
    const user = await requireUser();
    const { courseSlug, readingSlug } = await params;
    return Response.json(await updateReadingSchedule({ userId: user.id, courseSlug, readingSlug, input: await readJson(request, 4096) }));
  } catch (error) {
    return errorResponse(error, "PATCH schedule");
  }
}
