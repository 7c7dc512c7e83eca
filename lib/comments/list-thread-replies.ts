import "server-only";
import { AppError, fieldErrors } from "@/lib/errors";
import { moreRepliesSchema } from "@/lib/validations/comment";
import { findCommentForViewer } from "@/lib/comments/access";
import { db } from "@/lib/db";
import { canSeeComment, isPlaceholderFor, passesPostFirst } from "@/lib/comments/visibility";
import { loadMoreReplies } from "@/lib/comments/thread-query";

/** "Show more replies": the next page of a thread's replies after a cursor. */
export async function listThreadReplies(options: { userId: string; rootId: string; query: unknown }) {
  const parsed = moreRepliesSchema.safeParse(options.query);
  if (!parsed.success) throw new AppError("INVALID_INPUT", Object.values(fieldErrors(parsed.error.issues))[0] ?? "That page link is not valid.");
  const { comment, viewer } = await findCommentForViewer(options.userId, options.rootId);
  if (comment.parentId !== null) throw new AppError("INVALID_INPUT", "Replies are listed per thread: give the thread's first comment.");
  if (!isPlaceholderFor(viewer, comment) && (!canSeeComment(viewer, comment) || !(await passesPostFirst(db, viewer, comment.id)))) throw new AppError("NOT_FOUND", "This comment does not exist, or you cannot see it.");
  return loadMoreReplies({ viewer, courseId: comment.courseId, rootId: comment.id, cursor: parsed.data.cursor, unread: true });
}
