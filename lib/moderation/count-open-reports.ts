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

/** What waits for a course's staff in the moderation queue: comments with open reports
 *  plus comments waiting for approval (pre-moderation). 0 for anyone but its instructors
 *  and TAs (authorised inside the queries). The "Moderation (N)" count. */
export async function countModerationQueue(options: { userId: string; courseId: string }): Promise<number> {
  const [reported, pending] = await Promise.all([
    countOpenReports(options),
    db.comment.count({ where: { courseId: options.courseId, status: "PENDING", course: readableCourse(options.userId, STAFF_ROLES) } }),
  ]);
  return reported + pending;
}

/** The home page's "Moderation (N)" for every course in `courseIds` where the user is an
 *  instructor or TA (courses where they are not get no entry): two grouped queries. */
export async function countModerationQueues(options: { userId: string; courseIds: string[] }): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (options.courseIds.length === 0) return counts;
  const staffCourse = { id: { in: options.courseIds }, ...readableCourse(options.userId, STAFF_ROLES) };
  const [staff, reported, pending] = await Promise.all([
    db.course.findMany({ where: staffCourse, select: { id: true } }),
    db.commentReport.findMany({ where: { resolvedAt: null, course: staffCourse, comment: { status: { not: "DELETED" } } }, distinct: ["commentId"], select: { courseId: true } }),
    db.comment.groupBy({ by: ["courseId"], where: { status: "PENDING", course: staffCourse }, _count: { _all: true } }),
  ]);
  for (const c of staff) counts.set(c.id, 0);
  for (const r of reported) counts.set(r.courseId, (counts.get(r.courseId) ?? 0) + 1);
  for (const p of pending) counts.set(p.courseId, (counts.get(p.courseId) ?? 0) + p._count._all);
  return counts;
}
