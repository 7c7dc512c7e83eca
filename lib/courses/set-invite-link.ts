import "server-only";
import { db } from "@/lib/db";
import { requireCourseRole } from "@/lib/auth/guard";
import { AppError, fieldErrors } from "@/lib/errors";
import { inviteLinkSchema } from "@/lib/validations/roster";
import { generateInviteToken, invitePath } from "@/lib/courses/invite-token";

/** Turn on the course's shared invite link for `days` days (instructors only); a link that
 *  was on is replaced, so the old one stops working. Anyone signed in who opens it before
 *  it expires joins as a student. */
export async function setInviteLink(options: { userId: string; courseSlug: string; input: unknown; now?: Date }) {
  const parsed = inviteLinkSchema.safeParse(options.input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", Object.values(fieldErrors(parsed.error.issues))[0] ?? "Choose how long the link works.");
  const { course } = await requireCourseRole(options.userId, options.courseSlug, ["INSTRUCTOR"]);
  const token = generateInviteToken();
  const expiresAt = new Date((options.now ?? new Date()).getTime() + parsed.data.days * 86_400_000);
  await db.course.update({ where: { id: course.id }, data: { inviteToken: token, inviteExpiresAt: expiresAt } });
  return { path: invitePath(token), expiresAt };
}
