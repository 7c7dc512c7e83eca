import "server-only";
import { Prisma, type CommentStatus, type Role, type Visibility } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { isStaffRole } from "@/lib/auth/membership";
import { plainTextHtml } from "@/lib/comments/markdown";
import { canSeeComment, isPlaceholderFor, type Viewer } from "@/lib/comments/visibility";
import type { CommentBadge, CommentView } from "@/lib/comments/comment-view";
import { isMaskedFor, loadClassmateNames } from "@/lib/comments/anonymity";
import { resolveMentionsInViews } from "@/lib/comments/resolve-mentions";

/** How many names "who found this helpful" lists (the count is always exact). */
export const HELPFUL_NAMES = 12;

/**
 * A comment as a view is built from it: its columns, its author's name and role in the
 * course, the Helpful count and first names, and for this viewer whether they marked it
 * Helpful, when they last opened its thread and whether its thread is locked. One SQL
 * statement for any number of comments (it was five: the comment with its relations, the
 * viewer's reactions, their reads, the locked roots — and Prisma's JSON aggregation of the
 * relations cost more CPU than the rows themselves).
 */
export interface ViewRow {
  id: string;
  readingId: string;
  blockId: string | null;
  parentId: string | null;
  rootId: string | null;
  authorId: string;
  status: CommentStatus;
  visibility: Visibility;
  body: string;
  bodyHtml: string | null;
  quote: string | null;
  startOffset: number | null;
  endOffset: number | null;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  hiddenReason: string | null;
  pinnedAt: Date | null;
  endorsedAt: Date | null;
  lockedAt: Date | null;
  anonymous: boolean;
  threadAuthorId: string | null;
  authorName: string;
  authorRole: Role | null;
  helpfulCount: number;
  helpfulNames: string[];
  helpfulMine: boolean;
  /** When the viewer last opened this comment's thread (null: never, or not asked). */
  readAt: Date | null;
  threadLocked: boolean;
}

/**
 * The columns of a ViewRow for the "Comment" row `c` (joined to its author `u`), for
 * `viewer` in `courseId`. `unread`: also when the viewer last opened each thread.
 */
export function viewColumnsSql(viewer: Viewer, courseId: string, unread: boolean): Prisma.Sql {
  const readAt = unread
    ? Prisma.sql`(SELECT tr."readAt" FROM "ThreadRead" tr WHERE tr."userId" = ${viewer.userId} AND tr."rootId" = COALESCE(c."rootId", c."id"))`
    : Prisma.sql`NULL::timestamp`;
  return Prisma.sql`c."id", c."readingId", c."blockId", c."parentId", c."rootId", c."authorId", c."status"::text AS "status",
    c."visibility"::text AS "visibility", c."body", c."bodyHtml", c."quote", c."startOffset", c."endOffset", c."createdAt",
    c."editedAt", c."deletedAt", c."hiddenReason", c."pinnedAt", c."endorsedAt", c."lockedAt", c."anonymous", c."threadAuthorId",
    u."name" AS "authorName",
    (SELECT m."role"::text FROM "Membership" m WHERE m."userId" = c."authorId" AND m."courseId" = ${courseId}) AS "authorRole",
    (SELECT count(*)::int FROM "Reaction" r WHERE r."commentId" = c."id" AND r."kind" = 'HELPFUL') AS "helpfulCount",
    ARRAY(SELECT ru."name" FROM "Reaction" r JOIN "User" ru ON ru."id" = r."userId"
          WHERE r."commentId" = c."id" AND r."kind" = 'HELPFUL' ORDER BY r."createdAt", r."id" LIMIT ${HELPFUL_NAMES}) AS "helpfulNames",
    EXISTS (SELECT 1 FROM "Reaction" r WHERE r."commentId" = c."id" AND r."userId" = ${viewer.userId} AND r."kind" = 'HELPFUL') AS "helpfulMine",
    ${readAt} AS "readAt",
    (CASE WHEN c."rootId" IS NULL THEN c."lockedAt" IS NOT NULL
          ELSE EXISTS (SELECT 1 FROM "Comment" lr WHERE lr."id" = c."rootId" AND lr."lockedAt" IS NOT NULL) END) AS "threadLocked"`;
}

function loadRows(viewer: Viewer, courseId: string, ids: string[], unread: boolean) {
  return db.$queryRaw<ViewRow[]>`
    SELECT ${viewColumnsSql(viewer, courseId, unread)}
    FROM "Comment" c JOIN "User" u ON u."id" = c."authorId"
    WHERE c."id" = ANY(${ids}::text[]) AND c."courseId" = ${courseId}`;
}

type Row = ViewRow;

