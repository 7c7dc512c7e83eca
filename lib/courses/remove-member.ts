import "server-only";
import { db } from "@/lib/db";
import { requireCourseRole } from "@/lib/auth/guard";
import { lockMemberChange } from "@/lib/courses/lock-course";

/**
 * Remove a member (instructors only). Their comments stay, under their name; their access
 * ends with their next request, because every request re-reads membership through the
 * guard. The last instructor cannot be removed.
 */
export async function removeMember(options: { userId: string; courseSlug: string; memberId: string }) {
  const { course } = await requireCourseRole(options.userId, options.courseSlug, ["INSTRUCTOR"]);
  return db.$transaction(async (tx) => {
    const member = await lockMemberChange(tx, { courseId: course.id, actorId: options.userId, memberId: options.memberId, endsInstructor: true });
    await tx.membership.delete({ where: { id: member.id } });
    return { name: member.user.name };
  });
}
