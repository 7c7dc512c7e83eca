import "server-only";
import { db } from "@/lib/db";
import { requireCourseRole } from "@/lib/auth/guard";
import { generateJoinCode } from "@/lib/courses/join-code";

/** A new join code (instructors only): the old one stops working at once — for a code
 *  that was posted somewhere public. Members stay members. */
export async function regenerateJoinCode(options: { userId: string; courseSlug: string }) {
  const { course } = await requireCourseRole(options.userId, options.courseSlug, ["INSTRUCTOR"]);
  // A collision with another course's code is astronomically rare; the unique index turns
  // it into a CONFLICT ("try again") rather than a duplicate.
  return db.course.update({ where: { id: course.id }, data: { joinCode: generateJoinCode() }, select: { joinCode: true } });
}
