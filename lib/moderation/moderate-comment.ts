import "server-only";
import type { CommentStatus, Prisma } from "@/generated/prisma/client";
import { AppError, fieldErrors } from "@/lib/errors";
import { findCommentForViewer } from "@/lib/comments/access";
import { canSeeComment } from "@/lib/comments/visibility";
import { isStaffRole } from "@/lib/auth/membership";
import { assertDiscussionOpen } from "@/lib/readings/assert-discussion-open";
import { commentWriteTransaction } from "@/lib/comments/write-transaction";
import { publishCommentEvent } from "@/lib/live/comment-events";
import { viewComments } from "@/lib/comments/view-comments";
import { moderateCommentSchema, type ModerationActionName } from "@/lib/validations/moderation";
import { notifyCommentModerated } from "@/lib/moderation/notify-author";
import type { CommentView } from "@/lib/comments/comment-view";

type Current = { status: CommentStatus; parentId: string | null; pinnedAt: Date | null; endorsedAt: Date | null; lockedAt: Date | null; openReports: number };

/** What an action changes, given the comment as it is now; an AppError when it does not apply. */
function plan(action: ModerationActionName, c: Current, reason: string | null, now: Date): { to: CommentStatus; data: Prisma.CommentUpdateInput; resolve: string | null } {
  const rootOnly = (what: string) => {
    if (c.parentId !== null) throw new AppError("INVALID_INPUT", `Only the first comment of a thread can be ${what}; ${what === "pinned" ? "pin" : "lock"} the thread from its first comment.`);
  };
  const conflict = (message: string) => new AppError("CONFLICT", message);
  switch (action) {
    case "hide":
      if (c.status === "HIDDEN") throw conflict("This comment is already hidden.");
      return { to: "HIDDEN", data: { status: "HIDDEN", hiddenReason: reason }, resolve: "hidden" };
    case "unhide":
      if (c.status !== "HIDDEN") throw conflict("This comment is not hidden.");
      return { to: "VISIBLE", data: { status: "VISIBLE", hiddenReason: null }, resolve: null };
    case "delete":
      // As the author's own delete: a tombstone while replies hang under it; the text stays for staff's History.
      return { to: "DELETED", data: { status: "DELETED", deletedAt: now }, resolve: "deleted" };
    case "approve":
      if (c.status !== "PENDING" && c.openReports === 0) throw conflict("There is nothing to approve: the comment is not waiting and has no open reports.");
      return { to: c.status === "PENDING" ? "VISIBLE" : c.status, data: c.status === "PENDING" ? { status: "VISIBLE" } : {}, resolve: "approved" };
    case "dismiss":
      if (c.openReports === 0) throw conflict("This comment has no open reports to dismiss.");
      return { to: c.status, data: {}, resolve: "dismissed" };
    case "pin":
      rootOnly("pinned");
      if (c.pinnedAt) throw conflict("This thread is already pinned.");
      return { to: c.status, data: { pinnedAt: now }, resolve: null };
    case "unpin":
      if (!c.pinnedAt) throw conflict("This thread is not pinned.");
      return { to: c.status, data: { pinnedAt: null }, resolve: null };
    case "endorse":
      if (c.endorsedAt) throw conflict("This comment is already endorsed.");
      if (c.status !== "VISIBLE") throw conflict("Only a comment the class can see can be endorsed.");
      return { to: c.status, data: { endorsedAt: now }, resolve: null };
    case "unendorse":
      if (!c.endorsedAt) throw conflict("This comment is not endorsed.");
      return { to: c.status, data: { endorsedAt: null }, resolve: null };
    case "lock":
      rootOnly("locked");
      if (c.lockedAt) throw conflict("This thread is already locked.");
      return { to: c.status, data: { lockedAt: now }, resolve: null };
    case "unlock":
      if (!c.lockedAt) throw conflict("This thread is not locked.");
      return { to: c.status, data: { lockedAt: null }, resolve: null };
  }
}

