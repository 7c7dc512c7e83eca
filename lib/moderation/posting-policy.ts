import "server-only";
import type { Prisma, Role } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { isStaffRole, readableCourse } from "@/lib/auth/membership";
import { AppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/dates";
import { findListedWord } from "@/lib/moderation/word-list";

/** Why a comment was held for approval (the audit row's reason; staff see it in the queue). */
export const HOLD_REASONS = {
  wordList: "matched the course word list",
  student: "the author's comments are pre-moderated",
  reading: "this reading's discussion is pre-moderated",
  course: "the course is pre-moderated",
} as const;

export const READING_LOCKED = "The discussion of this reading is locked by an instructor: it takes no new comments or replies.";

export const mutedMessage = (until: Date, reason: string | null, timeZone: string, now = new Date()) =>
  `You are muted in this course until ${formatDateTime(until, timeZone, now)}: ${reason ?? "no reason given"}`;

export interface PostingPolicy {
  /** "You are muted in this course until …: reason" while a mute lasts, else null. */
  muted: string | null;
  /** The reading's discussion is locked (no new comments or replies), else null. */
  locked: string | null;
  /** Why a new comment with this body waits for approval, or null (never for staff). */
  hold(body: string): string | null;
}

const OPEN: PostingPolicy = { muted: null, locked: null, hold: () => null };

/**
 * What moderation says about a member posting in a reading (lib/moderation): a mute, a
 * locked reading, and pre-moderation (the student, the reading, the course, the course's
 * word list). Authorised inside the query: a non-member gets the open policy and the
 * caller's own query refuses them in its words.
 */
export async function loadPostingPolicy(options: { userId: string; readingId: string; now?: Date }): Promise<PostingPolicy> {
  const now = options.now ?? new Date();
  const reading = await db.reading.findFirst({
    where: { id: options.readingId, course: readableCourse(options.userId) },
    select: {
      premoderated: true,
      discussionLockedAt: true,
      course: {
        select: {
          premoderated: true,
          wordList: true,
          timeZone: true,
          memberships: { where: { userId: options.userId }, select: { role: true, premoderated: true, mutedUntil: true, muteReason: true } },
        },
      },
    },
  });
  const member = reading?.course.memberships[0];
  if (!reading || !member) return OPEN;
  return postingPolicyOf(reading, member, now);
}

/** The policy from rows already loaded (lib/comments/post-context.ts loads them with the
 *  rest of a post's checks in one query). */
export function postingPolicyOf(
  reading: { premoderated: boolean; discussionLockedAt: Date | null; course: { premoderated: boolean; wordList: string[]; timeZone: string } },
  member: { role: Role; premoderated: boolean; mutedUntil: Date | null; muteReason: string | null },
  now = new Date(),
): PostingPolicy {
  const staff = isStaffRole(member.role);
  const muted = !staff && member.mutedUntil && member.mutedUntil > now ? mutedMessage(member.mutedUntil, member.muteReason, reading.course.timeZone, now) : null;
  return {
    muted,
    locked: reading.discussionLockedAt ? READING_LOCKED : null,
    hold(body) {
      if (staff) return null;
      if (findListedWord(body, reading.course.wordList)) return HOLD_REASONS.wordList;
      if (member.premoderated) return HOLD_REASONS.student;
      if (reading.premoderated) return HOLD_REASONS.reading;
      if (reading.course.premoderated) return HOLD_REASONS.course;
      return null;
    },
  };
}

/** Refuse a new comment or reply (muted: 403; locked reading: 409) — or, with `edit`, an
 *  edit (muted only). Returns the policy for the caller's hold decision. */
export async function assertMayPost(options: { userId: string; readingId: string; edit?: boolean }): Promise<PostingPolicy> {
  return refuseIfClosed(await loadPostingPolicy(options), options.edit);
}

/** assertMayPost's refusals, for a policy already loaded. */
export function refuseIfClosed(policy: PostingPolicy, edit = false): PostingPolicy {
  if (policy.muted) throw new AppError("FORBIDDEN", policy.muted);
  if (policy.locked && !edit) throw new AppError("CONFLICT", policy.locked);
  return policy;
}

/** The audit row for a comment held for approval (no actor: the rule held it), written in
 *  the transaction that stores the comment. */
export function recordHold(tx: Prisma.TransactionClient, hold: { courseId: string; readingId: string; commentId: string; authorId: string; reason: string }) {
  return tx.moderationAction.create({
    data: { courseId: hold.courseId, commentId: hold.commentId, actorId: null, action: "hold", fromStatus: null, toStatus: "PENDING", reason: hold.reason, readingId: hold.readingId, subjectUserId: hold.authorId },
  });
}

/** What the reading page says instead of the composer, from rows it already holds (the
 *  guard's membership with its mute, the reading with its lock): the member's mute, else
 *  the reading's lock, else null. */
export function closedReasonOf(member: { role: Role; mutedUntil: Date | null; muteReason: string | null }, reading: { discussionLockedAt: Date | null }, timeZone: string, now = new Date()): string | null {
  const policy = postingPolicyOf({ premoderated: false, discussionLockedAt: reading.discussionLockedAt, course: { premoderated: false, wordList: [], timeZone } }, { ...member, premoderated: false }, now);
  return policy.muted ?? policy.locked;
}
