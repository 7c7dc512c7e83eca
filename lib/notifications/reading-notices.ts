/**
 * "A new reading is open" and "A reading is due tomorrow" (issue 8; docs/NOTIFICATIONS.md):
 * written by the `notices.readings` job (every 15 minutes, lib/jobs/handlers.ts) for every
 * student of the reading's course, once per reading and kind. Runs in the job runner (no
 * `server-only`).
 *
 * Once: a reading is *claimed* by a conditional update of its marker column
 * (Reading.openNotifiedAt / dueNotifiedAt: NULL → now) inside the transaction that writes
 * its notifications and enqueues their mail. Two runners, or a rerun, find the marker set
 * (the second waits on the row lock, then updates nothing) and write nothing; a failed run
 * rolls the marker back with the rows, and the next run tries again.
 */
import type { NotificationKind, NotificationSettings, Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { enqueue } from "@/lib/jobs/queue";
import { pingNotifications } from "@/lib/notifications/ping";

/** A reading that opened longer ago than this is no news (e.g. a deployment that was down). */
export const OPEN_NOTICE_WINDOW_MS = 2 * 24 * 3600_000;
/** "Due tomorrow": due within the next 24 hours. */
export const DUE_NOTICE_AHEAD_MS = 24 * 3600_000;
/** Readings handled per kind and run (the next run takes the rest). */
const BATCH = 100;

type ReadingKind = Extract<NotificationKind, "READING_OPEN" | "READING_DUE">;

/** Readings students can see and discuss at `now`: published, opened, not closed, in a live course. */
const openAt = (now: Date): Prisma.ReadingWhereInput => ({
  publishedAt: { not: null, lte: now },
  OR: [{ opensAt: null }, { opensAt: { lte: now } }],
  AND: [{ OR: [{ closesAt: null }, { closesAt: { gt: now } }] }],
  course: { archivedAt: null },
});

export async function sendReadingNotices(options: { now?: Date } = {}): Promise<{ opened: number; due: number; notifications: number }> {
  if (process.env.COLLOQUY_READING_NOTICES === "off") return { opened: 0, due: 0, notifications: 0 };
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - OPEN_NOTICE_WINDOW_MS);
  const [opening, dueSoon] = await Promise.all([
    db.reading.findMany({
      where: { AND: [openAt(now), { openNotifiedAt: null }, { OR: [{ opensAt: { gte: since } }, { opensAt: null, publishedAt: { gte: since } }] }] },
      select: { id: true, courseId: true },
      orderBy: { id: "asc" },
      take: BATCH,
    }),
    db.reading.findMany({
      where: { AND: [openAt(now), { dueNotifiedAt: null }, { dueAt: { gt: now, lte: new Date(now.getTime() + DUE_NOTICE_AHEAD_MS) } }] },
      select: { id: true, courseId: true },
      orderBy: { id: "asc" },
      take: BATCH,
    }),
  ]);
  let notifications = 0;
  let opened = 0;
  let due = 0;
  for (const r of opening) {
    const n = await notice("READING_OPEN", r, now);
    if (n !== null) [opened, notifications] = [opened + 1, notifications + n];
  }
  for (const r of dueSoon) {
    const n = await notice("READING_DUE", r, now);
    if (n !== null) [due, notifications] = [due + 1, notifications + n];
  }
  return { opened, due, notifications };
}

/** Claim one reading for one kind and tell its students; null when another run had it. */
async function notice(kind: ReadingKind, reading: { id: string; courseId: string }, now: Date): Promise<number | null> {
  return db.$transaction(async (tx) => {
    const marker: Prisma.ReadingWhereInput = kind === "READING_OPEN" ? { openNotifiedAt: null } : { dueNotifiedAt: null };
    const claimed = await tx.reading.updateMany({ where: { id: reading.id, ...marker }, data: kind === "READING_OPEN" ? { openNotifiedAt: now } : { dueNotifiedAt: now } });
    if (claimed.count !== 1) return null;
    const students = await tx.membership.findMany({ where: { courseId: reading.courseId, role: "STUDENT" }, select: { userId: true } });
    if (students.length === 0) return 0;
    const settings = await tx.notificationSettings.findMany({ where: { userId: { in: students.map((s) => s.userId) } } });
    const settingsOf = new Map(settings.map((s) => [s.userId, s]));
    const data = students
      .filter((s) => wantsNotice(settingsOf.get(s.userId), kind))
      .map((s) => ({ recipientId: s.userId, kind, actorId: null, commentId: null, readingId: reading.id, courseId: reading.courseId }));
    if (data.length === 0) return 0;
    const rows = await tx.notification.createManyAndReturn({ data, select: { id: true, recipientId: true } });
    await pingNotifications(tx, rows.map((r) => r.recipientId));
    // Mail as for the other kinds: "immediately" users get a mail job now, in this same
    // transaction; digest users get it in their digest; "never" none.
    for (const row of rows) {
      if ((settingsOf.get(row.recipientId)?.email ?? "IMMEDIATE") === "IMMEDIATE") await enqueue("mail.send", { notificationId: row.id }, { tx });
    }
    return rows.length;
  });
}

function wantsNotice(settings: NotificationSettings | undefined, kind: ReadingKind): boolean {
  if (!settings) return true;
  return kind === "READING_OPEN" ? settings.readingOpen : settings.readingDue;
}
