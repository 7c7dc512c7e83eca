import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { requireCourseRole } from "@/lib/auth/guard";
import { STAFF_ROLES } from "@/lib/auth/membership";
import { AppError, fieldErrors } from "@/lib/errors";
import { formatDateTime, fromZonedInput } from "@/lib/dates";
import { ID_PATTERN, isSlug } from "@/lib/validations/text";
import { courseModerationSchema, memberModerationSchema, MUTE_MAX_DAYS, READING_PEOPLE_ACTIONS, readingModerationSchema } from "@/lib/validations/moderation-settings";

/**
 * Moderation settings (docs/MODERATION.md): pre-moderation of a course, a reading or a
 * student, the course's word list, muting a student until a date, locking a reading's
 * discussion. Each change is one transaction: a conditional update (a change that is
 * already in place is refused with 409, so two moderators cannot both log it) and its
 * ModerationAction row. A refused or failed change writes nothing.
 */

function parse<T>(schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error.issues);
    throw new AppError("INVALID_INPUT", Object.values(fields)[0] ?? parsed.error.issues[0]?.message ?? "Check the request and try again.", fields);
  }
  return parsed.data;
}

type Log = { courseId: string; actorId: string; action: string; reason?: string | null; readingId?: string | null; subjectUserId?: string | null };
const log = (tx: Prisma.TransactionClient, row: Log) =>
  tx.moderationAction.create({ data: { courseId: row.courseId, actorId: row.actorId, action: row.action, reason: row.reason ?? null, readingId: row.readingId ?? null, subjectUserId: row.subjectUserId ?? null } });

const conflict = (message: string) => new AppError("CONFLICT", message);

/** Course-wide pre-moderation and the word list (instructors). */
export async function moderateCourse(options: { userId: string; courseSlug: string; input: unknown }) {
  const input = parse(courseModerationSchema, options.input);
  const { course } = await requireCourseRole(options.userId, options.courseSlug, ["INSTRUCTOR"]);
  return db.$transaction(async (tx) => {
    const current = await tx.course.findUniqueOrThrow({ where: { id: course.id }, select: { premoderated: true, wordList: true } });
    if (input.action === "word-list") {
      const before = current.wordList ?? [];
      const same = before.length === input.words.length && before.every((w, i) => w === input.words[i]);
      if (same) return { premoderated: current.premoderated, wordList: before, changed: false };
      const added = input.words.filter((w) => !before.includes(w));
      const removed = before.filter((w) => !input.words.includes(w));
      const summary = `${input.words.length} ${input.words.length === 1 ? "word" : "words"}; added ${added.length}, removed ${removed.length}`;
      await tx.course.update({ where: { id: course.id }, data: { wordList: input.words } });
      await log(tx, { courseId: course.id, actorId: options.userId, action: "word-list", reason: summary });
      return { premoderated: current.premoderated, wordList: input.words, changed: true };
    }
    const on = input.action === "premoderate-course";
    const changed = await tx.course.updateMany({ where: { id: course.id, premoderated: !on }, data: { premoderated: on } });
    if (changed.count !== 1) throw conflict(on ? "Pre-moderation is already on for this course." : "Pre-moderation is already off for this course.");
    await log(tx, { courseId: course.id, actorId: options.userId, action: input.action });
    return { premoderated: on, wordList: current.wordList ?? [], changed: true };
  });
}

/** A reading's pre-moderation and discussion lock (instructors and TAs). */
export async function moderateReading(options: { userId: string; courseSlug: string; readingSlug: string; input: unknown }) {
  const input = parse(readingModerationSchema, options.input);
  const { course } = await requireCourseRole(options.userId, options.courseSlug, STAFF_ROLES);
  if (!isSlug(options.readingSlug)) throw new AppError("NOT_FOUND", "This reading does not exist in this course.");
  return db.$transaction(async (tx) => {
    const reading = await tx.reading.findFirst({ where: { courseId: course.id, slug: options.readingSlug }, select: { id: true, premoderated: true, discussionLockedAt: true } });
    if (!reading) throw new AppError("NOT_FOUND", "This reading does not exist in this course.");
    let data: Prisma.ReadingUpdateManyMutationInput;
    let where: Prisma.ReadingWhereInput;
    switch (input.action) {
      case "premoderate-reading":
        [where, data] = [{ premoderated: false }, { premoderated: true }];
        break;
      case "unpremoderate-reading":
        [where, data] = [{ premoderated: true }, { premoderated: false }];
        break;
      case "lock-reading":
        [where, data] = [{ discussionLockedAt: null }, { discussionLockedAt: new Date() }];
        break;
      case "unlock-reading":
        [where, data] = [{ discussionLockedAt: { not: null } }, { discussionLockedAt: null }];
        break;
      default:
        [where, data] = readingPeopleChange(input.action);
    }
    const changed = await tx.reading.updateMany({ where: { id: reading.id, ...where }, data });
    if (changed.count !== 1) {
      throw conflict(
        {
          "premoderate-reading": "Pre-moderation is already on for this reading.",
          "unpremoderate-reading": "Pre-moderation is already off for this reading.",
          "lock-reading": "This reading's discussion is already locked.",
          "unlock-reading": "This reading's discussion is not locked.",
          ...READING_PEOPLE_CONFLICTS,
        }[input.action],
      );
    }
    await log(tx, { courseId: course.id, actorId: options.userId, action: input.action, readingId: reading.id });
    const after = await tx.reading.findUniqueOrThrow({ where: { id: reading.id }, select: { premoderated: true, discussionLockedAt: true, postFirst: true, allowAnonymous: true } });
    return { premoderated: after.premoderated, locked: after.discussionLockedAt !== null, postFirst: after.postFirst, allowAnonymous: after.allowAnonymous };
  });
}

