import "server-only";
import { db } from "@/lib/db";
import { isStaffRole } from "@/lib/auth/membership";
import { plainTextHtml } from "@/lib/comments/markdown";
import { canSeeComment, isPlaceholderFor, type Viewer } from "@/lib/comments/visibility";
import type { CommentBadge, CommentView } from "@/lib/comments/comment-view";
import { isMaskedFor, loadClassmateNames } from "@/lib/comments/anonymity";
import { resolveMentionsInViews } from "@/lib/comments/resolve-mentions";

/** How many names "who found this helpful" lists (the count is always exact). */
export const HELPFUL_NAMES = 12;

const select = (courseId: string) =>
  ({
    id: true,
    readingId: true,
    blockId: true,
    parentId: true,
    rootId: true,
    authorId: true,
    status: true,
    visibility: true,
    body: true,
    bodyHtml: true,
    quote: true,
    startOffset: true,
    endOffset: true,
    createdAt: true,
    editedAt: true,
    deletedAt: true,
    hiddenReason: true,
    pinnedAt: true,
    endorsedAt: true,
    lockedAt: true,
    anonymous: true,
    threadAuthorId: true,
    author: { select: { id: true, name: true, memberships: { where: { courseId }, select: { role: true }, take: 1 } } },
    reactions: { where: { kind: "HELPFUL" }, orderBy: { createdAt: "asc" }, take: HELPFUL_NAMES, select: { user: { select: { name: true } } } },
    _count: { select: { reactions: { where: { kind: "HELPFUL" } } } },
  }) as const;

type Row = Awaited<ReturnType<typeof loadRows>>[number];

function loadRows(courseId: string, ids: string[]) {
  return db.comment.findMany({ where: { id: { in: ids }, courseId }, select: select(courseId) });
}

interface Context {
  viewer: Viewer;
  helpfulMine: Set<string>;
  readAt: Map<string, Date> | null;
  /** Thread roots (of the comments viewed) that are locked: no new replies. */
  lockedRoots: Set<string>;
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
  const role = masked ? null : (row.author.memberships[0]?.role ?? null);
  const badges: CommentBadge[] = [];
  const rb = tombstone ? null : roleBadge(role);
  if (rb) badges.push(rb);
  const pb = tombstone ? null : privacyBadge(row, masked);
  if (pb) badges.push(pb);
  const locked = ctx.lockedRoots.has(row.rootId ?? row.id);
  const mod = tombstone ? null : moderationView(row, ctx, staff, locked);
  if (mod) badges.push(...mod.badges);
  const readAt = ctx.readAt?.get(row.rootId ?? row.id);
  const isNew = !!ctx.readAt && !isMine && !tombstone && (readAt === undefined || row.createdAt > readAt);
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
    author: tombstone ? null : masked ? classmateAuthor(row, ctx) : { id: row.author.id, name: row.author.name, role },
    isMine: visible && isMine,
    isNew,
    helpful: tombstone
      ? { count: 0, mine: false, names: [] }
      : { count: row._count.reactions, mine: ctx.helpfulMine.has(row.id), names: row.reactions.map((r) => r.user.name) },
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
  const [rows, mine] = await Promise.all([
    loadRows(options.courseId, options.ids),
    db.reaction.findMany({ where: { userId: options.viewer.userId, kind: "HELPFUL", commentId: { in: options.ids } }, select: { commentId: true } }),
  ]);
  let readAt: Map<string, Date> | null = null;
  if (options.unread) {
    // A comment is new when written after its thread (root) was last opened.
    const roots = [...new Set(rows.map((r) => r.rootId ?? r.id))];
    const reads = await db.threadRead.findMany({ where: { userId: options.viewer.userId, rootId: { in: roots } }, select: { rootId: true, readAt: true } });
    readAt = new Map(reads.map((r) => [r.rootId, r.readAt]));
  }
  const masked = rows.filter((r) => isMaskedFor(options.viewer, r));
  const classmates = await loadClassmateNames([...new Set(masked.map((r) => r.rootId ?? r.id))]);
  const ctx: Context = { viewer: options.viewer, helpfulMine: new Set(mine.map((m) => m.commentId)), readAt, lockedRoots: await lockedRoots(rows), classmates };
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
  row: Pick<Row, "id" | "readingId" | "blockId" | "parentId" | "rootId" | "authorId" | "status" | "visibility" | "body" | "bodyHtml" | "quote" | "startOffset" | "endOffset" | "createdAt" | "anonymous" | "threadAuthorId">;
}): Promise<CommentView> {
  const { viewer } = options;
  const row: Row = {
    ...options.row,
    editedAt: null,
    deletedAt: null,
    hiddenReason: null,
    pinnedAt: null,
    endorsedAt: null,
    lockedAt: null,
    author: { id: options.author.id, name: options.author.name, memberships: viewer.role ? [{ role: viewer.role }] : [] },
    reactions: [],
    _count: { reactions: 0 },
  };
  const mine = row.authorId === viewer.userId;
  if (!mine || isMaskedFor(viewer, row) || isPlaceholderFor(viewer, row) || !canSeeComment(viewer, row)) {
    const [view] = await viewComments({ viewer, courseId: options.courseId, ids: [row.id] });
    if (!view) throw new Error("viewNewComment: the author cannot see the comment they wrote");
    return view;
  }
  const ctx: Context = { viewer, helpfulMine: new Set(), readAt: null, lockedRoots: new Set(), classmates: new Map() };
  const [view] = await resolveMentionsInViews(options.courseId, [toView(row, ctx)]);
  return view!;
}

/** Which of these comments' threads are locked (the lock is on the root). */
async function lockedRoots(rows: Row[]): Promise<Set<string>> {
  const locked = new Set(rows.filter((r) => r.parentId === null && r.lockedAt !== null).map((r) => r.id));
  const loaded = new Set(rows.map((r) => r.id));
  const missing = [...new Set(rows.map((r) => r.rootId).filter((id): id is string => id !== null && !loaded.has(id)))];
  if (missing.length > 0) {
    const roots = await db.comment.findMany({ where: { id: { in: missing }, lockedAt: { not: null } }, select: { id: true } });
    for (const r of roots) locked.add(r.id);
  }
  return locked;
}
