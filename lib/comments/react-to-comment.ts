import "server-only";
import { AppError } from "@/lib/errors";
import { findCommentForViewer } from "@/lib/comments/access";
import { assertDiscussionOpen } from "@/lib/readings/assert-discussion-open";
import { canSeeComment } from "@/lib/comments/visibility";
import { viewComments } from "@/lib/comments/view-comments";
import { commentWriteTransaction } from "@/lib/comments/write-transaction";
import { publishCommentEvent } from "@/lib/live/comment-events";
import type { CommentView } from "@/lib/comments/comment-view";

/**
 * Mark a comment "Helpful" (`helpful: true`) or take it back (`false`). One per person
 * (a unique index holds it across instances and races), never on one's own comment, only
 * on a comment the user can see. Marking twice or taking back what was not marked is a
 * CONFLICT with a message; nothing changes.
 */
export async function reactToComment(options: { userId: string; commentId: string; helpful: boolean }): Promise<CommentView> {
  const { comment, viewer, subject } = await findCommentForViewer(options.userId, options.commentId);
  // A closed reading (students) or an archived course (everyone) is read-only.
  await assertDiscussionOpen({ userId: options.userId, readingId: comment.readingId });
  if (!canSeeComment(viewer, comment)) {
    throw new AppError("NOT_FOUND", comment.status === "DELETED" ? "This comment was deleted." : "This comment does not exist, or you cannot see it.");
  }
  if (comment.authorId === options.userId) throw new AppError("INVALID_INPUT", "You cannot mark your own comment as helpful.");
  const access = { authorId: comment.authorId, status: comment.status, visibility: comment.visibility, threadAuthorId: comment.threadAuthorId };
  await commentWriteTransaction(comment.readingId, async (tx) => {
    if (options.helpful) {
      const inserted = await tx.$executeRaw`
        INSERT INTO "Reaction" ("id", "commentId", "userId", "kind") VALUES (${`r${crypto.randomUUID().replace(/-/g, "")}`}, ${comment.id}, ${options.userId}, 'HELPFUL')
        ON CONFLICT ("commentId", "userId", "kind") DO NOTHING`;
      if (inserted === 0) throw new AppError("CONFLICT", "You already marked this comment as helpful.");
    } else {
      const removed = await tx.reaction.deleteMany({ where: { commentId: comment.id, userId: options.userId, kind: "HELPFUL" } });
      if (removed.count === 0) throw new AppError("CONFLICT", "You had not marked this comment as helpful.");
    }
    await publishCommentEvent(tx, "comment.reacted", subject, { before: access, after: access });
  });
  const [view] = await viewComments({ viewer, courseId: comment.courseId, ids: [comment.id] });
  if (!view) throw new AppError("NOT_FOUND", "This comment does not exist, or you cannot see it.");
  return view;
}
