import "server-only";
import { db } from "@/lib/db";
import { nextDue, visibleReadingsWhere } from "@/lib/readings/schedule";

/**
 * The home page's cards: the user's courses, active ones first (newest first) and archived
 * ones apart, each with the next reading due that this member can see.
 */
export async function listMyCourses(options: { userId: string; now?: Date }) {
  const now = options.now ?? new Date();
  const memberships = await db.membership.findMany({
    where: { userId: options.userId },
    orderBy: { course: { createdAt: "desc" } },
    select: {
      role: true,
      course: {
        select: {
          id: true,
          slug: true,
          title: true,
          term: true,
          archivedAt: true,
          timeZone: true,
          _count: { select: { memberships: true } },
        },
      },
    },
  });
  const courseIds = memberships.map((m) => m.course.id);
  const readings = courseIds.length
    ? await db.reading.findMany({
        where: {
          courseId: { in: courseIds },
          OR: memberships.map((m) => ({ courseId: m.course.id, ...visibleReadingsWhere(m.role, now) })),
        },
        select: { courseId: true, slug: true, title: true, dueAt: true },
      })
    : [];
  const byCourse = new Map<string, typeof readings>();
  for (const r of readings) {
    const list = byCourse.get(r.courseId);
    if (list) list.push(r);
    else byCourse.set(r.courseId, [r]);
  }
  const courses = memberships.map((m) => {
    const list = byCourse.get(m.course.id) ?? [];
    const due = nextDue(list, now);
    return {
      ...m.course,
      role: m.role,
      readingCount: list.length,
      memberCount: m.course._count.memberships,
      nextDue: due ? { slug: due.slug, title: due.title, dueAt: due.dueAt! } : null,
    };
  });
  return { active: courses.filter((c) => !c.archivedAt), archived: courses.filter((c) => c.archivedAt) };
}
