import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/errors";

/**
 * The start of every change to one member of a course (role, removal), inside its
 * transaction: take the course row FOR UPDATE, so roster changes of one course run one
 * after another (two instructors demoting each other at once cannot leave the course
 * without one); re-check that the actor is still one of its instructors (the guard's
 * answer may be a moment old); load the member; and, when `endsInstructor` says the
 * change takes an instructor away, refuse it if they are the last one.
 */
export async function lockMemberChange(
  tx: Prisma.TransactionClient,
  options: { courseId: string; actorId: string; memberId: string; endsInstructor: boolean },
) {
  const { courseId } = options;
  await lockCourseAsInstructor(tx, courseId, options.actorId);
  const member = await tx.membership.findFirst({
    where: { courseId, userId: options.memberId },
    select: { id: true, role: true, user: { select: { name: true } } },
  });
  if (!member) throw new AppError("NOT_FOUND", "That person is not a member of this course.");
  if (member.role === "INSTRUCTOR" && options.endsInstructor) {
    const instructors = await tx.membership.count({ where: { courseId, role: "INSTRUCTOR" } });
    if (instructors <= 1) throw new AppError("CONFLICT", "A course needs at least one instructor: make someone else an instructor first.");
  }
  return member;
}

/** For roster changes that add people: the same lock and actor check, no member. */
export async function lockCourseAsInstructor(tx: Prisma.TransactionClient, courseId: string, actorId: string) {
  await tx.$executeRaw`SELECT id FROM "Course" WHERE id = ${courseId} FOR UPDATE`;
  const actor = await tx.membership.findFirst({ where: { courseId, userId: actorId, role: "INSTRUCTOR" }, select: { id: true } });
  if (!actor) throw new AppError("FORBIDDEN", "Only the course's instructors can do that.");
}
