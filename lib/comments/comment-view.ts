import type { Role } from "@/generated/prisma/client";

/**
 * The one shape a comment takes in a browser (panel, Detached list, deep links, live
 * refetches), built on the server for one viewer by lib/comments/view-comments.ts. It never
 * holds what that viewer may not see: a tombstone has no text and no author; the Markdown
 * source travels only to its author (to edit it); emails never.
 *
 * Extending it: moderation and people add states (e.g. "pending", "hidden"), badges
 * ({ id: "pinned", label: "Pinned" }), permissions (`can.hide`) — the thread component
 * renders badges generically and shows an action when its `can` flag is set.
 */
export type CommentState = "visible" | "deleted" | "withheld" | "hidden";

/** A placeholder in a thread (no text, no author) that holds replies: "Comment deleted"
 *  (deleted) or "Hidden by an instructor" (withheld: hidden by staff, seen by a reader
 *  who is neither its author nor staff). "hidden" is the author's / staff's full view of
 *  a hidden comment, with `notice` saying why. */
export const isPlaceholderView = (comment: { state: CommentState }) => comment.state === "deleted" || comment.state === "withheld";

export interface CommentBadge {
  id: string;
  label: string;
  tone: "accent" | "muted" | "warning";
  /** Longer explanation (tooltip / accessible description). */
  title?: string;
}

/** What this viewer may do with the comment (the server checks again on every request). */
export interface CommentPermissions {
  reply: boolean;
  edit: boolean;
  delete: boolean;
  react: boolean;
  /** Instructors and TAs: earlier versions and deleted text, for audit. */
  history: boolean;
  /** Instructors and TAs: hide / unhide, pin, endorse, lock (lib/moderation). */
  moderate?: boolean;
  /** Members other than the author: report it to the course staff. */
  report?: boolean;
}

/** Moderation state, for the staff's controls and the author's notice. */
export interface CommentModeration {
  pinned: boolean;
  endorsed: boolean;
  /** Thread roots: no new replies. */
  locked: boolean;
  /** Staff only: open reports on it. */
  reports?: number;
}

export interface CommentView {
  id: string;
  readingId: string;
  blockId: string | null;
  parentId: string | null;
  rootId: string | null;
  state: CommentState;
  /** Sanitized HTML of the body; null on a tombstone. */
  html: string | null;
  /** The Markdown source: only for the author (to edit), otherwise null. */
  source: string | null;
  /** Thread roots on a passage: the quoted text and its offsets in the paragraph. */
  passage: { quote: string; start: number | null; end: number | null } | null;
  createdAt: string;
  editedAt: string | null;
  /** Null on a tombstone. */
  author: { id: string; name: string; role: Role | null } | null;
  isMine: boolean;
  /** Written since the viewer last opened this thread (never for one's own). */
  isNew: boolean;
  helpful: { count: number; mine: boolean; names: string[] };
  badges: CommentBadge[];
  can: CommentPermissions;
  /** Shown above the body, e.g. "Hidden by an instructor: <reason>" to its author. */
  notice?: string | null;
  moderation?: CommentModeration;
}

/** A thread as the panel and the Detached list show it: the root, the first replies (in
 *  the order they were written), and how to load the rest. */
export interface ThreadView {
  root: CommentView;
  replies: CommentView[];
  /** Replies this viewer can see in the whole thread (loaded or not). */
  replyCount: number;
  /** Cursor for the next replies, or null when all are loaded. */
  moreReplies: string | null;
  /** Detached threads: where the thread was before the edit that detached it. */
  detachedFrom?: { paragraph: number | null; text: string | null } | null;
}

export type ThreadSort = "text" | "activity";

export interface ThreadPage {
  threads: ThreadView[];
  /** Cursor for the next page of threads, or null. */
  nextCursor: string | null;
  sort: ThreadSort;
  /** "Post before you see": the viewer has not posted on this paragraph yet, and this many
   *  classmates' comments there are held back from them. Null or absent: nothing held back. */
  locked?: { hidden: number } | null;
}
