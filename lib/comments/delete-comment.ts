import "server-only";
import { AppError } from "@/lib/errors";
import { findCommentForViewer } from "@/lib/comments/access";
import { assertDiscussionOpen } from "@/lib/readings/assert-discussion-open";
import { canSeeComment } from "@/lib/comments/visibility";
import { commentWriteTransaction } from "@/lib/comments/write-transaction";
import { publishCommentEvent } from "@/lib/live/comment-events";

/**
 * Delete one's own comment. The row stays (status DELETED, with its text, for the course
 * staff's audit); readers see a "Comment deleted" tombstone in its place while replies hang
 * off it, and nothing at all otherwise (lib/comments/visibility.ts). Its text is never
 * sent to a student again.
 */
export async function deleteComment(options: { userId: string; commentId: string }) {
  const { comment, viewer, subject } = await findCommentForViewer(options.userId, options.commentId);
  // A closed reading (students) or an archived course (everyone) is read-only.
  await assertDiscussionOpen({ userId: options.userId, readingId: comment.readingId });
  if (comment.authorId !== options.userId) {
    // Someone else's comment: say so only if this user can see it at all.
    if (!canSeeComment(viewer, comment)) throw new AppError("NOT_FOUND", "This comment does not exist, or you cannot see it.");
    throw new AppError("FORBIDDEN", "You can only delete your own comments.");
  }
  if (comment.status === "DELETED") throw new AppError("NOT_FOUND", "This comment was already deleted.");
  await commentWriteTransaction(comment.readingId, async (tx) => {
    const current = await tx.comment.findFirst({ where: { id: comment.id, authorId: options.userId, status: { not: "DELETED" } }, select: { status: true, visibility: true } });
    if (!current) throw new AppError("NOT_FOUND", "This comment was already deleted.");
    await tx.comment.update({ where: { id: comment.id }, data: { status: "DELETED", deletedAt: new Date() } });
    await publishCommentEvent(tx, "comment.deleted", subject, {
      before: { authorId: comment.authorId, status: current.status, visibility: current.visibility, threadAuthorId: comment.threadAuthorId },
      after: { authorId: comment.authorId, status: "DELETED", visibility: current.visibility, threadAuthorId: comment.threadAuthorId },
    });
  });
  return { id: comment.id, deleted: true as const };
}
