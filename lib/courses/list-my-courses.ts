import "server-only";
import { db } from "@/lib/db";

export async function listMyCourses(options: { userId: string }) {
  const memberships = await db.membership.findMany({
    where: { userId: options.userId, course: { archivedAt: null } },
    orderBy: { course: { createdAt: "desc" } },
    select: {
      role: true,
      course: {
        select: {
          id: true,
          slug: true,
          title: true,
          term: true,
          _count: { select: { readings: true, memberships: true } },
        },
      },
    },
  });
  return memberships.map((m) => ({ ...m.course, role: m.role }));
}
