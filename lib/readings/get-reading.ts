import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Mark, NoteRef } from "@/lib/import/types";
import type { Role } from "@/generated/prisma/client";
import { SCHEDULE_SELECT, visibleReadingsWhere } from "@/lib/readings/schedule";

export type ReadingBlockView = {
  id: string;
  kind: "HEADING" | "PARAGRAPH" | "QUOTE" | "LIST";
  number: number | null;
  level: number | null;
  text: string;
  noteRefs: NoteRef[];
  marks: Mark[];
};

/** Everything the reading page renders, loaded through the course id and role the guard
 *  returned: a student gets NOT_FOUND for a draft or a reading that has not opened yet. */
export async function getReading(options: { courseId: string; readingSlug: string; role: Role }) {
  const reading = await db.reading.findFirst({
    where: { courseId: options.courseId, slug: options.readingSlug, ...visibleReadingsWhere(options.role) },
    select: {
      id: true,
      slug: true,
      title: true,
      author: true,
      source: true,
      date: true,
      allowAnonymous: true,
      ...SCHEDULE_SELECT,
      blocks: {
        orderBy: { position: "asc" },
        select: { id: true, kind: true, number: true, level: true, text: true, noteRefs: true, marks: true },
      },
      notes: { orderBy: { position: "asc" }, select: { label: true, text: true } },
    },
  });
  if (!reading) throw new AppError("NOT_FOUND", "This reading does not exist in this course.");

  // Discussion counts are per viewer: lib/comments/get-reading-discussion.ts.
  const blocks: ReadingBlockView[] = reading.blocks.map((b) => ({
    ...b,
    noteRefs: (b.noteRefs as NoteRef[] | null) ?? [],
    marks: (b.marks as Mark[] | null) ?? [],
  }));
  const words = blocks.reduce((n, b) => n + b.text.split(/\s+/).length, 0);
  return { ...reading, blocks, minutes: Math.max(1, Math.round(words / 230)) };
}
