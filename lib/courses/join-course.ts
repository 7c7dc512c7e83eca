import "server-only";
import { db } from "@/lib/db";
import { AppError, fieldErrors } from "@/lib/errors";
import { joinCourseSchema } from "@/lib/validations/course";
import { assertNameAvailable } from "@/lib/users/assert-name-available";

/** Join with a course's join code as a student. Joining twice is harmless. Someone whose
 *  display name is that of the course's instructor or TA is asked to change it first. */
export async function joinCourse(options: { userId: string; input: unknown }) {
  const parsed = joinCourseSchema.safeParse(options.input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "Check the join code.", fieldErrors(parsed.error.issues));
  const course = await db.course.findFirst({
    where: { joinCode: parsed.data.code, archivedAt: null },
    select: { id: true, slug: true, title: true },
  });
  if (!course) throw new AppError("NOT_FOUND", "No course has that join code. Check it with your instructor.", { code: "No course has that join code." });
  const member = await db.membership.findUnique({ where: { userId_courseId: { userId: options.userId, courseId: course.id } }, select: { id: true } });
  if (member) return course;
  const user = await db.user.findUnique({ where: { id: options.userId }, select: { name: true } });
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  await assertNameAvailable({ userId: options.userId, name: user.name, courseId: course.id });
  await db.membership.upsert({
    where: { userId_courseId: { userId: options.userId, courseId: course.id } },
    create: { userId: options.userId, courseId: course.id, role: "STUDENT" },
    update: {},
  });
  return course;
}
