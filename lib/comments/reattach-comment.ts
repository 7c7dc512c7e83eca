import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { readableCourse, STAFF_ROLES } from "@/lib/auth/membership";
import { archivedCourseError } from "@/lib/auth/guard";
import { publishLiveEvent } from "@/lib/live/publish";
import { readingTopic } from "@/lib/live/topics";

/** An instructor or TA puts a Detached thread back on a paragraph of the same reading
 *  (not in an archived course: it is read-only, and says so). */
export async function reattachComment(options: { userId: string; commentId: string; blockId: unknown }) {
  if (typeof options.blockId !== "string" || !options.blockId) throw new AppError("INVALID_INPUT", "Choose the paragraph to attach the comment to.");
  const comment = await db.comment.findFirst({
    where: {
      id: options.commentId,
      parentId: null,
      course: readableCourse(options.userId, STAFF_ROLES),
    },
    select: { id: true, readingId: true, blockId: true, quote: true, course: { select: { archivedAt: true } } },
  });
  if (!comment) throw new AppError("NOT_FOUND", "This comment does not exist, or only the course's instructors can move it.");
  if (comment.course.archivedAt) throw archivedCourseError();
  if (comment.blockId) throw new AppError("CONFLICT", "This comment is already attached to a paragraph.");
  const block = await db.block.findFirst({
    where: { id: options.blockId, readingId: comment.readingId, kind: { not: "HEADING" } },
    select: { id: true, number: true, text: true },
  });
  if (!block) throw new AppError("INVALID_INPUT", "Choose a paragraph of this reading.");
  const start = comment.quote ? block.text.indexOf(comment.quote) : -1;
  await db.$transaction(async (tx) => {
    await tx.comment.update({
      where: { id: comment.id },
      data: {
        blockId: block.id,
        detachedAt: null,
        ...(comment.quote ? { startOffset: start >= 0 ? start : null, endOffset: start >= 0 ? start + comment.quote.length : null } : {}),
      },
    });
    await tx.comment.updateMany({ where: { rootId: comment.id }, data: { blockId: block.id, detachedAt: null } });
    // A whole thread moved: readers reload their counts (and the open paragraph).
    await publishLiveEvent(tx, { topic: readingTopic(comment.readingId), kind: "discussion.changed", data: { blockId: block.id }, audience: { type: "members" } });
  });
  return { blockId: block.id, number: block.number };
}
