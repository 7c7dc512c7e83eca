import "server-only";
import { db } from "@/lib/db";
import { memberCourse } from "@/lib/auth/membership";
import { AppError, fieldErrors } from "@/lib/errors";
import { createCommentSchema } from "@/lib/validations/comment";
import { commentSelect, toCommentView } from "@/lib/comments/comment-view";
import { findPostedComment } from "@/lib/comments/find-posted-comment";

/**
 * Post a comment on a paragraph, or a reply. Order: validate → authorise inside the query
 * (the block must be in a course the author belongs to) → check the parent is in the
 * same reading and paragraph → write. With an idempotencyKey, a post that was already
 * saved returns that comment instead (retries, double clicks).
 */
export async function createComment(options: { userId: string; input: unknown }) {
  const parsed = createCommentSchema.safeParse(options.input);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error.issues);
    throw new AppError("INVALID_INPUT", fields.body ?? fields.idempotencyKey ?? "Check the comment and try again.", fields);
  }
  const { readingId, blockId, parentId, body, idempotencyKey } = parsed.data;

  // A retry of a post that was already saved gets the same comment back (see find-posted-comment.ts).
  const replay = () => (idempotencyKey ? findPostedComment({ userId: options.userId, idempotencyKey, request: parsed.data }) : null);
  const posted = await replay();
  if (posted) return posted;

  const block = await db.block.findFirst({
    where: { id: blockId, readingId, reading: { course: memberCourse(options.userId) } },
    select: { id: true, kind: true, reading: { select: { id: true, courseId: true } } },
  });
  if (!block) throw new AppError("NOT_FOUND", "You can only comment on readings of courses you are a member of.");
  if (block.kind === "HEADING") throw new AppError("INVALID_INPUT", "Headings cannot be discussed; comment on a paragraph.");

  let rootId: string | null = null;
  if (parentId) {
    const parent = await db.comment.findFirst({
      where: { id: parentId, readingId: block.reading.id, status: { not: "DELETED" } },
      select: { id: true, rootId: true, blockId: true },
    });
    if (!parent) throw new AppError("INVALID_INPUT", "You can only reply to a comment on the same reading.");
    if (parent.blockId !== block.id) throw new AppError("INVALID_INPUT", "A reply belongs to the same paragraph as the comment it answers.");
    rootId = parent.rootId ?? parent.id;
  }

  // Hold the reading for share while writing: a concurrent edit of the reading takes it
  // FOR UPDATE (lib/readings/revise-reading.ts), so a comment is either written before the
  // edit re-anchors (and is re-anchored with the rest) or after it (on the new blocks) —
  // never in between, where its block could vanish under it.
  let row;
  try {
    row = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT id FROM "Reading" WHERE id = ${block.reading.id} FOR SHARE`;
      const still = await tx.block.findFirst({ where: { id: block.id, readingId: block.reading.id }, select: { id: true } });
      if (!still) throw new AppError("CONFLICT", "The instructor just edited this reading. Reload the page to see the new text — your draft is kept.");
      return tx.comment.create({
        data: {
          courseId: block.reading.courseId,
          readingId: block.reading.id,
          blockId: block.id,
          parentId: parentId ?? null,
          rootId,
          authorId: options.userId,
          body,
          idempotencyKey: idempotencyKey ?? null,
        },
        select: commentSelect(block.reading.courseId),
      });
    });
  } catch (error) {
    // The same key raced in from two requests at once: the other one's comment is the answer.
    const winner = (error as { code?: unknown }).code === "P2002" ? await replay() : null;
    if (winner) return winner;
    throw error;
  }
  return toCommentView(row, options.userId);
}
