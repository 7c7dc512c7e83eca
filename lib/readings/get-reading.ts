import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Mark, NoteRef } from "@/lib/import/types";

export type ReadingBlockView = {
  id: string;
  kind: "HEADING" | "PARAGRAPH" | "QUOTE" | "LIST";
  number: number | null;
  level: number | null;
  text: string;
  noteRefs: NoteRef[];
  marks: Mark[];
  commentCount: number;
};

/** Everything the reading page renders, loaded through the course id the guard returned. */
export async function getReading(options: { courseId: string; readingSlug: string }) {
  const reading = await db.reading.findFirst({
    where: { courseId: options.courseId, slug: options.readingSlug, publishedAt: { not: null } },
    select: {
      id: true,
      slug: true,
      title: true,
      author: true,
      source: true,
      date: true,
      dueAt: true,
      blocks: {
        orderBy: { position: "asc" },
        select: { id: true, kind: true, number: true, level: true, text: true, noteRefs: true, marks: true },
      },
      notes: { orderBy: { position: "asc" }, select: { label: true, text: true } },
    },
  });
  if (!reading) throw new AppError("NOT_FOUND", "This reading does not exist in this course.");

  const counts = await db.comment.groupBy({
    by: ["blockId"],
    where: { readingId: reading.id, status: "VISIBLE", visibility: "CLASS", blockId: { not: null } },
    _count: { _all: true },
  });
  const byBlock = new Map(counts.map((c) => [c.blockId, c._count._all]));
  const blocks: ReadingBlockView[] = reading.blocks.map((b) => ({
    ...b,
    noteRefs: (b.noteRefs as NoteRef[] | null) ?? [],
    marks: (b.marks as Mark[] | null) ?? [],
    commentCount: byBlock.get(b.id) ?? 0,
  }));
  const words = blocks.reduce((n, b) => n + b.text.split(/\s+/).length, 0);
  return { ...reading, blocks, minutes: Math.max(1, Math.round(words / 230)) };
}
