import "server-only";
import type { Role } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { memberCourse } from "@/lib/auth/membership";

export { STAFF_ROLES } from "@/lib/auth/membership";

/**
 * The one course guard. Loads the course by slug *through* the acting user's membership,
 * so a non-member gets NOT_FOUND (we do not confirm that a course exists to outsiders),
 * and a member without one of `roles` gets FORBIDDEN.
 */
export async function requireCourseRole(userId: string, courseSlug: string, roles?: Role[]) {
  const membership = await db.membership.findFirst({
    where: { userId, course: { slug: courseSlug, ...memberCourse(userId) } },
    select: { role: true, course: { select: { id: true, slug: true, title: true, term: true, joinCode: true } } },
  });
  if (!membership) throw new AppError("NOT_FOUND", "This course does not exist, or you are not a member of it.");
  if (roles && !roles.includes(membership.role)) {
    throw new AppError("FORBIDDEN", "Only the course's instructors can do that.");
  }
  return { course: membership.course, role: membership.role };
}
