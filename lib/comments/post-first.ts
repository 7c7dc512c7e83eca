import "server-only";
import { db } from "@/lib/db";
import { isStaffRole } from "@/lib/auth/membership";
import { opensParagraph, ungatedCommentWhere, type Viewer } from "@/lib/comments/visibility";

/**
 * "Post before you see" for the panel's message: is this paragraph still closed to the
 * viewer, and how many classmates' comments are held back there? Null when nothing is
 * held back (staff, a reading without the setting, the viewer has posted here, or nobody
 * else has). Only a
 * number reaches the browser — the comments themselves stay behind the visibility gate.
 */
export async function postFirstLock(viewer: Viewer, block: { id: string; readingId: string; postFirst?: boolean }): Promise<{ hidden: number } | null> {
  if (isStaffRole(viewer.role)) return null;
  // The reading's setting, unless the caller loaded it with the block.
  const postFirst = block.postFirst ?? (await db.reading.findUnique({ where: { id: block.readingId }, select: { postFirst: true } }))?.postFirst;
  if (!postFirst) return null;
  const mine = await db.comment.findMany({ where: { blockId: block.id, authorId: viewer.userId }, select: { status: true, visibility: true } });
  if (mine.some(opensParagraph)) return null;
  const hidden = await db.comment.count({ where: { AND: [{ blockId: block.id, authorId: { not: viewer.userId } }, ungatedCommentWhere(viewer)] } });
  return hidden > 0 ? { hidden } : null;
}
