import "server-only";
import { db } from "@/lib/db";
import { requireCourseRole } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { generateInviteToken, hashInviteToken, invitePath, PERSONAL_INVITE_DAYS } from "@/lib/courses/invite-token";

/** A fresh link for a pending personal invitation (instructors only): links are stored
 *  only as hashes, so a lost one is replaced — the old link stops working — and the
 *  expiry starts again. */
export async function renewInvitation(options: { userId: string; courseSlug: string; invitationId: string; now?: Date }) {
  const { course } = await requireCourseRole(options.userId, options.courseSlug, ["INSTRUCTOR"]);
  const token = generateInviteToken();
  const expiresAt = new Date((options.now ?? new Date()).getTime() + PERSONAL_INVITE_DAYS * 86_400_000);
  const { count } = await db.courseInvitation.updateMany({
    where: { id: options.invitationId, courseId: course.id, acceptedAt: null, revokedAt: null },
    data: { tokenHash: hashInviteToken(token), expiresAt },
  });
  if (count === 0) throw new AppError("NOT_FOUND", "That invitation was already used or withdrawn.");
  return { path: invitePath(token), expiresAt };
}
