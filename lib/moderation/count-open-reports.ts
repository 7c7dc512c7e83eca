import "server-only";
import { db } from "@/lib/db";
import { readableCourse, STAFF_ROLES } from "@/lib/auth/membership";

/** Comments with open reports in a course — for its instructors and TAs (0 for anyone
 *  else: authorised inside the query). The "Moderation (N)" count. */
export async function countOpenReports(options: { userId: string; courseId: string }): Promise<number> {
  const rows = await db.commentReport.groupBy({
    by: ["commentId"],
    where: { resolvedAt: null, courseId: options.courseId, course: readableCourse(options.userId, STAFF_ROLES), comment: { status: { not: "DELETED" } } },
  });
  return rows.length;
}
