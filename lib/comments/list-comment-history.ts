import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isStaffRole } from "@/lib/auth/membership";
import { findCommentForViewer } from "@/lib/comments/access";
import { plainTextHtml } from "@/lib/comments/markdown";
import { canSeeComment, isTombstone } from "@/lib/comments/visibility";

/**
 * A comment's history for the course's instructors and TAs: every earlier version, the
 * current text, and — for a deleted comment — the deleted text and when. Students never
 * reach this (403), not even for their own comments' deleted text; nobody reaches the
 * history of a comment they could not see (another's private note: 404).
 */
export async function listCommentHistory(options: { userId: string; commentId: string }) {
  const { comment, viewer } = await findCommentForViewer(options.userId, options.commentId);
  // Only a comment the viewer could see were it not deleted: someone's private note is
  // theirs alone (and a student is not told it exists).
  if (!canSeeComment(viewer, isTombstone(comment) ? { ...comment, status: "VISIBLE" } : comment)) {
    throw new AppError("NOT_FOUND", "This comment does not exist, or you cannot see it.");
  }
  if (!isStaffRole(viewer.role)) throw new AppError("FORBIDDEN", "Only the course's instructors and TAs can see earlier versions of a comment.");
  const row = await db.comment.findUniqueOrThrow({
    where: { id: comment.id },
    select: {
      body: true,
      createdAt: true,
      editedAt: true,
      deletedAt: true,
      status: true,
      author: { select: { name: true } },
      revisions: { orderBy: { createdAt: "asc" }, take: 200, select: { id: true, body: true, createdAt: true, editor: { select: { name: true } } } },
    },
  });
  // Each revision holds the text as it was until the edit made at its createdAt.
  const versions = row.revisions.map((r, i) => ({
    html: plainTextHtml(r.body),
    from: (i === 0 ? row.createdAt : row.revisions[i - 1]!.createdAt).toISOString(),
    until: r.createdAt.toISOString(),
    editedBy: r.editor?.name ?? null,
  }));
  return {
    author: row.author.name,
    deleted: row.status === "DELETED",
    deletedAt: row.deletedAt?.toISOString() ?? null,
    versions,
    current: { html: plainTextHtml(row.body), from: (row.revisions.at(-1)?.createdAt ?? row.createdAt).toISOString() },
  };
}
