import "server-only";
import { db } from "@/lib/db";
import { requireCourseRole, STAFF_ROLES } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { clearOverrideSchema } from "@/lib/validations/participation";

/** Go back to the rubric's suggested score (instructors and TAs). */
export async function clearGradeOverride(options: { userId: string; courseSlug: string; input: unknown }) {
  const parsed = clearOverrideSchema.safeParse(options.input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "Say which reading and student.");
  const { course } = await requireCourseRole(options.userId, options.courseSlug, STAFF_ROLES);
  const { count } = await db.participationGrade.deleteMany({
    where: { courseId: course.id, readingId: parsed.data.readingId, studentId: parsed.data.studentId },
  });
  return { cleared: count > 0 };
}
