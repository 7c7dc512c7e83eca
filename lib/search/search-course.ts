import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { requireCourseRole } from "@/lib/auth/guard";
import { isStaffRole } from "@/lib/auth/membership";
import { visibleReadingWhere } from "@/lib/readings/schedule";
import { visibleCommentSql, type Viewer } from "@/lib/comments/visibility";
import { viewComments } from "@/lib/comments/view-comments";
import type { CommentBadge } from "@/lib/comments/comment-view";
import { SEARCH_MAX, type SearchParams } from "@/lib/validations/search";
import { HEADLINE_OPTIONS, MARK_END, MARK_START, snippetParts, WHOLE_HEADLINE_OPTIONS, WHOLE_TEXT_MAX, type SnippetPart } from "@/lib/search/snippet";

/** Results per kind (passages of the readings, comments): the best matches. */
export const SEARCH_LIMIT = 20;

export interface CommentHit {
  id: string;
  href: string;
  readingTitle: string;
  paragraph: number | null;
  isReply: boolean;
  author: string;
  badges: CommentBadge[];
  createdAt: string;
  snippet: SnippetPart[];
}

export interface PassageHit {
  id: string;
  href: string;
  readingTitle: string;
  paragraph: number;
  snippet: SnippetPart[];
}

export interface SearchResult {
  /** "empty": nothing asked yet; "too-long": refused with `message`; "done": searched. */
  status: "empty" | "too-long" | "done";
  message: string | null;
  query: string;
  passages: PassageHit[];
  comments: CommentHit[];
  /** More matches than shown (of either kind), on the next page. */
  more: boolean;
  /** The page shown (1-based; SEARCH_LIMIT of each kind a page). */
  page: number;
  /** For the filters: the readings this member can open, and the course's people. */
  readings: { slug: string; title: string }[];
  people: { id: string; name: string }[];
}

/**
 * Search a course: the readings' text (paragraphs) and the discussion, by PostgreSQL full-
 * text search over generated tsvector columns (English stemming: "lamps" finds "lamp"),
 * ranked, with highlighted snippets. Only what the searcher may see: their course (the
 * one membership guard), the readings the schedule lets them open, and comments through
 * the one visibility rule (lib/comments/visibility.ts); authors of anonymous comments
 * are never matched by the author filter for classmates, and show as pseudonyms
 * (lib/comments/view-comments.ts). Any query text is safe: websearch_to_tsquery accepts
 * every string (quotes, -, or), a query of stop words matches nothing.
 */
