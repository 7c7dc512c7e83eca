/**
 * The one place that decides what a viewer may see of a comment. Every read path uses it:
 * the panel's thread API, the reading page's counts and highlights, the Detached list,
 * unread counts, and the live stream (which filters each event per subscriber).
 *
 * A rule says, three ways that must agree, "this viewer sees this comment":
 *   - `where`: a Prisma filter (list queries),
 *   - `sql`:   the same as an SQL condition on a "Comment" row alias (aggregate queries),
 *   - `test`:  the same as a predicate on a row or live event already in memory.
 * A viewer sees a comment when ANY rule matches. tests/integration/visibility.test.ts checks
 * that the three forms agree on every combination of status, visibility, author and role.
 *
 * Deleted comments match no rule. A deleted comment that still has replies the viewer can
 * see is shown as a tombstone ("Comment deleted"): its position in the thread, never its
 * text or author (see `isTombstone` and lib/comments/comment-view.ts).
 *
 * To extend (moderation, people): add a rule. E.g. staff see instructors-only comments:
 *   { name: "staff-only", where: (v) => (isStaffRole(v.role) ? { status: "VISIBLE", visibility: "INSTRUCTORS" } : NOTHING),
 *     sql: (v, a) => (isStaffRole(v.role) ? Prisma.sql`(${a}."status" = 'VISIBLE' AND ${a}."visibility" = 'INSTRUCTORS')` : Prisma.sql`FALSE`),
 *     test: (v, c) => isStaffRole(v.role) && c.status === "VISIBLE" && c.visibility === "INSTRUCTORS" }
 * The author already sees their own PENDING / HIDDEN / PRIVATE comments ("own"); what they
 * are told about them (the reason) is the comment view's job. Instructors-only comments:
 * the staff and the thread's first author (see the rules below); private notes: the
 * author alone.
 */
import { Prisma, type CommentStatus, type Role, type Visibility } from "@/generated/prisma/client";
import { isStaffRole as isStaff } from "@/lib/auth/membership";

/** Who is looking: the user and their role in the comment's course (null: not a member —
 *  callers authorise membership first; a null role sees only what every member sees). */
export interface Viewer {
  userId: string;
  role: Role | null;
  /** "Post before you see", in memory only (the `where`/`sql` forms look it up): the
   *  paragraphs (block ids) where this viewer has posted a class or instructors-only
   *  comment — see `postedBlockIdsOf`. Absent: none. */
  postedBlockIds?: ReadonlySet<string>;
}

/** The fields visibility depends on (a Comment row, or a live event's subject). */
export interface CommentAccess {
  authorId: string;
  status: CommentStatus;
  visibility: Visibility;
  /** Instructors-only comments: the author of the thread's first comment (who sees the
   *  thread with the staff). Absent or null: nobody but the author and staff. */
  threadAuthorId?: string | null;
  /** "Post before you see", in memory only: the comment's paragraph and whether its
   *  reading has `postFirst` on. Absent `postFirst`: callers that hold a comment in memory
   *  and may show it to a student load it (live events carry it; see POST_FIRST). */
  blockId?: string | null;
  postFirst?: boolean;
}

interface Rule {
  name: string;
  where(viewer: Viewer): Prisma.CommentWhereInput;
  sql(viewer: Viewer, alias: Prisma.Sql): Prisma.Sql;
  test(viewer: Viewer, comment: CommentAccess): boolean;
}

/** A filter that matches no row (for rules that do not apply to a viewer). */
export const NOTHING: Prisma.CommentWhereInput = { id: { in: [] } };

