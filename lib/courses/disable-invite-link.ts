import "server-only";
import { db } from "@/lib/db";
import { requireCourseRole } from "@/lib/auth/guard";

/** Turn the shared invite link off (instructors only): it stops working at once. */
export async function disableInviteLink(options: { userId: string; courseSlug: string }) {
  const { course } = await requireCourseRole(options.userId, options.courseSlug, ["INSTRUCTOR"]);
  await db.course.update({ where: { id: course.id }, data: { inviteToken: null, inviteExpiresAt: null } });
}
