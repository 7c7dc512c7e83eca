import "server-only";

import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { firstLine } from "@/lib/comments/excerpt";
import { shownRootSql, visibleCommentSql, type Viewer } from "@/lib/comments/visibility";
import { encodePosition } from "@/lib/live/sse";
import { readingTopic, userTopic } from "@/lib/live/topics";
import { classmateName, isMaskedFor } from "@/lib/comments/anonymity";

/** A passage thread's highlight in its paragraph: UTF-16 offsets into the block text. */
export interface PassageHighlight {
  threadId: string;
  start: number;
  end: number;
  /** "Name: first line of the comment" (or "Comment deleted"), for hover and focus; left
   *  out of the reading page itself (the browser loads the tips after the page, from
   *  GET /api/readings/:id/discussion — components/reading/highlight-tips.tsx says why). */
  tip?: string;
}

export interface ReadingDiscussion {
  /** Per paragraph: comments the viewer sees, and how many of them are new to them. */
  counts: Record<string, { total: number; fresh: number }>;
  highlights: Record<string, PassageHighlight[]>;
  /** Where this page's live stream starts (the Last-Event-ID it connects with), taken in
   *  the same snapshot as the counts, so no event is missed or counted twice. */
  livePosition: string;
  detachedCount: number;
}

/**
 * What the reading page shows of its discussion, for one viewer: per-paragraph counts and
 * unread counts, passage highlights, the live position. Two aggregate queries, whatever
 * the number of comments (class scale: thousands), through the one visibility rule.
 */
export async function getReadingDiscussion(options: { viewer: Viewer; readingId: string; tips?: boolean }): Promise<ReadingDiscussion> {
  const { viewer, readingId } = options;
  const tips = options.tips !== false;
  const me = viewer.userId;
  const visible = visibleCommentSql(viewer, "c");
  const [countRows, highlights] = await Promise.all([
    db.$queryRaw<{ blockId: string | null; total: bigint | null; fresh: bigint | null; detached: bigint; rpos: bigint; upos: bigint }[]>`
      WITH counts AS (
        SELECT c."blockId", count(*) AS total,
               count(*) FILTER (WHERE c."authorId" <> ${me} AND (tr."readAt" IS NULL OR c."createdAt" > tr."readAt")) AS fresh
        FROM "Comment" c
        LEFT JOIN "ThreadRead" tr ON tr."userId" = ${me} AND tr."rootId" = COALESCE(c."rootId", c."id")
        WHERE c."readingId" = ${readingId} AND c."blockId" IS NOT NULL AND ${visible}
        GROUP BY c."blockId"
      ), here AS (
        SELECT
          (SELECT count(*) FROM "Comment" c WHERE c."readingId" = ${readingId} AND c."blockId" IS NULL AND c."parentId" IS NULL AND ${visible}) AS detached,
          (SELECT COALESCE(max("id"), 0) FROM "LiveEvent" WHERE "topic" = ${readingTopic(readingId)}) AS rpos,
          (SELECT COALESCE(max("id"), 0) FROM "LiveEvent" WHERE "topic" = ${userTopic(me)}) AS upos
      )
      SELECT counts."blockId", counts.total, counts.fresh, here.detached, here.rpos, here.upos FROM here LEFT JOIN counts ON true`,
    passageHighlights(viewer, readingId, tips),
  ]);
  const counts: ReadingDiscussion["counts"] = {};
  for (const r of countRows) if (r.blockId) counts[r.blockId] = { total: Number(r.total ?? 0), fresh: Number(r.fresh ?? 0) };
  const first = countRows[0];
  return {
    counts,
    highlights,
    livePosition: encodePosition([BigInt(first?.rpos ?? 0), BigInt(first?.upos ?? 0)]),
    detachedCount: Number(first?.detached ?? 0),
  };
}

/**
 * Each passage thread's highlight in its paragraph, as the viewer may see it; with `tips`,
 * also "Name: first line of the comment" (or "Comment deleted") for hover and focus — the
 * browser asks for those after the page (components/reading/highlight-tips.tsx).
 */
export async function passageHighlights(viewer: Viewer, readingId: string, tips: boolean): Promise<Record<string, PassageHighlight[]>> {
  const visible = visibleCommentSql(viewer, "c");
  // The text and name of each passage's first comment only when the tips are asked for (the
  // page itself does not show them: a busy reading's 600 passages were 250 KB read per view).
  const tipColumns = tips
    ? Prisma.sql`CASE WHEN ${visible} THEN left(c."body", 400) ELSE NULL END AS body, CASE WHEN ${visible} THEN u."name" ELSE NULL END AS name`
    : Prisma.sql`NULL::text AS body, NULL::text AS name`;
  // A thread's root the viewer cannot see (deleted; hidden by staff) is a placeholder
  // while visible replies hang under it: its highlight stays, without text or name.
  const rows = await db.$queryRaw<{ id: string; blockId: string; start: number; end: number; placeholder: "deleted" | "hidden" | null; body: string | null; name: string | null; anonymous: boolean; authorId: string }[]>`
      SELECT c."id", c."blockId", c."startOffset" AS start, c."endOffset" AS "end",
             CASE WHEN ${visible} THEN NULL WHEN c."status" = 'HIDDEN' THEN 'hidden' ELSE 'deleted' END AS placeholder,
             ${tipColumns}, c."anonymous", c."authorId"
      FROM "Comment" c ${tips ? Prisma.sql`JOIN "User" u ON u."id" = c."authorId"` : Prisma.empty}
      WHERE c."readingId" = ${readingId} AND c."parentId" IS NULL AND c."blockId" IS NOT NULL
        AND c."startOffset" IS NOT NULL AND c."endOffset" IS NOT NULL AND c."endOffset" > c."startOffset"
        AND ${shownRootSql(viewer, "c")}
      ORDER BY c."blockId", c."startOffset", c."createdAt"`;
  const highlights: Record<string, PassageHighlight[]> = {};
  for (const h of rows) {
    const highlight: PassageHighlight = { threadId: h.id, start: h.start, end: h.end };
    if (tips) highlight.tip = h.placeholder === "deleted" ? "Comment deleted" : h.placeholder === "hidden" ? "Hidden by an instructor" : `${isMaskedFor(viewer, h) ? classmateName(0) : h.name}: ${firstLine(h.body ?? "")}`;
    (highlights[h.blockId] ??= []).push(highlight);
  }
  return highlights;
}
