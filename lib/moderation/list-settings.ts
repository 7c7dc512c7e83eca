import "server-only";
import { db } from "@/lib/db";
import { readableCourse, STAFF_ROLES } from "@/lib/auth/membership";

/** Moderation settings for the staff's pages (Settings, Schedule, People): authorised
 *  inside each query (the course's instructors and TAs; anyone else gets nothing). */
export async function loadModerationSettings(options: { userId: string; courseId: string; now?: Date }) {
  const now = options.now ?? new Date();
  const course = { id: options.courseId, ...readableCourse(options.userId, STAFF_ROLES) };
  const [settings, readings, members] = await Promise.all([
    db.course.findFirst({ where: course, select: { premoderated: true, wordList: true } }),
    db.reading.findMany({ where: { course }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, slug: true, title: true, premoderated: true, discussionLockedAt: true, postFirst: true, allowAnonymous: true } }),
    db.membership.findMany({ where: { course, role: "STUDENT" }, select: { userId: true, premoderated: true, mutedUntil: true, muteReason: true } }),
  ]);
  return {
    premoderated: settings?.premoderated ?? false,
    wordList: settings?.wordList ?? [],
    readings: readings.map((r) => ({ id: r.id, slug: r.slug, title: r.title, premoderated: r.premoderated, locked: r.discussionLockedAt !== null, postFirst: r.postFirst, allowAnonymous: r.allowAnonymous })),
    students: new Map(
      members.map((m) => [m.userId, { premoderated: m.premoderated, mutedUntil: m.mutedUntil && m.mutedUntil > now ? m.mutedUntil : null, muteReason: m.mutedUntil && m.mutedUntil > now ? m.muteReason : null }]),
    ),
  };
}
