import "server-only";
import { AppError, fieldErrors } from "@/lib/errors";
import { listThreadsSchema } from "@/lib/validations/comment";
import { findDiscussableBlock } from "@/lib/comments/access";
import { loadThreadPage } from "@/lib/comments/thread-query";
import { postFirstLock } from "@/lib/comments/post-first";
import type { ThreadPage } from "@/lib/comments/comment-view";

/**
 * A paragraph's discussion, one page at a time: threads in text order (whole-paragraph
 * threads first, then passages by where they start; oldest first) or by most recent
 * activity, each with its first replies, and a cursor for "Load more". Only what the
 * viewer may see (lib/comments/visibility.ts); new-since-last-visit flags included.
 * Authorised inside the query: the block must belong to a course the user is in.
 */
export async function listThreads(options: { userId: string; query: unknown }): Promise<ThreadPage & { blockId: string; number: number | null }> {
  const parsed = listThreadsSchema.safeParse(options.query);
  if (!parsed.success) throw new AppError("INVALID_INPUT", Object.values(fieldErrors(parsed.error.issues))[0] ?? "Say which paragraph: ?blockId=…");
  const { blockId, sort, cursor } = parsed.data;
  const { block, viewer, courseId } = await findDiscussableBlock(options.userId, blockId);
  const [page, locked] = await Promise.all([
    loadThreadPage({ viewer, courseId, scope: { blockId: block.id, readingId: block.readingId }, sort, cursor: cursor ?? null, unread: true }),
    cursor ? null : postFirstLock(viewer, block),
  ]);
  return { blockId: block.id, number: block.number, sort, ...page, locked };
}
