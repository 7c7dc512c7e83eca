import "server-only";
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { pruneTombstones, shownRootSql, threadCommentSql, visibleCommentSql, type Viewer } from "@/lib/comments/visibility";
import { viewColumnsSql, viewComments, viewRows, type ViewRow } from "@/lib/comments/view-comments";
import { isPlaceholderView, type CommentView, type ThreadSort, type ThreadView } from "@/lib/comments/comment-view";

/** Every list is bounded: a page holds at most THREADS_PER_PAGE threads with their first
 *  INITIAL_REPLIES replies each; "Show more replies" pages by MORE_REPLIES. */
export const THREADS_PER_PAGE = 25;
export const INITIAL_REPLIES = 10;
export const MORE_REPLIES = 50;
/** The most replies a deep link loads up to its target. */
export const THROUGH_LIMIT = 500;
/** Pinned threads shown first in a paragraph (lib/moderation). */
export const PINNED_LIMIT = 25;

/** Where threads live: a paragraph, or a reading's Detached threads. */
export type ThreadScope = { blockId: string; readingId: string } | { readingId: string; detached: true };

// Keyset cursors: the sort key of the last item, opaque (base64url JSON) to the browser.
// Each key is bounded to what its column holds, so a forged cursor is a 422, never a
// query PostgreSQL refuses: offsets are int4 (-1 stands for a whole-paragraph thread),
// times fall in years 1970–9999, ids are ids.
const offsetKey = z.number().int().min(-1).max(2 ** 31 - 1);
const timeKey = z.iso.datetime().refine((t) => {
  const year = new Date(t).getUTCFullYear();
  return year >= 1970 && year <= 9999;
});
const idKey = z.string().max(64).regex(/^[\w-]*$/);
const rootCursor = z.discriminatedUnion("s", [
  z.object({ s: z.literal("text"), k: offsetKey, t: timeKey, id: idKey }),
  z.object({ s: z.literal("activity"), k: timeKey, t: timeKey, id: idKey }),
]);
const replyCursor = z.object({ t: timeKey, id: idKey });
const encodeReplyCursor = (after: CommentView) => encode({ t: after.createdAt, id: after.id });