/**
 * A staff action on one comment: hide (with a reason its author sees) / unhide, delete
 * (a tombstone, as when authors delete), pin /
 * unpin and lock / unlock (thread roots), endorse / unendorse, approve (a pending comment,
 * or its reports) and dismiss (its reports). Instructors and TAs of the comment's course
 * only — authorised inside the query (findCommentForViewer) and by role. One transaction:
 * the change (conditional on the status read, so two moderators cannot both apply a
 * status change), the audit row (ModerationAction: who, what, from → to, reason),
 * resolving reports, the author's notification hook, and the live event — a failure
 * anywhere leaves none of them.
 */
export async function moderateComment(options: { userId: string; commentId: string; input: unknown }): Promise<CommentView> {
  const parsed = moderateCommentSchema.safeParse(options.input);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error.issues);
    throw new AppError("INVALID_INPUT", Object.values(fields)[0] ?? "Check the request and try again.", fields);
  }
  const { action } = parsed.data;
  const reason = parsed.data.reason || null;
  const { comment, viewer, subject } = await findCommentForViewer(options.userId, options.commentId);
  if (!isStaffRole(viewer.role)) {
    if (!canSeeComment(viewer, comment)) throw new AppError("NOT_FOUND", "This comment does not exist, or you cannot see it.");
    throw new AppError("FORBIDDEN", "Only the course's instructors and TAs can moderate comments.");
  }
  if (comment.status === "DELETED") throw new AppError("NOT_FOUND", "This comment was deleted.");
  // Staff moderate what they see — never a student's private note (its author's alone).
  if (!canSeeComment(viewer, comment)) throw new AppError("NOT_FOUND", "This comment does not exist, or you cannot see it.");
  // An archived course is read-only for everyone, staff included.
  await assertDiscussionOpen({ userId: options.userId, readingId: comment.readingId });

  await commentWriteTransaction(comment.readingId, async (tx) => {
    const row = await tx.comment.findFirst({
      where: { id: comment.id, status: { not: "DELETED" } },
      select: { status: true, visibility: true, parentId: true, pinnedAt: true, endorsedAt: true, lockedAt: true, _count: { select: { reports: { where: { resolvedAt: null } } } } },
    });
    if (!row) throw new AppError("NOT_FOUND", "This comment was deleted.");
    const now = new Date();
    const step = plan(action, { ...row, openReports: row._count.reports }, reason, now);
    if (Object.keys(step.data).length > 0) {
      const changed = await tx.comment.updateMany({ where: { id: comment.id, status: row.status }, data: step.data as Prisma.CommentUpdateManyMutationInput });
      if (changed.count !== 1) throw new AppError("CONFLICT", "Someone else just moderated this comment. Reload to see what they did.");
    }
    if (step.resolve) {
      await tx.commentReport.updateMany({ where: { commentId: comment.id, resolvedAt: null }, data: { resolvedAt: now, resolution: step.resolve, resolvedById: options.userId } });
    }
    await tx.moderationAction.create({
      data: { courseId: comment.courseId, commentId: comment.id, actorId: options.userId, action, fromStatus: row.status, toStatus: step.to, reason, createdAt: now },
    });
    await notifyCommentModerated(tx, { commentId: comment.id, authorId: comment.authorId, actorId: options.userId, action, reason });
    await publishCommentEvent(tx, `comment.${action}`, subject, {
      before: { authorId: comment.authorId, status: row.status, visibility: row.visibility, threadAuthorId: comment.threadAuthorId },
      after: { authorId: comment.authorId, status: step.to, visibility: row.visibility, threadAuthorId: comment.threadAuthorId },
    });
  });
  const [view] = await viewComments({ viewer, courseId: comment.courseId, ids: [comment.id] });
  if (!view) throw new AppError("NOT_FOUND", "This comment does not exist any more.");
  return view;
}
