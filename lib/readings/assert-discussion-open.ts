import "server-only";
import { db } from "@/lib/db";
import { readableCourse } from "@/lib/auth/membership";
import { AppError } from "@/lib/errors";
import type { Role } from "@/generated/prisma/client";
import { SCHEDULE_SELECT, discussionClosedReason, isReadingVisible, type ScheduleFields } from "@/lib/readings/schedule";

/**
 * Refuses a post in a reading whose discussion is not open to this member: a closed
 * reading (students), an archived course (everyone), a draft or not-yet-open reading
 * (students: NOT_FOUND, as if it did not exist). Called by createComment before anything
 * else touches the reading. Non-members pass through to the caller's own query, which
 * answers NOT_FOUND in its words — this check never tells an outsider anything.
 */
export async function assertDiscussionOpen(options: { userId: string; readingId: string; now?: Date }) {
  const now = options.now ?? new Date();
  const reading = await db.reading.findFirst({
    where: { id: options.readingId, course: readableCourse(options.userId) },
    select: {
      ...SCHEDULE_SELECT,
      course: { select: { archivedAt: true, timeZone: true, memberships: { where: { userId: options.userId }, select: { role: true } } } },
    },
  });
  const role = reading?.course.memberships[0]?.role;
  if (!reading || !role) return;
  refuseIfNotOpen(role, reading, now);
}

/** assertDiscussionOpen's refusals, for a member's reading already loaded (with
 *  SCHEDULE_SELECT and its course's archivedAt and timeZone). */
export function refuseIfNotOpen(role: Role, reading: ScheduleFields & { course: { archivedAt: Date | null; timeZone: string } }, now = new Date()) {
  if (!isReadingVisible(role, reading, now)) throw new AppError("NOT_FOUND", "This reading does not exist in this course.");
  const reason = discussionClosedReason({ role, reading, archivedAt: reading.course.archivedAt, timeZone: reading.course.timeZone }, now);
  if (reason) throw new AppError(reading.course.archivedAt ? "CONFLICT" : "FORBIDDEN", reason);
}
