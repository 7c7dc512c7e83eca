import "server-only";
import type { Role } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { SCHEDULE_SELECT, readingPhase, visibleReadingsWhere } from "@/lib/readings/schedule";

export type ReadingProgress = "replied" | "commented" | "not-yet";

/**
 * A course's schedule as `role` may see it (students: published and open readings only),
 * in order, with discussion counts and the viewer's own progress on each (commented /
 * replied / not yet). The caller has passed the guard; the queries are scoped by courseId.
 */
export async function listCourseReadings(options: { courseId: string; role: Role; userId: string; now?: Date }) {
  const now = options.now ?? new Date();
  const readings = await db.reading.findMany({
    where: { courseId: options.courseId, ...visibleReadingsWhere(options.role, now) },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      slug: true,
      title: true,
      author: true,
      source: true,
      date: true,
      ...SCHEDULE_SELECT,
    },
  });
  const ids = readings.map((r) => r.id);
  const [counts, mine] = await Promise.all([
    db.comment.groupBy({
      by: ["readingId"],
      where: { courseId: options.courseId, readingId: { in: ids }, status: "VISIBLE", visibility: "CLASS" },
      _count: { _all: true },
    }),
    db.$queryRaw<{ readingId: string; comments: number; replies: number }[]>`
      SELECT "readingId", count(*) FILTER (WHERE "parentId" IS NULL)::int AS comments, count(*) FILTER (WHERE "parentId" IS NOT NULL)::int AS replies
      FROM "Comment"
      WHERE "courseId" = ${options.courseId} AND "authorId" = ${options.userId} AND status <> 'DELETED' AND "readingId" = ANY(${ids}::text[])
      GROUP BY "readingId"`,
  ]);
  const byReading = new Map(counts.map((c) => [c.readingId, c._count._all]));
  const myCounts = new Map(mine.map((m) => [m.readingId, m]));
  return readings.map((r) => {
    const own = myCounts.get(r.id);
    const progress: ReadingProgress = own?.replies ? "replied" : own?.comments ? "commented" : "not-yet";
    return {
      ...r,
      phase: readingPhase(r, now),
      commentCount: byReading.get(r.id) ?? 0,
      mine: { comments: own?.comments ?? 0, replies: own?.replies ?? 0 },
      progress,
    };
  });
}
