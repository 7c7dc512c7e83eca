import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import type { Rubric } from "@/lib/participation/rubric";
import { emptyStats, type ReadingStats } from "@/lib/participation/metrics";

type Row = {
  studentId: string;
  readingId: string;
  comments: number;
  replies: number;
  words: number;
  received: number;
  firstAt: Date | null;
  lastAt: Date | null;
  qComments: number;
  qReplies: number;
  endorsed: number;
  helpful: number;
};

/**
 * Per student per reading: comments, replies, words, replies received (from others),
 * first and last post, and how many posts qualify under the rubric — one aggregate query,
 * whatever the course's size. Counts what classmates can see: visible posts that are not
 * private notes (pending, hidden and deleted posts do not count). Words are runs of
 * non-space characters, counted by PostgreSQL when the comment is written
 * (Comment.wordCount). The caller has authorised; `courseId` scopes every table.
 *
 * Returns a map keyed `${studentId}:${readingId}`; a student with no posts on a reading
 * has no entry (use `emptyStats()`).
 */
export async function loadStats(options: { courseId: string; rubric: Rubric; readingId?: string; studentId?: string }) {
  const { courseId, rubric } = options;
  const readingFilter = options.readingId ? Prisma.sql`AND id = ${options.readingId}` : Prisma.empty;
  const studentFilter = options.studentId ? Prisma.sql`AND "userId" = ${options.studentId}` : Prisma.empty;
  const rows = await db.$queryRaw<Row[]>`
    WITH r AS (
      SELECT id, CASE ${rubric.deadline}::text WHEN 'DUE' THEN "dueAt" WHEN 'CLOSE' THEN "closesAt" END AS deadline
      FROM "Reading" WHERE "courseId" = ${courseId} ${readingFilter}
    ),
    s AS (
      SELECT "userId" AS id FROM "Membership" WHERE "courseId" = ${courseId} AND role = 'STUDENT' ${studentFilter}
    ),
    c AS (
      SELECT c.id, c."authorId", c."readingId", c."parentId", c."createdAt", r.deadline, c."wordCount" AS words, c."endorsedAt"
      FROM "Comment" c JOIN r ON r.id = c."readingId"
      WHERE c."courseId" = ${courseId} AND c.status = 'VISIBLE' AND c.visibility <> 'PRIVATE'
    ),
    own AS (
      SELECT "authorId", "readingId",
        count(*) FILTER (WHERE "parentId" IS NULL)::int AS comments,
        count(*) FILTER (WHERE "parentId" IS NOT NULL)::int AS replies,
        sum(words)::int AS words,
        min("createdAt") AS "firstAt",
        max("createdAt") AS "lastAt",
        count(*) FILTER (WHERE "parentId" IS NULL AND words >= ${rubric.minCommentWords} AND (deadline IS NULL OR "createdAt" <= deadline))::int AS "qComments",
        count(*) FILTER (WHERE "parentId" IS NOT NULL AND words >= ${rubric.minReplyWords} AND (deadline IS NULL OR "createdAt" <= deadline))::int AS "qReplies",
        -- Endorsed by staff (lib/moderation), among the posts that count.
        count(*) FILTER (WHERE "endorsedAt" IS NOT NULL)::int AS endorsed
      FROM c WHERE "authorId" IN (SELECT id FROM s)
      GROUP BY 1, 2
    ),
    received AS (
      SELECT p."authorId", c."readingId", count(*)::int AS n
      FROM c JOIN "Comment" p ON p.id = c."parentId"
      WHERE p."authorId" <> c."authorId" AND p."authorId" IN (SELECT id FROM s)
      GROUP BY 1, 2
    )
    -- "Helpful" marks received from others, on the posts that count.
    , helpful AS (
      SELECT c."authorId", c."readingId", count(*)::int AS n
      FROM c JOIN "Reaction" x ON x."commentId" = c.id AND x.kind = 'HELPFUL' AND x."userId" <> c."authorId"
      WHERE c."authorId" IN (SELECT id FROM s)
      GROUP BY 1, 2
    )
    SELECT COALESCE(own."authorId", received."authorId") AS "studentId",
           COALESCE(own."readingId", received."readingId") AS "readingId",
           COALESCE(own.comments, 0) AS comments, COALESCE(own.replies, 0) AS replies, COALESCE(own.words, 0) AS words,
           COALESCE(received.n, 0) AS received, own."firstAt", own."lastAt",
           COALESCE(own."qComments", 0) AS "qComments", COALESCE(own."qReplies", 0) AS "qReplies", COALESCE(own.endorsed, 0) AS endorsed,
           COALESCE(helpful.n, 0) AS helpful
    FROM own FULL JOIN received ON received."authorId" = own."authorId" AND received."readingId" = own."readingId"
    LEFT JOIN helpful ON helpful."authorId" = own."authorId" AND helpful."readingId" = own."readingId"`;

  const stats = new Map<string, ReadingStats>();
  for (const row of rows) {
    stats.set(`${row.studentId}:${row.readingId}`, {
      ...emptyStats(),
      comments: row.comments,
      replies: row.replies,
      words: row.words,
      repliesReceived: row.received,
      firstAt: row.firstAt,
      lastAt: row.lastAt,
      qualifyingComments: row.qComments,
      qualifyingReplies: row.qReplies,
      endorsements: row.endorsed,
      helpfulReceived: row.helpful,
    });
  }
  return stats;
}
