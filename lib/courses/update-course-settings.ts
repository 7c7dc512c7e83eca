import "server-only";
import { db } from "@/lib/db";
import { requireCourseRole } from "@/lib/auth/guard";
import { AppError, fieldErrors } from "@/lib/errors";
import { courseSettingsSchema } from "@/lib/validations/roster";
import { isTimeZone } from "@/lib/dates";

/**
 * Archive or restore a course, set its time zone, or let students post anonymously to
 * classmates (instructors only). Archived: read-
 * only for everyone, off the home page's active list (under "Archived"), join code and
 * invite links refused. Restoring is the one write an archived course accepts.
 */
export async function updateCourseSettings(options: { userId: string; courseSlug: string; input: unknown }) {
  const parsed = courseSettingsSchema.safeParse(options.input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", Object.values(fieldErrors(parsed.error.issues))[0] ?? "Check the settings.", fieldErrors(parsed.error.issues));
  const { archived, timeZone, allowAnonymous } = parsed.data;
  if (timeZone !== undefined && !isTimeZone(timeZone)) {
    throw new AppError("INVALID_INPUT", `"${timeZone.slice(0, 64)}" is not a time zone. Use a name like Europe/Berlin or America/New_York.`, { timeZone: "Not a time zone." });
  }
  const { course } = await requireCourseRole(options.userId, options.courseSlug, ["INSTRUCTOR"], { allowArchived: true });
  if (course.archivedAt && archived !== false) {
    throw new AppError("CONFLICT", "This course is archived, so it is read-only. Restore it first.");
  }
  return db.course.update({
    where: { id: course.id },
    data: {
      ...(archived === undefined ? {} : { archivedAt: archived ? new Date() : null }),
      ...(timeZone === undefined ? {} : { timeZone }),
      ...(allowAnonymous === undefined ? {} : { allowAnonymous }),
    },
    select: { slug: true, archivedAt: true, timeZone: true, allowAnonymous: true },
  });
}
