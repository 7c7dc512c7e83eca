import type { Prisma, Role } from "@/generated/prisma/client";

export const STAFF_ROLES: Role[] = ["INSTRUCTOR", "TA"];
export const isStaffRole = (role: Role | null | undefined) => role === "INSTRUCTOR" || role === "TA";

/**
 * The one membership filter: "a course this user is a member of (with one of `roles`),
 * and that is not archived". The guard loads courses through it, and every data function
 * that authorises inside its own query nests it (`reading: { course: memberCourse(…) }`),
 * so there is one definition of who may reach a course's data.
 *
 * `userId` must be a real id: a missing session must never become a missing filter
 * (Prisma ignores `undefined` in a where), so an empty id throws.
 */
export function memberCourse(userId: string, roles?: Role[]): Prisma.CourseWhereInput {
  return { archivedAt: null, ...readableCourse(userId, roles) };
}

/**
 * The same filter for *reading* a course's data: archived courses included. An archived
 * course stays readable by its members (read-only for everyone); every write goes through
 * `memberCourse`, which excludes it. Read paths — pages, thread lists, exports — use this.
 */
export function readableCourse(userId: string, roles?: Role[]): Prisma.CourseWhereInput {
  if (typeof userId !== "string" || userId.length === 0) throw new Error("memberCourse needs the acting user's id");
  return { memberships: { some: roles ? { userId, role: { in: roles } } : { userId } } };
}
