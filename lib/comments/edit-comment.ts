import "server-only";
import { AppError, fieldErrors } from "@/lib/errors";
import { editCommentSchema } from "@/lib/validations/comment";
import { findCommentForViewer } from "@/lib/comments/access";
import { assertDiscussionOpen } from "@/lib/readings/assert-discussion-open";
import { canSeeComment } from "@/lib/comments/visibility";
import { renderBody } from "@/lib/comments/render-body";
import { viewComments } from "@/lib/comments/view-comments";
import { commentWriteTransaction } from "@/lib/comments/write-transaction";
import { publishCommentEvent } from "@/lib/live/comment-events";
import type { CommentView } from "@/lib/comments/comment-view";
import { assertMayPost, recordHold } from "@/lib/moderation/posting-policy";

/**
 * Edit one's own comment. The previous text is kept as a CommentRevision (instructors and
 * TAs can read the history); the comment shows "edited" with the time. Authorised inside
 * the write: the UPDATE matches only the author's own, not-deleted comment.
 */
export async function editComment(options: { userId: string; commentId: string; input: unknown }): Promise<CommentView> {
  const parsed = editCommentSchema.safeParse(options.input);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error.issues);
    throw new AppError("INVALID_INPUT", fields.body ?? "Check the comment and try again.", fields);
  }
  const { comment, viewer, subject } = await findCommentForViewer(options.userId, options.commentId);
  // A closed reading (students) or an archived course (everyone) is read-only.
  await assertDiscussionOpen({ userId: options.userId, readingId: comment.readingId });
  if (comment.authorId !== options.userId) {
    // Someone else's comment: say so only if this user can see it at all.
    if (!canSeeComment(viewer, comment)) throw new AppError("NOT_FOUND", "This comment does not exist, or you cannot see it.");
    throw new AppError("FORBIDDEN", "You can only edit your own comments.");
  }
  if (comment.status === "DELETED") throw new AppError("NOT_FOUND", "This comment was deleted.");
  const body = parsed.data.body;
  const bodyHtml = renderBody(body);
  // Moderation: a muted author cannot edit; under pre-moderation (or a word-list match) an edited visible comment waits for approval again.
  const hold = (await assertMayPost({ userId: options.userId, readingId: comment.readingId, edit: true })).hold(body);

  await commentWriteTransaction(comment.readingId, async (tx) => {
    const current = await tx.comment.findFirst({
      where: { id: comment.id, authorId: options.userId, status: { not: "DELETED" } },
      select: { body: true, status: true, visibility: true },
    });
    if (!current) throw new AppError("NOT_FOUND", "This comment was deleted.");
    if (current.body === body) return;
    await tx.commentRevision.create({ data: { commentId: comment.id, body: current.body, editorId: options.userId } });
    const held = hold !== null && current.status === "VISIBLE";
    await tx.comment.update({ where: { id: comment.id }, data: { body, bodyHtml, editedAt: new Date(), ...(held ? { status: "PENDING" as const } : {}) } });
    if (held) await recordHold(tx, { courseId: comment.courseId, readingId: comment.readingId, commentId: comment.id, authorId: options.userId, reason: hold });
    const access = { authorId: comment.authorId, status: current.status, visibility: current.visibility, threadAuthorId: comment.threadAuthorId };
    await publishCommentEvent(tx, "comment.edited", subject, { before: access, after: held ? { ...access, status: "PENDING" } : access });
  });
  const [view] = await viewComments({ viewer, courseId: comment.courseId, ids: [comment.id] });
  return view!;
}