const RULES: Rule[] = [
  {
    name: "class",
    where: () => ({ status: "VISIBLE", visibility: "CLASS" }),
    sql: (_v, a) => Prisma.sql`(${a}."status" = 'VISIBLE' AND ${a}."visibility" = 'CLASS')`,
    test: (_v, c) => c.status === "VISIBLE" && c.visibility === "CLASS",
  },
  {
    name: "own",
    where: (v) => ({ authorId: v.userId, status: { not: "DELETED" } }),
    sql: (v, a) => Prisma.sql`(${a}."authorId" = ${v.userId} AND ${a}."status" <> 'DELETED')`,
    test: (v, c) => c.authorId === v.userId && c.status !== "DELETED",
  },
  {
    // Moderation: instructors and TAs see class comments they hid or that wait for
    // approval (to unhide / approve them; lib/moderation).
    name: "moderators",
    where: (v) => (isStaff(v.role) ? { status: { in: ["HIDDEN", "PENDING"] }, visibility: "CLASS" } : NOTHING),
    sql: (v, a) => (isStaff(v.role) ? Prisma.sql`(${a}."status" IN ('HIDDEN', 'PENDING') AND ${a}."visibility" = 'CLASS')` : Prisma.sql`FALSE`),
    test: (v, c) => isStaff(v.role) && (c.status === "HIDDEN" || c.status === "PENDING") && c.visibility === "CLASS",
  },
  {
    // "Instructors only": a question for the staff — instructors and TAs see it (any status
    // but deleted, so they can moderate it too) ...
    name: "staff-instructors-only",
    where: (v) => (isStaff(v.role) ? { status: { not: "DELETED" }, visibility: "INSTRUCTORS" } : NOTHING),
    sql: (v, a) => (isStaff(v.role) ? Prisma.sql`(${a}."status" <> 'DELETED' AND ${a}."visibility" = 'INSTRUCTORS')` : Prisma.sql`FALSE`),
    test: (v, c) => isStaff(v.role) && c.status !== "DELETED" && c.visibility === "INSTRUCTORS",
  },
  {
    // ... and the student who asked sees the staff's answers in their thread (replies
    // inherit the thread's visibility and carry its first author: lib/comments/privacy.ts).
    name: "instructors-only-thread",
    where: (v) => ({ status: "VISIBLE", visibility: "INSTRUCTORS", threadAuthorId: v.userId }),
    sql: (v, a) => Prisma.sql`(${a}."status" = 'VISIBLE' AND ${a}."visibility" = 'INSTRUCTORS' AND ${a}."threadAuthorId" = ${v.userId})`,
    test: (v, c) => c.status === "VISIBLE" && c.visibility === "INSTRUCTORS" && c.threadAuthorId != null && c.threadAuthorId === v.userId,
  },
  // "Private note": only "own" matches it — not even the staff see it.
];

/** Comments that open a paragraph for their author under "post before you see": their own
 *  class or instructors-only comment or reply there, not deleted (held or hidden ones
 *  count: they did post). A private note does not: it is nobody's answer to the class, and
 *  counting it would let a student unlock a paragraph by writing a note no one can read. */
const OPENING_VISIBILITIES: Visibility[] = ["CLASS", "INSTRUCTORS"];
const opens = (c: { status: CommentStatus; visibility: Visibility }) => c.status !== "DELETED" && OPENING_VISIBILITIES.includes(c.visibility);

/**
 * "Post before you see" (Reading.postFirst): a gate AND-ed with the rules above. On such a
 * reading, a student sees a classmate's comment on a paragraph only once they have posted
 * there themselves (`opens`). Staff always pass; so do the viewer's own comments and
 * comments on no paragraph (detached). Three forms, like the rules; the in-memory one
 * needs `comment.postFirst`/`blockId` and `viewer.postedBlockIds`.
 */
