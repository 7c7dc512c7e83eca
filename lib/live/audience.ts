/**
 * Who receives a live event, decided per subscriber in the app server that holds their
 * stream — so an event never reaches a browser whose user may not see it. Pure: the hub,
 * the tests and the bench use it directly.
 */
import { isStaffRole } from "@/lib/auth/membership";
import { canSeeComment, opensParagraph, type CommentAccess, type Viewer } from "@/lib/comments/visibility";

export type Audience =
  /** Every member of the course the topic belongs to. */
  | { type: "members" }
  /** Instructors and TAs of the course. */
  | { type: "staff" }
  /** Exactly these users (e.g. a notification). */
  | { type: "users"; userIds: string[] }
  /**
   * Whoever could see the comment before the change or can see it after (visibility
   * rules of lib/comments/visibility.ts). Each receiver also gets `delta` — how the
   * change moves the comment counts they see (+1 appeared, −1 vanished, 0), `visible`
   * (can they see it now) and `mine` (it is their own).
   */
  | { type: "comment"; before: CommentAccess | null; after: CommentAccess | null };

/** The subscriber side: who is listening (a user and their role in the topic's course, and
 *  for "post before you see" the paragraphs where they have posted — a set this stream
 *  grows as their own posts arrive, see `noteOwnPost`). */
export type Listener = Omit<Viewer, "postedBlockIds"> & { postedBlockIds?: Set<string> };

/** "Post before you see": the listener's own comment that opens its paragraph opens it for
 *  the rest of this stream (classmates' later comments there reach them live). */
function noteOwnPost(listener: Listener, after: CommentAccess | null) {
  if (after && after.blockId && after.authorId === listener.userId && opensParagraph(after)) listener.postedBlockIds?.add(after.blockId);
}

/** What this listener receives of an event's data, or null when it is not for them. */
export function deliver(listener: Listener, audience: Audience, data: Record<string, unknown>): Record<string, unknown> | null {
  switch (audience.type) {
    case "members":
      return data;
    case "staff":
      return isStaffRole(listener.role) ? data : null;
    case "users":
      return audience.userIds.includes(listener.userId) ? data : null;
    case "comment": {
      noteOwnPost(listener, audience.after);
      const before = audience.before !== null && canSeeComment(listener, audience.before);
      const after = audience.after !== null && canSeeComment(listener, audience.after);
      if (!before && !after) return null;
      const mine = (audience.after ?? audience.before)?.authorId === listener.userId;
      return { ...data, delta: (after ? 1 : 0) - (before ? 1 : 0), visible: after, mine };
    }
    default:
      return null;
  }
}
