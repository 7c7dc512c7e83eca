import { requireUser } from "@/lib/auth/session";
import { updateCourseSettings } from "@/lib/courses/update-course-settings";
import { deleteCourse } from "@/lib/courses/delete-course";
import { errorResponse, readJson } from "@/lib/http";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ courseSlug: string }> };

/** PATCH /api/courses/:courseSlug {archived?, timeZone?, allowAnonymous?} — archive/restore, time zone, anonymity (instructors). */
export async function PATCH(request: Request, { params }: Params) {
  try {
    const user = await requireUser();
    return Response.json(await updateCourseSettings({ userId: user.id, courseSlug: (await params).courseSlug, input: await readJson(request, 4096) }));
  } catch (error) {
    return errorResponse(error, "PATCH course");
  }
}

/** DELETE /api/courses/:courseSlug {confirmTitle} — delete the course and everything in it (instructors). */
export async function DELETE(request: Request, { params }: Params) {
  try {
    const user = await requireUser();
    return Response.json(await deleteCourse({ userId: user.id, courseSlug: (await params).courseSlug, input: await readJson(request, 4096) }));
  } catch (error) {
    return errorResponse(error, "DELETE course");
  }
}
