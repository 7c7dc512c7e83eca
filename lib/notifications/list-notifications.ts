import "server-only";
import type { NotificationKind, Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { actorNames } from "@/lib/notifications/actor-names";
import { describeNotification, notificationHref, shownNotificationWhere } from "@/lib/notifications/shown";

export const NOTIFICATIONS_PAGE_SIZE = 25;

/** The bell: how many shown notifications are unread (capped: the bell says "99+"). */
export async function countUnreadNotifications(options: { userId: string; cap?: number }): Promise<number> {
  const cap = options.cap ?? 100;
  const rows = await db.notification.findMany({ where: { ...shownNotificationWhere(options.userId), readAt: null }, select: { id: true }, take: cap });
  return rows.length;
}

export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  /** The sentence, e.g. "Sam Lee replied to you". */
  text: string;
  reason: string | null;
  readingTitle: string | null;
  courseTitle: string;
  /** The comment's deep link (as "Copy link" builds it), or the reading's page. */
  href: string;
  read: boolean;
  createdAt: Date;
}

const include = {
  actor: { select: { name: true } },
  course: { select: { slug: true, title: true } },
  reading: { select: { slug: true, title: true } },
  comment: { select: { id: true, rootId: true, authorId: true, anonymous: true } },
} satisfies Prisma.NotificationInclude;

type Row = Prisma.NotificationGetPayload<{ include: typeof include }>;

function toItem(row: Row, actorName: string | null): NotificationItem {
  return {
    id: row.id,
    kind: row.kind,
    text: describeNotification(row.kind, actorName, row.reason),
    reason: row.reason,
    readingTitle: row.reading?.title ?? null,
    courseTitle: row.course.title,
    href: notificationHref(row),
    read: row.readAt !== null,
    createdAt: row.createdAt,
  };
}

/** One page of the inbox, newest first; `before` is the last id of the previous page. */
export async function listNotifications(options: { userId: string; before?: string | null; take?: number }): Promise<{ items: NotificationItem[]; nextBefore: string | null }> {
  const take = Math.min(Math.max(options.take ?? NOTIFICATIONS_PAGE_SIZE, 1), 100);
  const where = shownNotificationWhere(options.userId);
  let cursor: Prisma.NotificationWhereInput = {};
  if (options.before) {
    const last = await db.notification.findFirst({ where: { id: options.before, recipientId: options.userId }, select: { id: true, createdAt: true } });
    if (last) cursor = { OR: [{ createdAt: { lt: last.createdAt } }, { createdAt: last.createdAt, id: { lt: last.id } }] };
  }
  const rows = await db.notification.findMany({
    where: { AND: [where, cursor] },
    include,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
  });
  const page = rows.slice(0, take);
  const names = await actorNames(page);
  return { items: page.map((row, i) => toItem(row, names[i] ?? null)), nextBefore: rows.length > take ? page[page.length - 1]!.id : null };
}

/** Opening one from the inbox marks it read: only the user's own, and only while it is
 *  shown to them. Answers whether it did (an unknown id, or someone else's, is "no"). */
export async function markNotificationRead(options: { userId: string; id: string }): Promise<boolean> {
  const { count } = await db.notification.updateMany({ where: { AND: [{ id: options.id, readAt: null }, shownNotificationWhere(options.userId)] }, data: { readAt: new Date() } });
  return count === 1;
}

/** "Mark all read": every unread notification of the user. */
export async function markAllNotificationsRead(options: { userId: string }): Promise<number> {
  if (typeof options.userId !== "string" || options.userId.length === 0) throw new Error("notifications need the user's id");
  const { count } = await db.notification.updateMany({ where: { recipientId: options.userId, readAt: null }, data: { readAt: new Date() } });
  return count;
}
