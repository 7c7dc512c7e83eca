/**
 * What a notification says and where it points, and which ones a user is shown — shared by
 * the inbox (./list-notifications.ts) and the mail jobs (./mail.ts, which run outside Next:
 * no `server-only` here).
 */
import type { NotificationKind, Prisma } from "@/generated/prisma/client";
import { readableCourse, STAFF_ROLES } from "@/lib/auth/membership";
import { ungatedCommentWhere, visibleCommentWhere } from "@/lib/comments/visibility";
import { visibleReadingWhere } from "@/lib/readings/schedule";

/**
 * The notifications a user is shown: their own, in courses they can still read, about a
 * reading they can still open and a comment they still see (lib/comments/visibility.ts; as a member without staff rights, so
 * a reply hidden or deleted since drops out). The bell's count and the inbox both use it,
 * so the count always matches the list.
 */
export function shownNotificationWhere(userId: string): Prisma.NotificationWhereInput {
  if (typeof userId !== "string" || userId.length === 0) throw new Error("notifications need the user's id");
  return {
    recipientId: userId,
    course: readableCourse(userId),
    // About a reading they can still open: one made a draft again (or moved to open later)
    // takes its "new reading" notice, and the notifications about its comments, with it.
    AND: [{ OR: [{ readingId: null }, { reading: visibleReadingWhere(userId) }] }],
    OR: [
      { commentId: null },
      { comment: visibleCommentWhere({ userId, role: null }) },
      // "Post before you see" holds back nothing from the course's staff.
      { comment: { AND: [ungatedCommentWhere({ userId, role: null }), { course: { memberships: { some: { userId, role: { in: STAFF_ROLES } } } } }] } },
    ],
  };
}

export function describeNotification(kind: NotificationKind, actorName: string | null, reason: string | null): string {
  const who = actorName ?? "Someone";
  switch (kind) {
    case "REPLY":
      return `${who} replied to you`;
    case "MENTION":
      return `${who} mentioned you`;
    case "ENDORSED":
      return "Your comment was endorsed";
    case "HIDDEN":
      return reason ? `Your comment was hidden: ${reason}` : "Your comment was hidden";
    case "READING_OPEN":
      return "A new reading is open";
    case "READING_DUE":
      return "A reading is due tomorrow";
  }
}

export function notificationHref(row: { commentId: string | null; course: { slug: string }; reading: { slug: string } | null }): string {
  const course = `/courses/${encodeURIComponent(row.course.slug)}`;
  if (!row.reading) return course;
  const reading = `${course}/readings/${encodeURIComponent(row.reading.slug)}`;
  return row.commentId ? `${reading}#c-${row.commentId}` : reading;
}

