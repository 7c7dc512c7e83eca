import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { viewComments } from "@/lib/comments/view-comments";
import type { CommentView } from "@/lib/comments/comment-view";

/**
 * The comment a user already posted with this idempotency key, or null. A retried request
 * (the answer was lost to a timeout, a crash, a double click) must get the comment it
 * made the first time, wherever that comment is now — re-anchored by an edit, or in a
 * course the user has since left — so this looks up by author and key only: a user only
 * ever sees their own comment this way. A key reused for a different comment (another
 * reading, another parent, other words) is a client bug and is refused.
 */
export async function findPostedComment(options: {
  userId: string;
  idempotencyKey: string;
  request: { readingId: string; parentId?: string | null; body: string };
}): Promise<CommentView | null> {
  const posted = await db.comment.findUnique({
    where: { authorId_idempotencyKey: { authorId: options.userId, idempotencyKey: options.idempotencyKey } },
    select: { id: true, courseId: true, readingId: true, parentId: true, body: true, editedAt: true },
  });
  if (!posted) return null;
  const same =
    posted.readingId === options.request.readingId &&
    posted.parentId === (options.request.parentId ?? null) &&
    (posted.editedAt !== null || posted.body === options.request.body);
  if (!same) {
    throw new AppError("INVALID_INPUT", "This idempotencyKey was already used for a different comment. Make a new key for each new comment.", {
      idempotencyKey: "already used for a different comment",
    });
  }
  const membership = await db.membership.findFirst({ where: { userId: options.userId, courseId: posted.courseId }, select: { role: true } });
  const [view] = await viewComments({ viewer: { userId: options.userId, role: membership?.role ?? null }, courseId: posted.courseId, ids: [posted.id] });
  if (!view) throw new AppError("CONFLICT", "The comment this request posted has since been deleted.");
  return view;
}
