import "server-only";
import { db } from "@/lib/db";
import { readableCourse } from "@/lib/auth/membership";
import { visibleCommentSql } from "@/lib/comments/visibility";

/** Per reading of a course: comments new to the user since they last opened each thread
 *  ("3 new" on the course page). One aggregate query. */
export async function countUnreadByReading(options: { userId: string; courseId: string }): Promise<Map<string, number>> {
  const membership = await db.membership.findFirst({ where: { userId: options.userId, course: { id: options.courseId, ...readableCourse(options.userId) } }, select: { role: true } });
  if (!membership) return new Map();
  const viewer = { userId: options.userId, role: membership.role };
  const rows = await db.$queryRaw<{ readingId: string; fresh: bigint }[]>`
    SELECT c."readingId", count(*) AS fresh
    FROM "Comment" c
    LEFT JOIN "ThreadRead" tr ON tr."userId" = ${options.userId} AND tr."rootId" = COALESCE(c."rootId", c."id")
    WHERE c."courseId" = ${options.courseId} AND c."blockId" IS NOT NULL AND c."authorId" <> ${options.userId}
      AND (tr."readAt" IS NULL OR c."createdAt" > tr."readAt") AND ${visibleCommentSql(viewer, "c")}
    GROUP BY c."readingId"`;
  return new Map(rows.map((r) => [r.readingId, Number(r.fresh)]));
}
