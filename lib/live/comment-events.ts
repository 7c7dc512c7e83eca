import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { CommentAccess } from "@/lib/comments/visibility";
import { publishLiveEvent } from "@/lib/live/publish";
import { readingTopic } from "@/lib/live/topics";

export type CommentEventKind = "comment.created" | "comment.edited" | "comment.deleted" | "comment.reacted" | (string & {});

export interface CommentEventSubject {
  id: string;
  readingId: string;
  blockId: string | null;
  parentId: string | null;
  rootId: string | null;
  /** A thread root on a passage: its offsets in the paragraph (readers who may see the
   *  comment highlight it at once; offsets are no secret to them). */
  passage?: { start: number; end: number } | null;
}

/**
 * Tell the comment's reading that the comment changed. `before`/`after` are its
 * visibility-relevant fields before and after the change (null: did not exist / does not
 * any more), so each reader gets the event only if they could see it then or can now, with
 * the count change they see. The browser fetches the comment itself through the
 * authorised API when it needs the content: events carry ids, never text.
 *
 * Moderation can publish its changes the same way, e.g. hiding a comment:
 *   publishCommentEvent(tx, "comment.hidden", subject, { before: {…status: "VISIBLE"}, after: {…status: "HIDDEN"} })
 */
export async function publishCommentEvent(
  tx: Prisma.TransactionClient,
  kind: CommentEventKind,
  subject: CommentEventSubject,
  change: { before: CommentAccess | null; after: CommentAccess | null },
  /** The reading's post-first setting when the caller already read it under the write's lock (saves a query). */
  known?: { postFirst: boolean },
) {
  // "Post before you see": the audience carries the paragraph and the reading's setting, so
  // each listener's delivery applies the gate in memory (lib/comments/visibility.ts).
  const postFirst = known ? known.postFirst : ((await tx.reading.findUnique({ where: { id: subject.readingId }, select: { postFirst: true } }))?.postFirst ?? false);
  const gate = { blockId: subject.blockId, postFirst };
  return publishLiveEvent(tx, {
    topic: readingTopic(subject.readingId),
    kind,
    data: { commentId: subject.id, blockId: subject.blockId, parentId: subject.parentId, rootId: subject.rootId, passage: subject.passage ?? null },
    audience: { type: "comment", before: change.before && { ...change.before, ...gate }, after: change.after && { ...change.after, ...gate } },
  });
}
