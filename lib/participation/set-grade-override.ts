import "server-only";
import { db } from "@/lib/db";
import { requireCourseRole, STAFF_ROLES } from "@/lib/auth/guard";
import { AppError, fieldErrors } from "@/lib/errors";
import { gradeOverrideSchema } from "@/lib/validations/participation";

/** Set a student's score for a reading by hand, with the reason shown beside it (instructors
 *  and TAs: TAs grade). The reading and the student are looked up inside the course, so an
 *  id from another course is NOT_FOUND. */
export async function setGradeOverride(options: { userId: string; courseSlug: string; input: unknown }) {
  const parsed = gradeOverrideSchema.safeParse(options.input);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error.issues);
    throw new AppError("INVALID_INPUT", Object.values(fields)[0] ?? "Check the score and reason.", fields);
  }
  const { course } = await requireCourseRole(options.userId, options.courseSlug, STAFF_ROLES);
  const { readingId, studentId, score, reason } = parsed.data;
  const [reading, student] = await Promise.all([
    db.reading.findFirst({ where: { id: readingId, courseId: course.id }, select: { id: true } }),
    db.membership.findFirst({ where: { courseId: course.id, userId: studentId, role: "STUDENT" }, select: { userId: true } }),
  ]);
  if (!reading) throw new AppError("NOT_FOUND", "This reading does not exist in this course.");
  if (!student) throw new AppError("NOT_FOUND", "That person is not a student in this course.");
  const data = { score, reason, gradedById: options.userId };
  return db.participationGrade.upsert({
    where: { readingId_studentId: { readingId, studentId } },
    create: { courseId: course.id, readingId, studentId, ...data },
    update: data,
    select: { score: true, reason: true, updatedAt: true },
  });
}