interface Context {
  viewer: Viewer;
  /** Whether to flag comments new since the viewer last opened their thread. */
  unread: boolean;
  /** Pseudonyms of anonymous authors, per thread (lib/comments/anonymity.ts). */
  classmates: Map<string, string>;
}

const roleBadge = (role: string | null | undefined): CommentBadge | null =>
  role === "INSTRUCTOR" ? { id: "role", label: "Instructor", tone: "accent" } : role === "TA" ? { id: "role", label: "TA", tone: "accent" } : null;

/** Visibility and anonymity as the viewer is told: "Private note" (the author's alone),
 *  "Instructors only", and to its author and the staff "Anonymous to classmates". */
function privacyBadge(row: Row, masked: boolean): CommentBadge | null {
  if (row.visibility === "PRIVATE") return { id: "private", label: "Private note", tone: "warning", title: "Only you can see this note" };
  if (row.visibility === "INSTRUCTORS") return { id: "instructors", label: "Instructors only", tone: "muted", title: "Only its author and the course staff see it" };
  if (row.anonymous && !masked) return { id: "anonymous", label: "Anonymous to classmates", tone: "muted", title: "Classmates see a pseudonym; the course staff see the name" };
  return null;
}

/** What a classmate sees of an anonymous author: a pseudonym, never the name or id. */
function classmateAuthor(row: Row, ctx: Context): NonNullable<CommentView["author"]> {
  const root = row.rootId ?? row.id;
  const name = ctx.classmates.get(`${root} ${row.authorId}`) ?? "Classmate";
  return { id: `anonymous:${root}:${name.slice("Classmate ".length)}`, name, role: null };
}

/** Moderation's badges and notice (lib/moderation): what the viewer is told. */
function moderationView(row: Row, ctx: Context, staff: boolean, locked: boolean) {
  const badges: CommentBadge[] = [];
  if (row.parentId === null && row.pinnedAt) badges.push({ id: "pinned", label: "Pinned", tone: "accent", title: "Pinned by an instructor: shown first in this paragraph" });
  if (row.endorsedAt) badges.push({ id: "endorsed", label: "Endorsed by an instructor", tone: "accent" });
  if (row.parentId === null && locked) badges.push({ id: "locked", label: "Locked", tone: "muted", title: "No new replies" });
  let notice: string | null = null;
  if (row.status === "HIDDEN") {
    badges.push({ id: "hidden", label: "Hidden", tone: "warning", title: "Only its author and the course staff see it" });
    notice = `Hidden by an instructor${row.hiddenReason ? `: ${row.hiddenReason}` : "."}${staff ? "" : " Only you and the course staff can see it."}`;
  }
  if (row.status === "PENDING") {
    // Pre-moderation (lib/moderation/posting-policy.ts): only its author and staff see it.
    badges.push({ id: "pending", label: "Waiting for approval", tone: "warning", title: "Only its author and the course staff see it until staff approve it" });
    notice = staff ? "Waiting for approval: approve it from the Moderation queue's Pending tab." : "Waiting for approval: only you and the course staff can see it until an instructor or TA approves it.";
  }
  return { badges, notice, moderation: { pinned: row.pinnedAt !== null, endorsed: row.endorsedAt !== null, locked } };
}

function toView(row: Row, ctx: Context): CommentView {
  // Deleted comments are placeholders for everyone; hidden ones for all but their author and staff.
  const tombstone = isPlaceholderFor(ctx.viewer, row);
  const withheld = tombstone && row.status === "HIDDEN";
  const isMine = row.authorId === ctx.viewer.userId;
  const staff = isStaffRole(ctx.viewer.role);
  const masked = isMaskedFor(ctx.viewer, row);
  const role = masked ? null : row.authorRole;
  const badges: CommentBadge[] = [];
  const rb = tombstone ? null : roleBadge(role);
  if (rb) badges.push(rb);
  const pb = tombstone ? null : privacyBadge(row, masked);
  if (pb) badges.push(pb);
  const locked = row.threadLocked;
  const mod = tombstone ? null : moderationView(row, ctx, staff, locked);
  if (mod) badges.push(...mod.badges);
  const isNew = ctx.unread && !isMine && !tombstone && (row.readAt === null || row.createdAt > row.readAt);
  const visible = !tombstone;
  return {
    id: row.id,
    readingId: row.readingId,
    blockId: row.blockId,
    parentId: row.parentId,
    rootId: row.rootId,
    state: withheld ? "withheld" : tombstone ? "deleted" : row.status === "HIDDEN" ? "hidden" : "visible",
    html: tombstone ? null : (row.bodyHtml ?? plainTextHtml(row.body)),
    source: visible && isMine ? row.body : null,
    passage: row.parentId === null && row.quote ? { quote: row.quote, start: row.startOffset, end: row.endOffset } : null,
    createdAt: row.createdAt.toISOString(),
    editedAt: tombstone ? null : (row.editedAt?.toISOString() ?? null),
    author: tombstone ? null : masked ? classmateAuthor(row, ctx) : { id: row.authorId, name: row.authorName, role },
    isMine: visible && isMine,
    isNew,
    helpful: tombstone
      ? { count: 0, mine: false, names: [] }
      : { count: row.helpfulCount, mine: row.helpfulMine, names: row.helpfulNames },
    badges,
    can: {
      reply: visible && row.blockId !== null && row.status === "VISIBLE" && !locked,
      edit: visible && isMine,
      delete: visible && isMine,
      react: visible && !isMine && row.status === "VISIBLE",
      history: staff && (row.editedAt !== null || tombstone),
      moderate: visible && staff,
      report: visible && !isMine && !staff && row.status === "VISIBLE",
    },
    notice: mod?.notice ?? null,
    moderation: mod?.moderation,
  };
}

