import "server-only";
import { db } from "@/lib/db";
import { AppError, fieldErrors, isAppError } from "@/lib/errors";
import { createCommentSchema } from "@/lib/validations/comment";
import type { z } from "zod";
import { describeSelectors } from "@/lib/anchoring";
import { visibleCommentWhere } from "@/lib/comments/visibility";
import { renderBody } from "@/lib/comments/render-body";
import { viewNewComment } from "@/lib/comments/view-comments";
import type { CommentStatus, Visibility } from "@/generated/prisma/client";
import { commentWriteTransaction } from "@/lib/comments/write-transaction";
import { publishCommentEvent } from "@/lib/live/comment-events";
import type { CommentView } from "@/lib/comments/comment-view";
import { findPostedComment } from "@/lib/comments/find-posted-comment";
import { recordHold } from "@/lib/moderation/posting-policy";
import { loadPostContext } from "@/lib/comments/post-context";
import { decidePostPrivacy } from "@/lib/comments/privacy";
import { notifyMentions, notifyReply } from "@/lib/notifications/notify";


const THREAD_LOCKED = "This thread is locked by an instructor: it takes no new replies.";
/**
 * Post a comment on a paragraph or on a passage of it, or a reply. Order: validate →
 * authorise inside the query (the block must be in a course the author belongs to) →
 * check the parent (same paragraph, visible to the author) or the passage (its offsets
 * must match the paragraph's text) → render the Markdown → one transaction: write, move
 * the thread's activity time, publish the live event. With an idempotencyKey, a post that
 * was already saved returns that comment instead (retries, double clicks).
 */
export async function createComment(options: { userId: string; input: unknown }): Promise<CommentView> {
  const parsed = createCommentSchema.safeParse(options.input);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error.issues);
    throw new AppError("INVALID_INPUT", fields.body ?? Object.values(fields)[0] ?? "Check the comment and try again.", fields);
  }
  const { idempotencyKey } = parsed.data;
  try {
    return await writeComment(options.userId, parsed.data);
  } catch (error) {
    // A retry of a post that was already saved gets the same comment back
    // (find-posted-comment.ts), wherever that comment is now. Looked up only when this post
    // cannot be made as a new one — the key's unique index refused the insert (P2002: the
    // retry, or a copy that raced in at the same moment), or a check refused it (the reading
    // closed, the paragraph moved, the course left since) — not before every post.
    const refused = (error as { code?: unknown }).code === "P2002" || (isAppError(error) && error.code !== "UNAVAILABLE");
    const posted = idempotencyKey && refused ? await findPostedComment({ userId: options.userId, idempotencyKey, request: parsed.data }) : null;
    if (posted) return posted;
    throw error;
  }
}

type CreateCommentData = z.output<typeof createCommentSchema>;

