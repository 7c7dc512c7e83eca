import "server-only";
import { db } from "@/lib/db";
import { readableCourse } from "@/lib/auth/membership";
import { AppError } from "@/lib/errors";
import { SCHEDULE_SELECT } from "@/lib/readings/schedule";
import { refuseIfNotOpen } from "@/lib/readings/assert-discussion-open";
import { postingPolicyOf, refuseIfClosed, type PostingPolicy } from "@/lib/moderation/posting-policy";
import type { Viewer } from "@/lib/comments/visibility";

export const NOT_A_MEMBER = "You can only comment on readings of courses you are a member of.";

/**
 * Everything a new comment is checked against, in one query: the paragraph, its reading
 * (schedule, moderation settings, post-first, anonymity) and course (archived, time zone,
 * pre-moderation, word list), and the author's membership — reached through that
 * membership inside the query (readableCourse), so an outsider's row never loads. Then the
 * same rules, in the same order, as assertDiscussionOpen (draft / not yet open: 404;
 * closed: 403; archived: 409), assertMayPost (muted: 403; locked reading: 409) and
 * findDiscussableBlock (not a member, or not this reading's paragraph: 404) — which a post
 * used to call one after the other, each reading reading → course → membership again.
 */
export async function loadPostContext(options: { userId: string; readingId: string; blockId: string; now?: Date }) {
  const now = options.now ?? new Date();
  const { userId } = options;
  const block = await db.block.findFirst({
    where: { id: options.blockId, readingId: options.readingId, reading: { course: readableCourse(userId) } },
    select: {
      id: true,
      number: true,
      kind: true,
      text: true,
      readingId: true,
      reading: {
        select: {
          ...SCHEDULE_SELECT,
          courseId: true,
          premoderated: true,
          discussionLockedAt: true,
          postFirst: true,
          allowAnonymous: true,
          course: {
            select: {
              archivedAt: true,
              timeZone: true,
              premoderated: true,
              wordList: true,
              allowAnonymous: true,
              memberships: {
                where: { userId },
                take: 1,
                select: { role: true, premoderated: true, mutedUntil: true, muteReason: true, user: { select: { name: true } } },
              },
            },
          },
        },
      },
    },
  });
  const member = block?.reading.course.memberships[0];
  if (!block || !member) throw new AppError("NOT_FOUND", NOT_A_MEMBER);
  const { reading } = block;
  refuseIfNotOpen(member.role, reading, now);
  const policy: PostingPolicy = refuseIfClosed(postingPolicyOf(reading, member, now));
  const viewer: Viewer = { userId, role: member.role };
  return {
    block: { id: block.id, number: block.number, kind: block.kind, text: block.text, readingId: block.readingId },
    viewer,
    courseId: reading.courseId,
    authorName: member.user.name,
    policy,
    reading: { postFirst: reading.postFirst, allowAnonymous: reading.allowAnonymous },
    course: { allowAnonymous: reading.course.allowAnonymous },
  };
}
