import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { requireCourseRole, STAFF_ROLES } from "@/lib/auth/guard";
import { csvLines, CSV_BOM } from "@/lib/csv";

export const EXPORT_BATCH = 500;

const HEADER = [
  "reading",
  "reading_slug",
  "paragraph",
  "quote",
  "thread_id",
  "comment_id",
  "parent_id",
  "author",
  "author_email",
  "author_role",
  "created_at",
  "edited_at",
  "status",
  "visibility",
  "body",
] as const;

type ExportRow = Record<(typeof HEADER)[number], string | number | null>;

type BatchRow = {
  id: string;
  rootId: string | null;
  parentId: string | null;
  body: string;
  quote: string | null;
  status: string;
  visibility: string;
  createdAt: Date;
  editedAt: Date | null;
  paragraph: number | null;
  detachedParagraph: number | null;
  authorId: string;
  authorName: string;
  authorEmail: string;
};

/**
 * Every comment of a course as CSV or JSON (instructors and TAs; archived courses too),
 * streamed: rows are read in batches of EXPORT_BATCH by keyset (reading in schedule order,
 * then time, then id) as the client reads, so memory stays flat whatever the course's
 * size, and a client that stops reading stops the queries. Deleted comments keep their
 * place with an empty body (an author's deletion is not undone by an export). Private
 * notes are their author's alone: not exported (nor counted in participation).
 */
export async function streamCommentsExport(options: { userId: string; courseSlug: string; format: "csv" | "json" }) {
  const { course } = await requireCourseRole(options.userId, options.courseSlug, STAFF_ROLES, { allowArchived: true });
  const readings = await db.reading.findMany({
    where: { courseId: course.id },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, slug: true, title: true },
  });
  const roles = new Map(
    (await db.membership.findMany({ where: { courseId: course.id }, select: { userId: true, role: true } })).map((m) => [m.userId, m.role]),
  );

  let readingIndex = 0;
  let after: { createdAt: Date; id: string } | null = null;
  let wrote = 0;
  const encoder = new TextEncoder();

  async function nextBatch(): Promise<ExportRow[] | null> {
    while (readingIndex < readings.length) {
      const reading = readings[readingIndex]!;
      // Keyset on (createdAt, id) with a row comparison, so each batch starts where the last
      // ended (index Comment_readingId_createdAt_id_idx) instead of re-reading what came before.
      const rows = await db.$queryRaw<BatchRow[]>`
        SELECT c.id, c."rootId", c."parentId", c.body, c.quote, c.status::text AS status, c.visibility::text AS visibility,
               c."createdAt", c."editedAt", b.number AS paragraph,
               CASE WHEN jsonb_typeof(c."detachedFrom"->'paragraph') = 'number' THEN (c."detachedFrom"->>'paragraph')::int END AS "detachedParagraph",
               u.id AS "authorId", u.name AS "authorName", u.email AS "authorEmail"
        FROM "Comment" c
        JOIN "User" u ON u.id = c."authorId"
        LEFT JOIN "Block" b ON b.id = c."blockId"
        WHERE c."courseId" = ${course.id} AND c."readingId" = ${reading.id} AND c.visibility <> 'PRIVATE'
          ${after ? Prisma.sql`AND (c."createdAt", c.id) > (${after.createdAt.toISOString()}::timestamptz AT TIME ZONE 'UTC', ${after.id})` : Prisma.empty}
        ORDER BY c."createdAt", c.id
        LIMIT ${EXPORT_BATCH}`;
      if (rows.length < EXPORT_BATCH) {
        readingIndex++;
        after = null;
      } else {
        const last = rows.at(-1)!;
        after = { createdAt: last.createdAt, id: last.id };
      }
      if (rows.length === 0) continue;
      return rows.map((c) => ({
        reading: reading.title,
        reading_slug: reading.slug,
        paragraph: c.paragraph ?? c.detachedParagraph,
        quote: c.quote,
        thread_id: c.rootId ?? c.id,
        comment_id: c.id,
        parent_id: c.parentId,
        author: c.authorName,
        author_email: c.authorEmail,
        author_role: roles.get(c.authorId)?.toLowerCase() ?? "former member",
        created_at: c.createdAt.toISOString(),
        edited_at: c.editedAt?.toISOString() ?? null,
        status: c.status.toLowerCase(),
        visibility: c.visibility.toLowerCase(),
        body: c.status === "DELETED" ? "" : c.body,
      }));
    }
    return null;
  }

  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(options.format === "csv" ? CSV_BOM + csvLines([[...HEADER]]) : "["));
      },
      async pull(controller) {
        const batch = await nextBatch();
        if (!batch) {
          if (options.format === "json") controller.enqueue(encoder.encode(wrote ? "\n]\n" : "]\n"));
          controller.close();
          return;
        }
        const text =
          options.format === "csv"
            ? csvLines(batch.map((row) => HEADER.map((h) => row[h])))
            : batch.map((row) => `${wrote++ ? "," : ""}\n${JSON.stringify(row)}`).join("");
        controller.enqueue(encoder.encode(text));
      },
    },
    { highWaterMark: 1 },
  );
  const stamp = new Date().toISOString().slice(0, 10);
  return {
    stream,
    filename: `${course.slug}-comments-${stamp}.${options.format}`,
    contentType: options.format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
  };
}
