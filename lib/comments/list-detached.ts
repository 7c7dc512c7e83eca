import "server-only";
import { db } from "@/lib/db";
import { findDiscussableReading } from "@/lib/comments/access";
import { loadThreadPage } from "@/lib/comments/thread-query";
import type { ThreadPage } from "@/lib/comments/comment-view";

/**
 * Threads whose text vanished in an edit ("Detached comments"), whole and readable by
 * every member, through the same visibility rules and thread shape as the panel, a page
 * at a time. Each thread says where it was before the edit.
 */
export async function listDetachedThreads(options: { userId: string; readingId: string; cursor?: string | null }): Promise<ThreadPage> {
  const { reading, viewer } = await findDiscussableReading(options.userId, options.readingId);
  const page = await loadThreadPage({ viewer, courseId: reading.courseId, scope: { readingId: reading.id, detached: true }, sort: "text", cursor: options.cursor ?? null });
  const from = await db.comment.findMany({ where: { id: { in: page.threads.map((t) => t.root.id) } }, select: { id: true, detachedFrom: true } });
  const byId = new Map(from.map((f) => [f.id, f.detachedFrom as { paragraph?: number | null; text?: string | null } | null]));
  for (const thread of page.threads) {
    const f = byId.get(thread.root.id);
    thread.detachedFrom = f ? { paragraph: f.paragraph ?? null, text: f.text ?? null } : null;
  }
  return { ...page, sort: "text" };
}