function encode(value: object) {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}
function decode<T>(schema: z.ZodType<T>, cursor: string): T {
  try {
    if (cursor.length > 400) throw new Error("long");
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  throw new AppError("INVALID_INPUT", "This page link is not valid any more. Reload the discussion.");
}

function scopeSql(scope: ThreadScope) {
  return "blockId" in scope
    ? Prisma.sql`c."blockId" = ${scope.blockId} AND c."readingId" = ${scope.readingId}`
    : Prisma.sql`c."readingId" = ${scope.readingId} AND c."blockId" IS NULL`;
}

type RootRow = { id: string; k_offset: number; k_time: Date };

/** One page of thread roots, in the chosen order. A deleted root is a candidate only
 *  while some reply in its thread is visible to the viewer. */
async function pageOfRoots(viewer: Viewer, scope: ThreadScope, sort: ThreadSort, cursor: string | null, limit: number) {
  const after = cursor ? decode(rootCursor, cursor) : null;
  if (after && after.s !== sort) throw new AppError("INVALID_INPUT", "This page link belongs to another sort order. Reload the discussion.");
  const visibleOrTombstone = shownRootSql(viewer, "c");
  let keyset = Prisma.empty;
  let order: Prisma.Sql;
  if (sort === "text") {
    if (after?.s === "text") keyset = Prisma.sql`AND (COALESCE(c."startOffset", -1), c."createdAt", c."id") > (${after.k}, ${new Date(after.t)}, ${after.id})`;
    order = Prisma.sql`ORDER BY COALESCE(c."startOffset", -1), c."createdAt", c."id"`;
  } else {
    if (after?.s === "activity") keyset = Prisma.sql`AND (c."activityAt", c."id") < (${new Date(after.k)}, ${after.id})`;
    order = Prisma.sql`ORDER BY c."activityAt" DESC, c."id" DESC`;
  }
  // Threads staff pinned come first, on the first page (newest pin first), outside the
  // keyset; one statement for both (`grp` 0: pinned, 1: the page, each in its own order).
  const pinned = after
    ? Prisma.empty
    : Prisma.sql`(SELECT c."id", COALESCE(c."startOffset", -1) AS k_offset, c."createdAt" AS k_time, c."activityAt" AS k_activity, 0 AS grp,
                         row_number() OVER (ORDER BY c."pinnedAt" DESC, c."id") AS pos
      FROM "Comment" c
      WHERE ${scopeSql(scope)} AND c."parentId" IS NULL AND c."pinnedAt" IS NOT NULL AND ${visibleOrTombstone}
      ORDER BY c."pinnedAt" DESC, c."id"
      LIMIT ${PINNED_LIMIT}) UNION ALL`;
  const all = await db.$queryRaw<(RootRow & { k_activity: Date; grp: number })[]>`
    SELECT x."id", x.k_offset, x.k_time, x.k_activity, x.grp FROM (
    ${pinned}
    (SELECT c."id", COALESCE(c."startOffset", -1) AS k_offset, c."createdAt" AS k_time, c."activityAt" AS k_activity, 1 AS grp,
            row_number() OVER (${order}) AS pos
    FROM "Comment" c
    WHERE ${scopeSql(scope)} AND c."parentId" IS NULL AND c."pinnedAt" IS NULL AND ${visibleOrTombstone} ${keyset}
    ${order}
    LIMIT ${limit + 1})) x
    ORDER BY x.grp, x.pos`;
  const pinnedRows = all.filter((r) => r.grp === 0);
  const rows = all.filter((r) => r.grp !== 0);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > limit && last
      ? encode(sort === "text" ? { s: sort, k: Number(last.k_offset), t: last.k_time.toISOString(), id: last.id } : { s: sort, k: last.k_activity.toISOString(), t: last.k_time.toISOString(), id: last.id })
      : null;
  return { ids: [...pinnedRows.map((r) => r.id), ...page.map((r) => r.id)], nextCursor };
}

type PageRow = ViewRow & { n: bigint; threadRows: bigint; visibleTotal: bigint };

/**
 * The comments of a page of threads, in one statement: the roots and the first `limit`
 * replies of each (oldest first), each with its view columns, and per thread how many
 * comments it holds for the viewer (`threadRows`, tombstone candidates included: more
 * than `limit` means "Show more replies") and how many of them the viewer sees.
 */
async function pageComments(viewer: Viewer, courseId: string, rootIds: string[], limit: number, unread: boolean) {
  if (rootIds.length === 0) return [];
  return db.$queryRaw<PageRow[]>`
    WITH reply AS (
      SELECT c."id",
        row_number() OVER (PARTITION BY c."rootId" ORDER BY c."createdAt", c."id") AS n,
        count(*) OVER (PARTITION BY c."rootId") AS "threadRows",
        count(*) FILTER (WHERE ${visibleCommentSql(viewer, "c")}) OVER (PARTITION BY c."rootId") AS "visibleTotal"
      FROM "Comment" c
      WHERE c."rootId" = ANY(${rootIds}::text[]) AND ${threadCommentSql(viewer, "c")}
    ), shown AS (
      SELECT "id", n, "threadRows", "visibleTotal" FROM reply WHERE n <= ${limit}
      UNION ALL
      SELECT r, 0, 0, 0 FROM unnest(${rootIds}::text[]) AS r
    )
    SELECT ${viewColumnsSql(viewer, courseId, unread)}, s.n, s."threadRows", s."visibleTotal"
    FROM shown s JOIN "Comment" c ON c."id" = s."id" JOIN "User" u ON u."id" = c."authorId"
    WHERE c."courseId" = ${courseId}
    ORDER BY c."rootId" NULLS FIRST, s.n`;
}

/** A page of threads for a viewer: roots in `sort` order, each with its first replies. */
export async function loadThreadPage(options: { viewer: Viewer; courseId: string; scope: ThreadScope; sort: ThreadSort; cursor: string | null; limit?: number; unread?: boolean }) {
  const { ids: rootIds, nextCursor } = await pageOfRoots(options.viewer, options.scope, options.sort, options.cursor, options.limit ?? THREADS_PER_PAGE);
  const rows = await pageComments(options.viewer, options.courseId, rootIds, INITIAL_REPLIES, options.unread === true);
  const counts = new Map<string, number>();
  const lastReply = new Map<string, CommentView>();
  const replyIds: string[] = [];
  const hasMore = new Set<string>();
  for (const r of rows) {
    if (r.rootId === null) continue;
    counts.set(r.rootId, Number(r.visibleTotal));
    if (Number(r.threadRows) > INITIAL_REPLIES) hasMore.add(r.rootId);
    replyIds.push(r.id);
  }
  const views = await viewRows({ viewer: options.viewer, courseId: options.courseId, rows, ids: [...rootIds, ...replyIds], unread: options.unread === true });
  for (const v of views) {
    if (v.rootId && hasMore.has(v.rootId)) lastReply.set(v.rootId, v);
  }
  const threads = buildThreads(rootIds, views, counts, hasMore, lastReply);
  return { threads, nextCursor };
}

/** Ids of the views that stay: everything but tombstones with nothing visible below. */
function keptIds(views: CommentView[]) {
  const shaped = views.map((v) => ({ id: v.id, parentId: v.parentId, status: isPlaceholderView(v) ? ("DELETED" as const) : ("VISIBLE" as const) }));
  return new Set(pruneTombstones(shaped).map((v) => v.id));
}

/** Threads in root order; tombstones without visible replies dropped (linear). */
function buildThreads(rootIds: string[], views: CommentView[], counts: Map<string, number>, hasMore: Set<string>, lastReply: Map<string, CommentView>): ThreadView[] {
  const kept = keptIds(views);
  const roots = new Map<string, CommentView>();
  const byRoot = new Map<string, CommentView[]>();
  for (const v of views) {
    // A root tombstone stays while its thread has visible replies, loaded or not.
    if (!kept.has(v.id) && !(v.rootId === null && (counts.get(v.id) ?? 0) > 0)) continue;
    if (v.rootId === null) roots.set(v.id, v);
    else {
      const list = byRoot.get(v.rootId);
      if (list) list.push(v);
      else byRoot.set(v.rootId, [v]);
    }
  }
  const threads: ThreadView[] = [];
  for (const id of rootIds) {
    const root = roots.get(id);
    if (!root) continue;
    const last = lastReply.get(id);
    threads.push({ root, replies: byRoot.get(id) ?? [], replyCount: counts.get(id) ?? 0, moreReplies: hasMore.has(id) && last ? encodeReplyCursor(last) : null });
  }
  return threads;
}

/** The next replies of one thread after a cursor (oldest first). */
export async function loadMoreReplies(options: { viewer: Viewer; courseId: string; rootId: string; cursor: string; limit?: number; unread?: boolean }) {
  const after = decode(replyCursor, options.cursor);
  const limit = options.limit ?? MORE_REPLIES;
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT c."id" FROM "Comment" c
    WHERE c."rootId" = ${options.rootId} AND ${threadCommentSql(options.viewer, "c")}
      AND (c."createdAt", c."id") > (${new Date(after.t)}, ${after.id})
    ORDER BY c."createdAt", c."id"
    LIMIT ${limit + 1}`;
  const ids = rows.slice(0, limit).map((r) => r.id);
  const views = await viewComments({ viewer: options.viewer, courseId: options.courseId, ids, unread: options.unread });
  const kept = keptIds(views);
  const last = views[views.length - 1];
  return {
    // A tombstone whose replies are on a later page keeps its place (they may be visible).
    replies: views.filter((v) => kept.has(v.id) || rows.length > limit),
    moreReplies: rows.length > limit && last ? encodeReplyCursor(last) : null,
  };
}

/** A thread with its replies up to and including `targetId` (a deep link's comment),
 *  oldest first, at most THROUGH_LIMIT of them, and a cursor for the ones after. */
export async function loadThreadThrough(options: { viewer: Viewer; courseId: string; rootId: string; targetId: string }): Promise<ThreadView | null> {
  const { viewer, rootId } = options;
  // The THROUGH_LIMIT replies ending at the target (in a longer thread the earliest are
  // left out; their replies show "replying to an earlier comment").
  const rows = (
    await db.$queryRaw<{ id: string }[]>`
      SELECT c."id" FROM "Comment" c, "Comment" t
      WHERE t."id" = ${options.targetId} AND c."rootId" = ${rootId} AND ${threadCommentSql(viewer, "c")}
        AND (c."createdAt", c."id") <= (t."createdAt", t."id")
      ORDER BY c."createdAt" DESC, c."id" DESC
      LIMIT ${THROUGH_LIMIT}`
  ).reverse();
  const lastId = rows[rows.length - 1]?.id ?? rootId;
  const [counts] = await db.$queryRaw<{ total: bigint; later: bigint }[]>`
    SELECT count(*) FILTER (WHERE ${visibleCommentSql(viewer, "c")}) AS total,
           count(*) FILTER (WHERE (c."createdAt", c."id") > (l."createdAt", l."id")) AS later
    FROM "Comment" c, "Comment" l
    WHERE l."id" = ${lastId} AND c."rootId" = ${rootId} AND ${threadCommentSql(viewer, "c")}`;
  const views = await viewComments({ viewer, courseId: options.courseId, ids: [rootId, ...rows.map((r) => r.id)], unread: true });
  const more = Number(counts?.later ?? 0) > 0;
  const kept = keptIds(views);
  const root = views.find((v) => v.id === rootId);
  if (!root) return null;
  // With more to load, a tombstone keeps its place (its visible replies may come later).
  const replies = views.filter((v) => v.id !== rootId && (more || kept.has(v.id)));
  const last = replies[replies.length - 1];
  return { root, replies, replyCount: Number(counts?.total ?? 0), moreReplies: more && last ? encodeReplyCursor(last) : null };
}