type ReadingPeopleAction = (typeof READING_PEOPLE_ACTIONS)[number];

/** "Post before you see" and the reading's anonymity (issue 8): the conditional update. */
function readingPeopleChange(action: ReadingPeopleAction): [Prisma.ReadingWhereInput, Prisma.ReadingUpdateManyMutationInput] {
  switch (action) {
    case "post-first-on":
      return [{ postFirst: false }, { postFirst: true }];
    case "post-first-off":
      return [{ postFirst: true }, { postFirst: false }];
    case "anonymous-inherit":
      return [{ allowAnonymous: { not: null } }, { allowAnonymous: null }];
    case "anonymous-allow":
      return [{ OR: [{ allowAnonymous: null }, { allowAnonymous: false }] }, { allowAnonymous: true }];
    case "anonymous-deny":
      return [{ OR: [{ allowAnonymous: null }, { allowAnonymous: true }] }, { allowAnonymous: false }];
  }
}

const READING_PEOPLE_CONFLICTS: Record<ReadingPeopleAction, string> = {
  "post-first-on": "“Post before you see” is already on for this reading.",
  "post-first-off": "“Post before you see” is already off for this reading.",
  "anonymous-inherit": "This reading already follows the course's anonymity setting.",
  "anonymous-allow": "This reading already lets students post anonymously.",
  "anonymous-deny": "This reading already does not let students post anonymously.",
};

/** A student's pre-moderation and mute (instructors and TAs). Staff are never held or muted. */
export async function moderateMember(options: { userId: string; courseSlug: string; memberId: string; input: unknown; now?: Date }) {
  const input = parse(memberModerationSchema, options.input);
  const { course } = await requireCourseRole(options.userId, options.courseSlug, STAFF_ROLES);
  const now = options.now ?? new Date();
  let until: Date | null = null;
  if (input.action === "mute") {
    until = fromZonedInput(input.until, course.timeZone);
    if (!until) throw new AppError("INVALID_INPUT", "Enter a date and time like 2027-03-14 23:59.", { until: "Enter a date and time like 2027-03-14 23:59." });
    if (until <= now) throw new AppError("INVALID_INPUT", "Choose a time in the future.", { until: "Choose a time in the future." });
    if (until.getTime() - now.getTime() > MUTE_MAX_DAYS * 86_400_000) throw new AppError("INVALID_INPUT", `A mute can last at most ${MUTE_MAX_DAYS} days.`, { until: `A mute can last at most ${MUTE_MAX_DAYS} days.` });
  }
  return db.$transaction(async (tx) => {
    const member = await tx.membership.findFirst({
      where: ID_PATTERN.test(options.memberId) ? { courseId: course.id, userId: options.memberId } : { id: { in: [] } },
      select: { id: true, role: true, premoderated: true, mutedUntil: true },
    });
    if (!member) throw new AppError("NOT_FOUND", "This person is not a member of this course.");
    if (member.role !== "STUDENT") throw conflict("Only students can be pre-moderated or muted: the comments of instructors and TAs are never held.");
    const where: Prisma.MembershipWhereInput = { id: member.id };
    let data: Prisma.MembershipUpdateManyMutationInput;
    let reason: string | null = null;
    let refusal: string;
    switch (input.action) {
      case "premoderate-student":
        [where.premoderated, data, refusal] = [false, { premoderated: true }, "This student's comments are already held for approval."];
        break;
      case "unpremoderate-student":
        [where.premoderated, data, refusal] = [true, { premoderated: false }, "This student's comments are not held for approval."];
        break;
      case "mute":
        // A new mute replaces one that is running (a different date or reason).
        [data, refusal] = [{ mutedUntil: until, muteReason: input.reason }, ""];
        reason = `Until ${formatDateTime(until!, course.timeZone, now)}: ${input.reason}`;
        break;
      case "unmute":
        where.mutedUntil = { gt: now };
        [data, refusal] = [{ mutedUntil: null, muteReason: null }, "This student is not muted."];
        reason = input.reason || null;
        break;
    }
    const changed = await tx.membership.updateMany({ where, data });
    if (changed.count !== 1) throw conflict(refusal || "Someone else just changed this member. Reload the page.");
    await log(tx, { courseId: course.id, actorId: options.userId, action: input.action, reason, subjectUserId: options.memberId });
    const after = await tx.membership.findUniqueOrThrow({ where: { id: member.id }, select: { premoderated: true, mutedUntil: true, muteReason: true } });
    return { premoderated: after.premoderated, mutedUntil: after.mutedUntil && after.mutedUntil > now ? after.mutedUntil.toISOString() : null, muteReason: after.mutedUntil && after.mutedUntil > now ? after.muteReason : null };
  });
}
