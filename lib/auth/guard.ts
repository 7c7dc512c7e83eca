import "server-only";
import type { Role } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isSlug } from "@/lib/validations/text";
import { readableCourse } from "@/lib/auth/membership";

export { STAFF_ROLES } from "@/lib/auth/membership";

/** What a write to an archived course answers (the guard, and data functions that
 *  authorise in their own query). */
export const archivedCourseError = () =>
  new AppError("CONFLICT", "This course is archived, so it is read-only. An instructor can restore it from the course settings.");

/**
 * The one course guard. Loads the course by slug *through* the acting user's membership,
 * so a non-member gets NOT_FOUND (we do not confirm that a course exists to outsiders),
 * and a member without one of `roles` gets FORBIDDEN.
 *
 * An archived course is read-only: by default (writes) it is refused with CONFLICT and a
 * sentence saying so; reads — pages, exports — and restoring or deleting it pass
 * `{ allowArchived: true }` and get `archivedAt` to show it.
 */
export async function requireCourseRole(userId: string, courseSlug: string, roles?: Role[], options: { allowArchived?: boolean } = {}) {
  // A slug Colloquy could not have made (NUL bytes, 10 KB of junk) names no course.
  if (!isSlug(courseSlug)) throw new AppError("NOT_FOUND", "This course does not exist, or you are not a member of it.");
  const membership = await db.membership.findFirst({
    where: { userId, course: { slug: courseSlug, ...readableCourse(userId) } },
    select: {
      role: true,
      // The member's mute comes along (two columns): the reading page says why the composer is closed without a query of its own.
      mutedUntil: true,
      muteReason: true,
      course: { select: { id: true, slug: true, title: true, term: true, joinCode: true, archivedAt: true, timeZone: true, allowAnonymous: true } },
    },
  });
  if (!membership) throw new AppError("NOT_FOUND", "This course does not exist, or you are not a member of it.");
  if (roles && !roles.includes(membership.role)) {
    throw new AppError("FORBIDDEN", roles.includes("TA") ? "Only the course's instructors and TAs can do that." : "Only the course's instructors can do that.");
  }
  if (membership.course.archivedAt && !options.allowArchived) throw archivedCourseError();
  return { course: membership.course, role: membership.role, member: { role: membership.role, mutedUntil: membership.mutedUntil, muteReason: membership.muteReason } };
}