/**
 * Comment views for one viewer, in the order of `ids`. Only comments the viewer may see,
 * or tombstones (deleted: shown without text or author), are returned — callers have
 * already chosen the ids through the visibility filter; this checks again in memory so no
 * path can leak. `unread` adds the isNew flags (one more query).
 */
export async function viewComments(options: { viewer: Viewer; courseId: string; ids: string[]; unread?: boolean }): Promise<CommentView[]> {
  if (options.ids.length === 0) return [];
  const rows = await loadRows(options.viewer, options.courseId, options.ids, options.unread === true);
  return viewRows({ viewer: options.viewer, courseId: options.courseId, rows, ids: options.ids, unread: options.unread === true });
}

/** Comment views from rows already loaded with `viewColumnsSql` (e.g. in the same statement
 *  as a page of threads), in the order of `ids`; the same checks as viewComments. */
export async function viewRows(options: { viewer: Viewer; courseId: string; rows: ViewRow[]; ids: string[]; unread: boolean }): Promise<CommentView[]> {
  const { rows } = options;
  const masked = rows.filter((r) => isMaskedFor(options.viewer, r));
  const classmates = await loadClassmateNames([...new Set(masked.map((r) => r.rootId ?? r.id))]);
  const ctx: Context = { viewer: options.viewer, unread: options.unread, classmates };
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: CommentView[] = [];
  for (const id of options.ids) {
    const row = byId.get(id);
    if (!row) continue;
    if (!isPlaceholderFor(options.viewer, row) && !canSeeComment(options.viewer, row)) continue;
    out.push(toView(row, ctx));
  }
  return resolveMentionsInViews(options.courseId, out);
}

/**
 * The author's view of a comment they have just written, built from what the write already
 * holds instead of reading it back: no reactions, not edited, moderation untouched, the
 * author's role in the course. The same checks and the same toView as viewComments (a
 * test compares the two); anything this shortcut does not cover — a comment its author
 * would not see whole, or one masked for them — is read back through viewComments.
 */
export async function viewNewComment(options: {
  viewer: Viewer;
  courseId: string;
  author: { id: string; name: string };
  row: Pick<ViewRow, "id" | "readingId" | "blockId" | "parentId" | "rootId" | "authorId" | "status" | "visibility" | "body" | "bodyHtml" | "quote" | "startOffset" | "endOffset" | "createdAt" | "anonymous" | "threadAuthorId">;
}): Promise<CommentView> {
  const { viewer } = options;
  // A new comment: nobody has marked it yet, and its thread is open (a post to a locked thread is refused).
  const row: ViewRow = {
    ...options.row,
    editedAt: null,
    deletedAt: null,
    hiddenReason: null,
    pinnedAt: null,
    endorsedAt: null,
    lockedAt: null,
    authorName: options.author.name,
    authorRole: viewer.role ?? null,
    helpfulCount: 0,
    helpfulNames: [],
    helpfulMine: false,
    readAt: null,
    threadLocked: false,
  };
  const mine = row.authorId === viewer.userId;
  if (!mine || isMaskedFor(viewer, row) || isPlaceholderFor(viewer, row) || !canSeeComment(viewer, row)) {
    const [view] = await viewComments({ viewer, courseId: options.courseId, ids: [row.id] });
    if (!view) throw new Error("viewNewComment: the author cannot see the comment they wrote");
    return view;
  }
  const ctx: Context = { viewer, unread: false, classmates: new Map() };
  const [view] = await resolveMentionsInViews(options.courseId, [toView(row, ctx)]);
  return view!;
}
