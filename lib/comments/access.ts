import "server-only";
import type { Prisma, Role } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { visibleReadingWhere } from "@/lib/readings/schedule";
import { AppError } from "@/lib/errors";
import { postedBlockIdsOf, type Viewer } from "@/lib/comments/visibility";
import { isStaffRole } from "@/lib/auth/membership";

/**
 * How comment code reaches a reading: through the acting user's membership, inside the
 * query, and by the schedule (students cannot reach a draft or not-yet-open reading;
 * archived courses stay readable). One definition for every comment path; writes also
 * pass assertDiscussionOpen (closed readings, archived courses).
 */
export function discussableReading(userId: string): Prisma.ReadingWhereInput {
  return visibleReadingWhere(userId);
}

const membershipRole = (userId: string) => ({ memberships: { where: { userId }, select: { role: true }, take: 1 } }) as const;

/** A paragraph (block) the user may discuss, with the reading and the user's role. */
export async function findDiscussableBlock(userId: string, blockId: string) {
  const block = await db.block.findFirst({
    where: { id: blockId, reading: discussableReading(userId) },
    select: { id: true, number: true, kind: true, text: true, readingId: true, reading: { select: { courseId: true, postFirst: true, course: { select: membershipRole(userId) } } } },
  });
  if (!block) throw new AppError("NOT_FOUND", "This paragraph does not exist, or you are not a member of its course.");
  const viewer: Viewer = { userId, role: roleOf(block.reading.course.memberships) };
  return { block: { ...block, postFirst: block.reading.postFirst }, viewer, courseId: block.reading.courseId };
}

/** A reading the user may discuss, with their role. */
export async function findDiscussableReading(userId: string, readingId: string) {
  const reading = await db.reading.findFirst({
    where: { id: readingId, ...discussableReading(userId) },
    select: { id: true, slug: true, courseId: true, title: true, revision: true, updatedAt: true, course: { select: { slug: true, ...membershipRole(userId) } } },
  });
  if (!reading) throw new AppError("NOT_FOUND", "This reading does not exist, or you are not a member of its course.");
  const viewer: Viewer = { userId, role: roleOf(reading.course.memberships) };
  return { reading, viewer };
}

/** A comment in a reading the user may discuss (any status: callers apply visibility). */
export async function findCommentForViewer(userId: string, commentId: string) {
  const found = await db.comment.findFirst({
    where: { id: commentId, reading: discussableReading(userId) },
    select: {
      id: true,
      courseId: true,
      readingId: true,
      blockId: true,
      parentId: true,
      rootId: true,
      authorId: true,
      status: true,
      visibility: true,
      threadAuthorId: true,
      quote: true,
      startOffset: true,
      endOffset: true,
      course: { select: membershipRole(userId) },
      reading: { select: { postFirst: true } },
    },
  });
  if (!found) throw new AppError("NOT_FOUND", "This comment does not exist, or you are not a member of its course.");
  // "Post before you see" travels with the comment and the viewer, so every caller's
  // in-memory canSeeComment applies it (a Helpful mark or a report on a comment the
  // viewer may not see yet is a 404, like reading it).
  const { reading, ...rest } = found;
  const comment = { ...rest, postFirst: reading.postFirst };
  const viewer: Viewer = { userId, role: roleOf(comment.course.memberships) };
  if (comment.postFirst && comment.blockId && comment.authorId !== userId && !isStaffRole(viewer.role)) viewer.postedBlockIds = await postedBlockIdsOf(db, userId, comment.readingId);
  // What live events say about it (lib/live/comment-events.ts).
  const passage = comment.parentId === null && comment.quote !== null && comment.startOffset !== null && comment.endOffset !== null ? { start: comment.startOffset, end: comment.endOffset } : null;
  const subject = { id: comment.id, readingId: comment.readingId, blockId: comment.blockId, parentId: comment.parentId, rootId: comment.rootId, passage };
  return { comment, viewer, subject };
}

function roleOf(memberships: { role: Role }[]): Role | null {
  return memberships[0]?.role ?? null;
}

/** For long-lived connections (the live stream): may this viewer still reach the
 *  reading? Re-reads the user (deleted accounts) and the membership (removed, archived),
 *  and refreshes the viewer's role in place (a promotion to TA takes effect). */
export async function stillDiscussable(viewer: Viewer, readingId: string): Promise<boolean> {
  const reading = await db.reading.findFirst({
    where: { id: readingId, ...discussableReading(viewer.userId) },
    select: { course: { select: membershipRole(viewer.userId) } },
  });
  if (!reading) return false;
  viewer.role = roleOf(reading.course.memberships);
  return true;
}
