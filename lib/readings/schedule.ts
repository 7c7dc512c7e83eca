import type { Prisma, Role } from "@/generated/prisma/client";
import { readableCourse, STAFF_ROLES, isStaffRole } from "@/lib/auth/membership";
import { formatDateTime } from "@/lib/dates";

/**
 * A reading's schedule: optional open, due and close dates, and a draft flag (a draft has
 * no `publishedAt`). What follows from them, in one place:
 * - staff see every reading, drafts and unopened ones included;
 * - students see a reading once it is published and open (before that it is not listed
 *   and its page, threads and API answer 404);
 * - after it closes its discussion is read-only for students (staff may still post, to
 *   wrap up); an archived course is read-only for everyone.
 */
export interface ScheduleFields {
  publishedAt: Date | null;
  opensAt: Date | null;
  dueAt: Date | null;
  closesAt: Date | null;
}

/** The columns the rules below read, for a Prisma `select`. */
export const SCHEDULE_SELECT = { publishedAt: true, opensAt: true, dueAt: true, closesAt: true } as const;

export type ReadingPhase = "draft" | "upcoming" | "open" | "closed";

export function readingPhase(r: ScheduleFields, now = new Date()): ReadingPhase {
  if (!r.publishedAt) return "draft";
  if (r.opensAt && r.opensAt > now) return "upcoming";
  if (r.closesAt && r.closesAt <= now) return "closed";
  return "open";
}

export function isReadingVisible(role: Role, r: ScheduleFields, now = new Date()): boolean {
  if (isStaffRole(role)) return true;
  const phase = readingPhase(r, now);
  return phase === "open" || phase === "closed";
}

/** For a course whose role the caller already knows (the guard returned it): the readings
 *  this role may see, as a `where` to add to a query scoped by courseId. */
export function visibleReadingsWhere(role: Role, now = new Date()): Prisma.ReadingWhereInput {
  if (isStaffRole(role)) return {};
  return { publishedAt: { not: null }, OR: [{ opensAt: null }, { opensAt: { lte: now } }] };
}

/** For queries that authorise on their own: readings of a course `userId` belongs to
 *  (archived included: reading only) that this member may see by the schedule. */
export function visibleReadingWhere(userId: string, now = new Date()): Prisma.ReadingWhereInput {
  return {
    course: readableCourse(userId),
    OR: [{ course: readableCourse(userId, STAFF_ROLES) }, visibleReadingsWhere("STUDENT", now)],
  };
}

/** Why `role` may not post in this reading's discussion now, in a sentence for the
 *  composer and the API's 4xx; null when they may. */
export function discussionClosedReason(
  options: { role: Role; reading: ScheduleFields; archivedAt: Date | null; timeZone: string },
  now = new Date(),
): string | null {
  if (options.archivedAt) return "This course is archived: its discussions are read-only.";
  if (isStaffRole(options.role)) return null;
  const { closesAt } = options.reading;
  if (closesAt && closesAt <= now) {
    return `Discussion of this reading closed on ${formatDateTime(closesAt, options.timeZone, now)}. You can still read it, but no longer post.`;
  }
  return null;
}

/** The next reading due, among readings already filtered for the viewer. */
export function nextDue<T extends { dueAt: Date | null }>(readings: T[], now = new Date()): T | null {
  let best: T | null = null;
  for (const r of readings) {
    if (r.dueAt && r.dueAt > now && (!best || r.dueAt < best.dueAt!)) best = r;
  }
  return best;
}
