import "server-only";
import { db } from "@/lib/db";
import { requireCourseRole } from "@/lib/auth/guard";
import { AppError, fieldErrors } from "@/lib/errors";
import { rubricSchema } from "@/lib/validations/participation";

/** Save the course's participation rubric (instructors only). Suggested scores follow it at
 *  once; scores set by hand (overrides) stay as they were. */
export async function updateRubric(options: { userId: string; courseSlug: string; input: unknown }) {
  const parsed = rubricSchema.safeParse(options.input);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error.issues);
    throw new AppError("INVALID_INPUT", Object.values(fields)[0] ?? "Check the rubric.", fields);
  }
  const { course } = await requireCourseRole(options.userId, options.courseSlug, ["INSTRUCTOR"]);
  const data = { ...parsed.data, updatedById: options.userId };
  return db.participationRubric.upsert({ where: { courseId: course.id }, create: { courseId: course.id, ...data }, update: data });
}
