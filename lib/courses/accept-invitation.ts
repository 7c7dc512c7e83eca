import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hashInviteToken, isInviteToken } from "@/lib/courses/invite-token";
import { maskEmail } from "@/lib/courses/find-invitation";
import { assertNameAvailable } from "@/lib/users/assert-name-available";

const GONE = "This invitation link does not work any more. Ask your instructor for a new one.";

/**
 * Join a course through an invitation link, as the signed-in user.
 * - The shared link: anyone, as a student, until it expires or is turned off.
 * - A personal invitation: once, by the account with the invited email, with the role it
 *   was made for. Claimed with a conditional update, so two clicks cannot use it twice.
 * Someone already in the course keeps their role. Someone joining whose display name would
 * pass for one of the course's instructors or TAs is asked to change it first, as with the
 * join code (lib/users/assert-name-available.ts).
 */
export async function acceptInvitation(options: { userId: string; token: string; now?: Date }) {
  const now = options.now ?? new Date();
  if (!isInviteToken(options.token)) throw new AppError("NOT_FOUND", GONE);
  const user = await db.user.findUnique({ where: { id: options.userId }, select: { id: true, email: true, name: true } });
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");

  const personal = await db.courseInvitation.findUnique({
    where: { tokenHash: hashInviteToken(options.token) },
    select: { id: true, email: true, role: true, courseId: true, course: { select: { slug: true, archivedAt: true } } },
  });
  if (personal) {
    if (personal.course.archivedAt) throw new AppError("CONFLICT", "This course is archived: it no longer takes new members.");
    if (personal.email !== user.email) {
      throw new AppError(
        "FORBIDDEN",
        `This invitation is for ${maskEmail(personal.email)}, and you are signed in as ${user.email}. Sign out and create an account with the invited address — or ask your instructor to add ${user.email} instead.`,
      );
    }
    await assertNameFree(user, personal.courseId);
    await db.$transaction(async (tx) => {
      const claimed = await tx.courseInvitation.updateMany({
        where: { id: personal.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { acceptedAt: now, acceptedById: user.id },
      });
      if (claimed.count === 0) throw new AppError("NOT_FOUND", GONE);
      await tx.membership.upsert({
        where: { userId_courseId: { userId: user.id, courseId: personal.courseId } },
        create: { userId: user.id, courseId: personal.courseId, role: personal.role },
        update: {},
      });
    });
    return { slug: personal.course.slug };
  }

  const course = await db.course.findFirst({
    where: { inviteToken: options.token, inviteExpiresAt: { gt: now } },
    select: { id: true, slug: true, archivedAt: true },
  });
  if (!course) throw new AppError("NOT_FOUND", GONE);
  if (course.archivedAt) throw new AppError("CONFLICT", "This course is archived: it no longer takes new members.");
  await assertNameFree(user, course.id);
  await db.membership.upsert({
    where: { userId_courseId: { userId: user.id, courseId: course.id } },
    create: { userId: user.id, courseId: course.id, role: "STUDENT" },
    update: {},
  });
  return { slug: course.slug };
}

/** A member keeps their place whatever their name; a newcomer may not pass for the course's staff. */
async function assertNameFree(user: { id: string; name: string }, courseId: string) {
  const member = await db.membership.findUnique({ where: { userId_courseId: { userId: user.id, courseId } }, select: { id: true } });
  if (!member) await assertNameAvailable({ userId: user.id, name: user.name, courseId });
}