const POST_FIRST = {
  name: "post-first",
  where: (v: Viewer): Prisma.CommentWhereInput | null =>
    isStaff(v.role)
      ? null
      : {
          OR: [
            { authorId: v.userId },
            { blockId: null },
            { reading: { postFirst: false } },
            { block: { comments: { some: { authorId: v.userId, status: { not: "DELETED" }, visibility: { in: OPENING_VISIBILITIES } } } } },
          ],
        },
  sql: (v: Viewer, a: Prisma.Sql, alias: string): Prisma.Sql | null => {
    if (isStaff(v.role)) return null;
    const mine = Prisma.raw(`"${alias}_pf"`);
    return Prisma.sql`(${a}."authorId" = ${v.userId} OR ${a}."blockId" IS NULL
      OR NOT EXISTS (SELECT 1 FROM "Reading" ${Prisma.raw(`"${alias}_pfr"`)} WHERE ${Prisma.raw(`"${alias}_pfr"`)}."id" = ${a}."readingId" AND ${Prisma.raw(`"${alias}_pfr"`)}."postFirst")
      OR EXISTS (SELECT 1 FROM "Comment" ${mine} WHERE ${mine}."blockId" = ${a}."blockId" AND ${mine}."authorId" = ${v.userId}
                 AND ${mine}."status" <> 'DELETED' AND ${mine}."visibility" IN ('CLASS', 'INSTRUCTORS')))`;
  },
  test: (v: Viewer, c: CommentAccess): boolean =>
    isStaff(v.role) || c.authorId === v.userId || c.postFirst !== true || c.blockId == null || (v.postedBlockIds?.has(c.blockId) ?? false),
};

/** Does this comment (in memory) open its paragraph for its author under "post before you see"? */
export const opensParagraph = opens;

/**
 * The paragraphs of `readingId` where `userId` has posted a comment that opens them (for
 * `Viewer.postedBlockIds`, e.g. a live listener). Uses the client it is given (a transaction).
 */
export async function postedBlockIdsOf(client: { comment: { findMany(args: { where: Prisma.CommentWhereInput; select: { blockId: true }; distinct: ["blockId"] }): Promise<{ blockId: string | null }[]> } }, userId: string, readingId: string): Promise<Set<string>> {
  const rows = await client.comment.findMany({
    where: { readingId, authorId: userId, blockId: { not: null }, status: { not: "DELETED" }, visibility: { in: OPENING_VISIBILITIES } },
    select: { blockId: true },
    distinct: ["blockId"],
  });
  return new Set(rows.flatMap((r) => (r.blockId ? [r.blockId] : [])));
}

/** Whether "post before you see" keeps this comment from this viewer, asked of the
 *  database (the `where` form) — for code holding one comment without its reading's
 *  setting (a deep link, a reply page, a notification). */
export async function passesPostFirst(client: { comment: { count(args: { where: Prisma.CommentWhereInput }): Promise<number> } }, viewer: Viewer, commentId: string): Promise<boolean> {
  const gate = POST_FIRST.where(viewer);
  if (!gate) return true;
  return (await client.comment.count({ where: { AND: [{ id: commentId }, gate] } })) > 0;
}

/** The rules' filter without the "post before you see" gate — only to count what a gated
 *  student does not see yet ("N comments"), never to show it. */
export function ungatedCommentWhere(viewer: Viewer): Prisma.CommentWhereInput {
  requireViewer(viewer);
  return { OR: RULES.map((r) => r.where(viewer)) };
}

function requireViewer(viewer: Viewer) {
  // A missing session must never become a missing filter.
  if (!viewer || typeof viewer.userId !== "string" || viewer.userId.length === 0) throw new Error("visibility needs the viewer's user id");
}

/** Prisma filter: the comments this viewer sees. */
export function visibleCommentWhere(viewer: Viewer): Prisma.CommentWhereInput {
  requireViewer(viewer);
  const gate = POST_FIRST.where(viewer);
  const rules: Prisma.CommentWhereInput = { OR: RULES.map((r) => r.where(viewer)) };
  return gate ? { AND: [rules, gate] } : rules;
}