async function writeComment(userId: string, input: CreateCommentData): Promise<CommentView> {
  const options = { userId };
  const { readingId, blockId, parentId, body, passage, idempotencyKey, visibility, anonymous } = input;
  // The reading's schedule, moderation (muted authors and locked readings are refused;
  // pre-moderation holds) and the author's membership, in one query (post-context.ts).
  // Only a missing row is a refusal: a database outage stays a 503 the client retries, not
  // a refusal that tells the writer their comment can never be posted.
  const context = await loadPostContext({ userId: options.userId, readingId, blockId });
  const { block, viewer, courseId } = context;
  const hold = context.policy.hold(body);
  if (block.kind === "HEADING") throw new AppError("INVALID_INPUT", "Headings cannot be discussed; comment on a paragraph.");

  let rootId: string | null = null;
  let parentRow: Parameters<typeof decidePostPrivacy>[0]["parent"] = null;
  if (parentId) {
    if (passage) throw new AppError("INVALID_INPUT", "A reply answers its comment; it cannot quote another passage.");
    const parent = await db.comment.findFirst({
      where: { AND: [{ id: parentId, readingId }, visibleCommentWhere(viewer)] },
      select: { id: true, rootId: true, blockId: true, status: true, visibility: true, authorId: true, threadAuthorId: true },
    });
    if (!parent) throw new AppError("INVALID_INPUT", "You can only reply to a comment on the same reading (it may have been deleted).");
    if (parent.blockId !== block.id) throw new AppError("INVALID_INPUT", "A reply belongs to the same paragraph as the comment it answers.");
    if (parent.status !== "VISIBLE") throw new AppError("CONFLICT", "This comment was hidden by an instructor or waits for approval, so it cannot be answered.");
    rootId = parent.rootId ?? parent.id;
    parentRow = parent;
    // Moderation: a locked thread takes no new replies (lib/moderation).
    const root = await db.comment.findUnique({ where: { id: rootId }, select: { lockedAt: true } });
    if (root?.lockedAt) throw new AppError("CONFLICT", THREAD_LOCKED);
  }

  let selectors: ReturnType<typeof describeSelectors> | null = null;
  if (passage) {
    if (passage.end > block.text.length || block.text.slice(passage.start, passage.end) !== passage.quote) {
      throw new AppError("INVALID_INPUT", `The selected text does not match paragraph ${block.number}. The reading may have changed: reload the page and select the passage again.`);
    }
    if (!passage.quote.trim()) throw new AppError("INVALID_INPUT", "Select some words, not only spaces.");
    selectors = describeSelectors(block.text, passage.start, passage.end);
  }
  const bodyHtml = renderBody(body);
  // Visibility (replies inherit their thread's) and anonymity: lib/comments/privacy.ts.
  const privacy = await decidePostPrivacy({ viewer, courseId, readingId, parent: parentRow, visibility, anonymous });
  // A private note is its author's alone: there is nobody to hold it back from.
  const held = privacy.visibility === "PRIVATE" ? null : hold;

  let created: { id: string; createdAt: Date; status: CommentStatus; visibility: Visibility; authorId: string; threadAuthorId: string | null; anonymous: boolean; quote: string | null; startOffset: number | null; endOffset: number | null };
  try {
    created = await commentWriteTransaction(readingId, async (tx, locked) => {
    // The paragraph must still be there now that the reading is held: an edit published
    // since the checks above may have removed it. The insert's foreign key checks that
    // (isBlockGone below) without a query of its own.
    const row = await tx.comment.create({
      data: {
        courseId,
        readingId,
        blockId: block.id,
        parentId: parentId ?? null,
        rootId,
        authorId: options.userId,
        body,
        bodyHtml,
        idempotencyKey: idempotencyKey ?? null,
        ...privacy,
        ...(held ? { status: "PENDING" as const } : {}),
        ...(selectors ? { quote: selectors.quote, prefix: selectors.prefix, suffix: selectors.suffix, startOffset: selectors.start, endOffset: selectors.end } : {}),
      },
      select: { id: true, createdAt: true, status: true, visibility: true, authorId: true, threadAuthorId: true, anonymous: true, quote: true, startOffset: true, endOffset: true },
    });
    // The thread's activity time moves only if it is still open: a lock committed since the
    // check above (the same row: this update waits for it) refuses the reply here, and the
    // transaction — the reply with it — is undone.
    if (rootId) {
      const moved = await tx.comment.updateMany({ where: { id: rootId, lockedAt: null }, data: { activityAt: row.createdAt } });
      if (moved.count === 0) throw new AppError("CONFLICT", THREAD_LOCKED);
    }
    if (held) await recordHold(tx, { courseId, readingId, commentId: row.id, authorId: options.userId, reason: held });
    const toldOfReply = await notifyReply(tx, { id: row.id, authorId: row.authorId, parentId: parentId ?? null, rootId });
    await notifyMentions(tx, { id: row.id, authorId: row.authorId, body }, toldOfReply);
    await publishCommentEvent(
      tx,
      "comment.created",
      { id: row.id, readingId, blockId: block.id, parentId: parentId ?? null, rootId, passage: selectors ? { start: selectors.start, end: selectors.end } : null },
      { before: null, after: { authorId: row.authorId, status: row.status, visibility: row.visibility, threadAuthorId: row.threadAuthorId } },
      locked,
    );
    return row;
  });
  } catch (error) {
    if (isBlockGone(error)) throw new AppError("CONFLICT", "The instructor just edited this reading. Reload the page to see the new text — your draft is kept.");
    throw error;
  }
  // The author's view of what they just wrote, from what this request already holds
  // (view-comments.ts viewNewComment: the same view viewComments builds, without reading it back).
  return viewNewComment({
    viewer,
    courseId,
    author: { id: options.userId, name: context.authorName },
    row: { ...created, readingId, blockId: block.id, parentId: parentId ?? null, rootId, body, bodyHtml },
  });
}

/** The insert's foreign key to the paragraph failed: the paragraph is gone (a reading edit
 *  removed it between the checks and the write). Prisma's P2003, however the adapter wraps it. */
function isBlockGone(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const o = e as { code?: unknown; originalCode?: unknown; message?: unknown; meta?: { field_name?: unknown; constraint?: unknown; code?: unknown } };
    const fk = o.code === "P2003" || o.code === "23503" || o.originalCode === "23503" || o.meta?.code === "23503";
    if (fk) return /blockId/i.test(JSON.stringify({ meta: o.meta, message: o.message }));
  }
  return false;
}
