import "server-only";
import { db } from "@/lib/db";
import { memberCourse } from "@/lib/auth/membership";

/** Threads whose text vanished in an edit, for the reading's "Detached comments" panel.
 *  Authorised inside the query, and only what every member may see (visible, class). */
export async function listDetachedComments(options: { userId: string; readingId: string }) {
  const rows = await db.comment.findMany({
    where: {
      readingId: options.readingId,
      course: memberCourse(options.userId),
      parentId: null,
      blockId: null,
      status: "VISIBLE",
      visibility: "CLASS",
    },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      body: true,
      quote: true,
      createdAt: true,
      detachedAt: true,
      detachedFrom: true,
      author: { select: { name: true } },
      _count: { select: { replies: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    body: r.body,
    quote: r.quote,
    author: r.author.name,
    replies: r._count.replies,
    createdAt: r.createdAt.toISOString(),
    from: (r.detachedFrom as { paragraph?: number | null; text?: string | null } | null) ?? null,
  }));
}
