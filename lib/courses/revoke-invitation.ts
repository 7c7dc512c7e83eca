import "server-only";
import { db } from "@/lib/db";
import { requireCourseRole } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";

/** Withdraw a pending personal invitation (instructors only): its link stops working. */
export async function revokeInvitation(options: { userId: string; courseSlug: string; invitationId: string }) {
  const { course } = await requireCourseRole(options.userId, options.courseSlug, ["INSTRUCTOR"]);
  const { count } = await db.courseInvitation.updateMany({
    where: { id: options.invitationId, courseId: course.id, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new AppError("NOT_FOUND", "That invitation was already used or withdrawn.");
}