export async function searchCourse(options: { userId: string; courseSlug: string; params: SearchParams; limit?: number }): Promise<SearchResult> {
  const { course, role } = await requireCourseRole(options.userId, options.courseSlug, undefined, { allowArchived: true });
  const viewer: Viewer = { userId: options.userId, role };
  const limit = options.limit ?? SEARCH_LIMIT;
  const { q, show } = options.params;
  const page = options.params.page ?? 1;
  const offset = (page - 1) * limit;
  const [readings, members] = await Promise.all([
    db.reading.findMany({ where: { courseId: course.id, ...visibleReadingWhere(options.userId) }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, slug: true, title: true } }),
    db.membership.findMany({ where: { courseId: course.id }, orderBy: { user: { name: "asc" } }, select: { user: { select: { id: true, name: true } } } }),
  ]);
  const base: SearchResult = {
    status: "empty",
    message: null,
    query: q,
    passages: [],
    comments: [],
    more: false,
    page,
    readings: readings.map((r) => ({ slug: r.slug, title: r.title })),
    people: members.map((m) => m.user),
  };
  if (!q) return base;
  if (q.length > SEARCH_MAX) {
    return { ...base, status: "too-long", message: `Search for at most ${SEARCH_MAX} characters (this search has ${q.length.toLocaleString("en")}): a few words or a "quoted phrase".` };
  }
  const scope = options.params.reading ? readings.filter((r) => r.slug === options.params.reading) : readings;
  if (scope.length === 0) return { ...base, status: "done" };
  const byId = new Map(readings.map((r) => [r.id, r]));
  const readingIds = Prisma.join(scope.map((r) => r.id));
  const author = options.params.author;
  const mine = options.params.mine === true;
  const commentOnly = Boolean(author) || mine || show !== "all";

  // Comment filters. The author filter never matches a classmate's anonymous comments.
  const filters: Prisma.Sql[] = [];
  if (author) {
    filters.push(Prisma.sql`c."authorId" = ${author}`);
    if (!isStaffRole(role) && author !== options.userId) filters.push(Prisma.sql`NOT c."anonymous"`);
  }
  if (mine) filters.push(Prisma.sql`c."authorId" = ${options.userId}`);
  if (show !== "all") filters.push(Prisma.sql`c."parentId" IS NULL AND strpos(c."body", '?') > 0`);
  if (show === "unanswered") filters.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM "Comment" r WHERE r."rootId" = c."id" AND r."status" = 'VISIBLE')`);
  const extra = filters.length ? Prisma.sql`AND ${Prisma.join(filters, " AND ")}` : Prisma.empty;

  const [commentRows, blockRows] = await Promise.all([
    db.$queryRaw<{ id: string; readingId: string; parentId: string | null; paragraph: number | null; snippet: string }[]>`
      WITH query AS (SELECT websearch_to_tsquery('english', ${q}) AS q),
      hits AS (
        SELECT c."id", ts_rank(c."searchVector", query.q) AS rank, c."createdAt"
        FROM "Comment" c, query
        WHERE c."courseId" = ${course.id} AND c."readingId" IN (${readingIds}) AND c."searchVector" @@ query.q
          AND ${visibleCommentSql(viewer, "c")} ${extra}
        ORDER BY rank DESC, c."createdAt" DESC, c."id"
        LIMIT ${limit + 1} OFFSET ${offset}
      )
      SELECT c."id", c."readingId", c."parentId", b."number" AS paragraph,
             ts_headline('english', translate(c."body", ${MARK_START + MARK_END}, ''), query.q, CASE WHEN length(c."body") <= ${WHOLE_TEXT_MAX} THEN ${WHOLE_HEADLINE_OPTIONS} ELSE ${HEADLINE_OPTIONS} END) AS snippet
      FROM hits JOIN "Comment" c ON c."id" = hits."id" LEFT JOIN "Block" b ON b."id" = c."blockId", query
      ORDER BY hits.rank DESC, hits."createdAt" DESC, hits."id"`,
    commentOnly
      ? Promise.resolve([])
      : db.$queryRaw<{ id: string; readingId: string; paragraph: number; snippet: string }[]>`
      WITH query AS (SELECT websearch_to_tsquery('english', ${q}) AS q),
      hits AS (
        SELECT b."id", ts_rank(b."searchVector", query.q) AS rank, b."position"
        FROM "Block" b, query
        WHERE b."readingId" IN (${readingIds}) AND b."number" IS NOT NULL AND b."searchVector" @@ query.q
        ORDER BY rank DESC, b."position", b."id"
        LIMIT ${limit + 1} OFFSET ${offset}
      )
      SELECT b."id", b."readingId", b."number" AS paragraph,
             ts_headline('english', translate(b."text", ${MARK_START + MARK_END}, ''), query.q, CASE WHEN length(b."text") <= ${WHOLE_TEXT_MAX} THEN ${WHOLE_HEADLINE_OPTIONS} ELSE ${HEADLINE_OPTIONS} END) AS snippet
      FROM hits JOIN "Block" b ON b."id" = hits."id", query
      ORDER BY hits.rank DESC, hits."position", hits."id"`,
  ]);

  const shownComments = commentRows.slice(0, limit);
  // Authors, badges and the visibility check again, through the one comment view.
  const views = new Map((await viewComments({ viewer, courseId: course.id, ids: shownComments.map((c) => c.id) })).map((v) => [v.id, v]));
  const comments: CommentHit[] = [];
  for (const row of shownComments) {
    const view = views.get(row.id);
    const reading = byId.get(row.readingId);
    if (!view || !view.author || !reading) continue;
    comments.push({
      id: row.id,
      href: `/courses/${course.slug}/readings/${reading.slug}#c-${row.id}`,
      readingTitle: reading.title,
      paragraph: row.paragraph,
      isReply: row.parentId !== null,
      author: view.author.name,
      badges: view.badges,
      createdAt: view.createdAt,
      snippet: snippetParts(row.snippet),
    });
  }
  const passages: PassageHit[] = [];
  for (const row of blockRows.slice(0, limit)) {
    const reading = byId.get(row.readingId);
    if (!reading) continue;
    passages.push({ id: row.id, href: `/courses/${course.slug}/readings/${reading.slug}#p-${row.paragraph}`, readingTitle: reading.title, paragraph: row.paragraph, snippet: snippetParts(row.snippet) });
  }
  return { ...base, status: "done", comments, passages, more: commentRows.length > limit || blockRows.length > limit };
}
