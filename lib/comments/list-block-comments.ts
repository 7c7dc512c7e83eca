import "server-only";
import { db } from "@/lib/db";
import { memberCourse } from "@/lib/auth/membership";
import { AppError } from "@/lib/errors";
import { commentSelect, toCommentView } from "@/lib/comments/comment-view";

/** A paragraph's discussion, oldest first (threads follow the text; replies in order).
 *  Authorised inside the query: the block must belong to a course the user is in. */
export async function listBlockComments(options: { userId: string; blockId: string }) {
  const block = await db.block.findFirst({
    where: { id: options.blockId, reading: { course: memberCourse(options.userId) } },
    select: { id: true, number: true, reading: { select: { id: true, courseId: true } } },
  });
  if (!block) throw new AppError("NOT_FOUND", "This paragraph does not exist, or you are not a member of its course.");
  const rows = await db.comment.findMany({
    where: { blockId: block.id, readingId: block.reading.id, status: "VISIBLE", visibility: "CLASS" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: commentSelect(block.reading.courseId),
  });
  return { blockId: block.id, number: block.number, comments: rows.map((r) => toCommentView(r, options.userId)) };
}
