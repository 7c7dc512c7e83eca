import "server-only";
import { db } from "@/lib/db";

/** A course's readings in schedule order with their discussion counts. Caller has passed
 *  requireCourseRole; the query is still scoped by courseId. */
export async function listCourseReadings(options: { courseId: string }) {
  const readings = await db.reading.findMany({
    where: { courseId: options.courseId, publishedAt: { not: null } },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, slug: true, title: true, author: true, source: true, date: true, dueAt: true },
  });
  const counts = await db.comment.groupBy({
    by: ["readingId"],
    where: { courseId: options.courseId, status: "VISIBLE", visibility: "CLASS" },
    _count: { _all: true },
  });
  const byReading = new Map(counts.map((c) => [c.readingId, c._count._all]));
  return readings.map((r) => ({ ...r, commentCount: byReading.get(r.id) ?? 0 }));
}
