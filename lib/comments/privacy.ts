import "server-only";
import type { Visibility } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/comments/visibility";
import { anonymityAllowed } from "@/lib/comments/anonymity";

/** The visibility names the API takes and the composer sends. */
export const VISIBILITY_INPUT = { class: "CLASS", instructors: "INSTRUCTORS", private: "PRIVATE" } as const satisfies Record<string, Visibility>;
export type VisibilityInput = keyof typeof VISIBILITY_INPUT;

/** What decides a new comment's privacy: the parent (replies), and the course setting. */
export interface PostPrivacy {
  visibility: Visibility;
  anonymous: boolean;
  threadAuthorId: string | null;
}

/**
 * Who a new comment is for, decided on the server (the composer only proposes):
 *   - a thread root takes the visibility asked for (class by default);
 *   - a reply takes its thread's visibility, whatever is asked: a private note's replies
 *     stay private, an instructors-only question's answers stay between its author and the
 *     staff (threadAuthorId: the thread's first author, who sees the answers);
 *   - anonymous (to classmates) only where the reading allows it (its own setting, else
 *     the course's: lib/comments/anonymity.ts `anonymityAllowed`), and only for students —
 *     staff always post under their name.
 */
export async function decidePostPrivacy(options: {
  viewer: Viewer;
  courseId: string;
  /** The reading posted on: its own anonymity setting, when it has one, wins over the course's. */
  readingId?: string;
  parent: { visibility: Visibility; authorId: string; rootId: string | null; threadAuthorId: string | null } | null;
  visibility?: VisibilityInput;
  anonymous?: boolean;
}): Promise<PostPrivacy> {
  const { viewer, parent } = options;
  let visibility: Visibility;
  let threadAuthorId: string | null = null;
  if (parent) {
    visibility = parent.visibility;
    if (options.visibility && VISIBILITY_INPUT[options.visibility] !== visibility) {
      throw new AppError("INVALID_INPUT", "A reply is seen by the same people as its thread; its visibility cannot be changed.", { visibility: "A reply takes its thread's visibility." });
    }
    if (visibility === "INSTRUCTORS") {
      // The thread's first author: carried by every comment of the thread (older rows: the root's author).
      threadAuthorId = parent.threadAuthorId ?? (parent.rootId ? ((await db.comment.findUnique({ where: { id: parent.rootId }, select: { authorId: true } }))?.authorId ?? null) : parent.authorId);
    }
  } else {
    visibility = VISIBILITY_INPUT[options.visibility ?? "class"];
    if (visibility === "INSTRUCTORS") threadAuthorId = viewer.userId;
  }
  let anonymous = false;
  if (options.anonymous) {
    if (viewer.role !== "STUDENT") throw new AppError("INVALID_INPUT", "Instructors and TAs always post under their name.", { anonymous: "Only students can post anonymously." });
    const [course, reading] = await Promise.all([
      db.course.findUnique({ where: { id: options.courseId }, select: { allowAnonymous: true } }),
      options.readingId ? db.reading.findFirst({ where: { id: options.readingId, courseId: options.courseId }, select: { allowAnonymous: true } }) : null,
    ]);
    if (!course || !anonymityAllowed(course, reading)) {
      const message = reading?.allowAnonymous === false ? "This reading does not allow anonymous posts." : "This course does not allow anonymous posts.";
      throw new AppError("INVALID_INPUT", message, { anonymous: message });
    }
    anonymous = true;
  }
  return { visibility, anonymous, threadAuthorId };
}