/** SQL condition on the "Comment" row `alias` (a trusted identifier such as `c`). */
export function visibleCommentSql(viewer: Viewer, alias: string): Prisma.Sql {
  requireViewer(viewer);
  if (!/^[a-z_][a-z0-9_]*$/i.test(alias)) throw new Error(`bad SQL alias ${alias}`);
  const a = Prisma.raw(`"${alias}"`);
  const rules = Prisma.sql`(${Prisma.join(
    RULES.map((r) => r.sql(viewer, a)),
    " OR ",
  )})`;
  const gate = POST_FIRST.sql(viewer, a, alias);
  return gate ? Prisma.sql`(${rules} AND ${gate})` : rules;
}

/** In memory: does this viewer see this comment? */
export function canSeeComment(viewer: Viewer, comment: CommentAccess): boolean {
  requireViewer(viewer);
  return RULES.some((r) => r.test(viewer, comment)) && POST_FIRST.test(viewer, comment);
}

/** A deleted comment keeps its place (without text or author) while replies hang off it. */
export const isTombstone = (comment: { status: CommentStatus }) => comment.status === "DELETED";

/** Statuses that leave a placeholder for viewers who cannot see the comment: deleted
 *  ("Comment deleted") and hidden by staff ("Hidden by an instructor"). */
const PLACEHOLDER_STATUSES: CommentStatus[] = ["DELETED", "HIDDEN"];

/** Is this comment, for this viewer, only a placeholder (no text, no author) that stays
 *  while replies they can see hang off it? Deleted comments for everyone; hidden ones for
 *  everyone but their author and the course staff. */
export function isPlaceholderFor(viewer: Viewer, comment: CommentAccess): boolean {
  return comment.status === "DELETED" || (comment.status === "HIDDEN" && !canSeeComment(viewer, comment));
}

/** Prisma filter for assembling threads: what the viewer sees, plus placeholder
 *  candidates (deleted and hidden comments; pruneTombstones drops those with nothing
 *  visible below them). */
export function threadCommentWhere(viewer: Viewer): Prisma.CommentWhereInput {
  return { OR: [visibleCommentWhere(viewer), { status: { in: PLACEHOLDER_STATUSES } }] };
}

/** SQL twin of threadCommentWhere. */
export function threadCommentSql(viewer: Viewer, alias: string): Prisma.Sql {
  return Prisma.sql`(${visibleCommentSql(viewer, alias)} OR ${Prisma.raw(`"${alias}"`)}."status" IN ('DELETED', 'HIDDEN'))`;
}

/** SQL: a thread root (the "Comment" row `alias`) this viewer is shown — one they see, or
 *  a tombstone while some reply in its thread is visible to them. Lists of threads, the
 *  highlights and "mark read" all choose roots with it, so none of them tells a viewer
 *  about a deleted thread with nothing left to show. */
export function shownRootSql(viewer: Viewer, alias: string): Prisma.Sql {
  const a = Prisma.raw(`"${alias}"`);
  const reply = `${alias}_reply`;
  const r = Prisma.raw(`"${reply}"`);
  return Prisma.sql`(${visibleCommentSql(viewer, alias)} OR (${a}."status" IN ('DELETED', 'HIDDEN') AND EXISTS (
    SELECT 1 FROM "Comment" ${r} WHERE ${r}."rootId" = ${a}."id" AND ${visibleCommentSql(viewer, reply)})))`;
}

/**
 * Drop tombstones that have no visible comment below them (within `comments`, a set of
 * comments of the same threads, parents before children in any order). Linear; no
 * recursion (reply chains can be thousands deep).
 */
export function pruneTombstones<T extends { id: string; parentId: string | null; status: CommentStatus }>(comments: T[]): T[] {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const keep = new Set<string>();
  for (const c of comments) {
    if (isTombstone(c)) continue;
    // Mark this comment and every ancestor; stop at the first already kept.
    let at: T | undefined = c;
    while (at && !keep.has(at.id)) {
      keep.add(at.id);
      at = at.parentId ? byId.get(at.parentId) : undefined;
    }
  }
  return comments.filter((c) => keep.has(c.id));
}
