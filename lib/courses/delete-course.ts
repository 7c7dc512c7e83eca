import "server-only";
import { db } from "@/lib/db";
import { requireCourseRole } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { deleteCourseSchema } from "@/lib/validations/roster";

/** Delete a course and everything in it — readings, discussions, grades (instructors only,
 *  archived or not). The caller types the course's title to confirm, as the page asks. */
export async function deleteCourse(options: { userId: string; courseSlug: string; input: unknown }) {
  const parsed = deleteCourseSchema.safeParse(options.input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "Type the course title to confirm.");
  const { course } = await requireCourseRole(options.userId, options.courseSlug, ["INSTRUCTOR"], { allowArchived: true });
  if (parsed.data.confirmTitle.trim() !== course.title.trim()) {
    throw new AppError("INVALID_INPUT", `Type the course title exactly — “${course.title}” — to delete it.`, { confirmTitle: "The title does not match." });
  }
  await db.course.delete({ where: { id: course.id } });
  return { title: course.title };
}
