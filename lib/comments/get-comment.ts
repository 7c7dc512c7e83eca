import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { findCommentForViewer } from "@/lib/comments/access";
import { canSeeComment, isPlaceholderFor, passesPostFirst, pruneTombstones, threadCommentSql, type CommentAccess, type Viewer } from "@/lib/comments/visibility";
import { loadThreadThrough } from "@/lib/comments/thread-query";
import { viewComments } from "@/lib/comments/view-comments";
import type { CommentView, ThreadView } from "@/lib/comments/comment-view";

const gone = () => new AppError("NOT_FOUND", "This comment does not exist any more, or you cannot see it.");

/**
 * One comment as this viewer may see it — for live refetches and deep links (#c-<id>) —
 * with its paragraph number and, when asked, its whole thread up to it (so a link to the
 * 300th reply opens with that reply loaded). A tombstone is returned only while something
 * visible hangs below it.
 */
export async function getComment(options: { userId: string; commentId: string; withThread?: boolean }) {
  const { comment, viewer } = await findCommentForViewer(options.userId, options.commentId);
  const rootId = comment.rootId ?? comment.id;
  if (isPlaceholderFor(viewer, comment)) {
    if (!(await tombstoneStays(viewer, rootId, comment.id))) throw gone();
  } else if (!canSeeComment(viewer, comment) || !(await passesPostFirst(db, viewer, comment.id))) throw gone();

  const block = comment.blockId ? await db.block.findUnique({ where: { id: comment.blockId }, select: { number: true } }) : null;
  let thread: ThreadView | null = null;
  let view: CommentView | undefined;
  if (options.withThread) {
    thread = await loadThreadThrough({ viewer, courseId: comment.courseId, rootId, targetId: comment.id });
    view = thread?.root.id === comment.id ? thread.root : thread?.replies.find((r) => r.id === comment.id);
  }
  view ??= (await viewComments({ viewer, courseId: comment.courseId, ids: [comment.id], unread: true }))[0];
  if (!view) throw gone();
  return { comment: view, number: block?.number ?? null, detached: comment.blockId === null, thread };
}

/** Does a deleted comment still have something visible below it? */
async function tombstoneStays(viewer: Viewer, rootId: string, id: string) {
  const rows = await db.$queryRaw<({ id: string; parentId: string | null } & CommentAccess)[]>`
    SELECT c."id", c."parentId", c."status", c."authorId", c."visibility", c."threadAuthorId" FROM "Comment" c
    WHERE (c."rootId" = ${rootId} OR c."id" = ${rootId}) AND ${threadCommentSql(viewer, "c")}
    LIMIT 5000`;
  // Hidden comments this viewer cannot see are placeholders like deleted ones.
  const shaped = rows.map((r) => ({ id: r.id, parentId: r.parentId, status: isPlaceholderFor(viewer, r) ? ("DELETED" as const) : ("VISIBLE" as const) }));
  return pruneTombstones(shaped).some((r) => r.id === id);
}

