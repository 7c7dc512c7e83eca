import "server-only";
import type { NotificationKind, NotificationSettings, Prisma } from "@/generated/prisma/client";
import { canSeeComment } from "@/lib/comments/visibility";
import { enqueue } from "@/lib/jobs/queue";
import { mentionedUserIds } from "@/lib/comments/mentions";
import { pingNotifications } from "@/lib/notifications/ping";
import { isReadingVisible, SCHEDULE_SELECT } from "@/lib/readings/schedule";

/**
 * Write in-app notifications inside the caller's transaction (the reply's, the
 * moderation action's), so a notification exists exactly when the event commits.
 *
 * Nobody is told about their own action, and nobody is told about a comment they may not
 * see: each recipient must still be a member of the comment's course who can open its
 * reading (lib/readings/schedule.ts), and
 * lib/comments/visibility.ts must say they see the comment (with their role there) as it
 * is inside this transaction — a reply that waits for approval, say, tells nobody.
 */
export async function notifyAbout(
  tx: Prisma.TransactionClient,
  event: { kind: NotificationKind; commentId: string; actorId: string; recipientIds: string[]; reason?: string | null },
): Promise<number> {
  return (await writeNotifications(tx, event)).length;
}

/** notifyAbout's work; answers the rows written (whom they are for). */
async function writeNotifications(
  tx: Prisma.TransactionClient,
  event: { kind: NotificationKind; commentId: string; actorId: string; recipientIds: string[]; reason?: string | null },
): Promise<{ id: string; recipientId: string }[]> {
  const recipients = [...new Set(event.recipientIds)].filter((id) => id && id !== event.actorId);
  if (recipients.length === 0) return [];
  const comment = await tx.comment.findUnique({
    where: { id: event.commentId },
    select: { id: true, courseId: true, readingId: true, blockId: true, authorId: true, status: true, visibility: true, reading: { select: { postFirst: true, ...SCHEDULE_SELECT } } },
  });
  if (!comment) return [];
  // "Post before you see": who of the recipients has posted on the comment's paragraph.
  const opened = comment.reading.postFirst && comment.blockId ? await openedFor(tx, comment.blockId, recipients) : new Set<string>();
  const [members, settings] = await Promise.all([
    tx.membership.findMany({ where: { courseId: comment.courseId, userId: { in: recipients } }, select: { userId: true, role: true } }),
    tx.notificationSettings.findMany({ where: { userId: { in: recipients } } }),
  ]);
  const settingsOf = new Map(settings.map((s) => [s.userId, s]));
  const data = members
    // A reading they cannot open (a draft, not open yet: staff discussing it) tells them nothing.
    .filter((m) => isReadingVisible(m.role, comment.reading))
    .filter((m) => canSeeComment({ userId: m.userId, role: m.role, postedBlockIds: opened.has(m.userId) && comment.blockId ? new Set([comment.blockId]) : undefined }, { ...comment, postFirst: comment.reading.postFirst }))
    .filter((m) => wants(settingsOf.get(m.userId), event.kind))
    .map((m) => ({
      recipientId: m.userId,
      kind: event.kind,
      actorId: event.actorId,
      commentId: comment.id,
      readingId: comment.readingId,
      courseId: comment.courseId,
      reason: event.reason ?? null,
    }));
  if (data.length === 0) return [];
  const rows = await tx.notification.createManyAndReturn({ data, select: { id: true, recipientId: true } });
  await pingNotifications(tx, rows.map((r) => r.recipientId));
  // Mail goes through the job queue, enqueued in this same transaction (lib/jobs/queue.ts):
  // it exists exactly when the notification does. Digest and "never" users get none here.
  for (const row of rows) {
    if ((settingsOf.get(row.recipientId)?.email ?? "IMMEDIATE") === "IMMEDIATE") await enqueue("mail.send", { notificationId: row.id }, { tx });
  }
  return rows;
}

/** The users among `userIds` who have posted a comment on `blockId` that opens it
 *  ("post before you see", lib/comments/visibility.ts). */
async function openedFor(tx: Prisma.TransactionClient, blockId: string, userIds: string[]): Promise<Set<string>> {
  const rows = await tx.comment.findMany({
    where: { blockId, authorId: { in: userIds }, status: { not: "DELETED" }, visibility: { in: ["CLASS", "INSTRUCTORS"] } },
    select: { authorId: true },
    distinct: ["authorId"],
  });
  return new Set(rows.map((r) => r.authorId));
}

/** Does the user want this kind at all? (No settings row: every kind.) */
export function wants(settings: NotificationSettings | undefined, kind: NotificationKind): boolean {
  if (!settings) return true;
  return { REPLY: settings.reply, MENTION: settings.mention, ENDORSED: settings.endorsed, HIDDEN: settings.hidden, READING_OPEN: settings.readingOpen, READING_DUE: settings.readingDue }[kind];
}

/** A new reply: its parent's author and its thread root's author are told (one each).
 *  Answers who was told (for `notifyMentions`' `except`). */
export async function notifyReply(tx: Prisma.TransactionClient, reply: { id: string; authorId: string; parentId: string | null; rootId: string | null }): Promise<string[]> {
  if (!reply.parentId) return [];
  const ids = [reply.parentId, reply.rootId].filter((id): id is string => !!id);
  const above = await tx.comment.findMany({ where: { id: { in: ids }, status: { not: "DELETED" } }, select: { authorId: true } });
  return (await writeNotifications(tx, { kind: "REPLY", commentId: reply.id, actorId: reply.authorId, recipientIds: above.map((c) => c.authorId) })).map((r) => r.recipientId);
}

/** A new comment or reply: the course members it mentions are told (lib/comments/mentions.ts)
 *  — except `except`, those already told about this comment (a reply that also mentions the
 *  author it answers tells them once: "replied to you"). */
export async function notifyMentions(tx: Prisma.TransactionClient, comment: { id: string; authorId: string; body: string }, except: string[] = []): Promise<number> {
  const ids = mentionedUserIds(comment.body).filter((id) => !except.includes(id));
  if (ids.length === 0) return 0;
  return notifyAbout(tx, { kind: "MENTION", commentId: comment.id, actorId: comment.authorId, recipientIds: ids });
}

/** Staff endorsed or hid a comment: its author is told (with the reason for a hide). */
export async function notifyModeration(
  tx: Prisma.TransactionClient,
  event: { commentId: string; authorId: string; actorId: string; action: string; reason: string | null },
): Promise<number> {
  const kind: NotificationKind | null = event.action === "endorse" ? "ENDORSED" : event.action === "hide" ? "HIDDEN" : null;
  if (!kind) return 0;
  return notifyAbout(tx, { kind, commentId: event.commentId, actorId: event.actorId, recipientIds: [event.authorId], reason: kind === "HIDDEN" ? event.reason : null });
}
