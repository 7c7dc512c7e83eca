import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Mark, NoteRef } from "@/lib/import/types";
import type { Role } from "@/generated/prisma/client";
import { SCHEDULE_SELECT, visibleReadingsWhere } from "@/lib/readings/schedule";
import { LRUCache } from "lru-cache";

export type ReadingBlockView = {
  id: string;
  kind: "HEADING" | "PARAGRAPH" | "QUOTE" | "LIST";
  number: number | null;
  level: number | null;
  text: string;
  noteRefs: NoteRef[];
  marks: Mark[];
};

/** A reading's text as one revision has it: the same for every viewer. */
export interface ReadingContent {
  /** `<id>:<revision>:<updatedAt ms>` — changes whenever the text, title or notes can have. */
  key: string;
  blocks: ReadingBlockView[];
  notes: { label: string; text: string }[];
  minutes: number;
}

/** What identifies a reading's text: publishing an edit bumps `revision` in the same
 *  transaction that writes the blocks (lib/readings/revise-reading.ts), and every update
 *  moves `updatedAt`. Read fresh on each request, so every instance sees an edit at once. */
export const CONTENT_VERSION_SELECT = { id: true, revision: true, updatedAt: true } as const;
type ContentVersion = { id: string; revision: number; updatedAt: Date };
const contentKey = (r: ContentVersion) => `${r.id}:${r.revision}:${r.updatedAt.getTime()}`;

// Bounded by bytes (UTF-16, twice over for the text and its copy in marks/notes): a few
// dozen long readings; a class reads the same five.
const contents = new LRUCache<string, ReadingContent>({ maxSize: 64 * 1024 * 1024 });

/**
 * The blocks and notes of a reading, loaded once per revision and kept in memory: the
 * reading page and the article API ask for them on every view, and they are the largest
 * rows a page reads (a long reading is ~60 KB of text plus its marks).
 */
export async function getReadingContent(version: ContentVersion): Promise<ReadingContent> {
  const hit = contents.get(contentKey(version));
  if (hit) return hit;
  const row = await db.reading.findUnique({
    where: { id: version.id },
    select: {
      ...CONTENT_VERSION_SELECT,
      blocks: { orderBy: { position: "asc" }, select: { id: true, kind: true, number: true, level: true, text: true, noteRefs: true, marks: true } },
      notes: { orderBy: { position: "asc" }, select: { label: true, text: true } },
    },
  });
  if (!row) throw new AppError("NOT_FOUND", "This reading does not exist in this course.");
  const blocks: ReadingBlockView[] = row.blocks.map((b) => ({
    ...b,
    noteRefs: (b.noteRefs as NoteRef[] | null) ?? [],
    marks: (b.marks as Mark[] | null) ?? [],
  }));
  const words = blocks.reduce((n, b) => n + b.text.split(/\s+/).length, 0);
  // Keyed by what this read returned: an edit published since the caller's read is newer, never older.
  const content: ReadingContent = { key: contentKey(row), blocks, notes: row.notes, minutes: Math.max(1, Math.round(words / 230)) };
  // Bytes, roughly: UTF-16 text, ~64 per mark or note reference and per row.
  const size = blocks.reduce((n, b) => n + b.text.length * 2 + (b.marks.length + b.noteRefs.length + 4) * 64, 0) + row.notes.reduce((n, x) => n + x.text.length * 2 + 128, 0);
  contents.set(content.key, content, { size });
  return content;
}

/** Everything the reading page renders, loaded through the course id and role the guard
 *  returned: a student gets NOT_FOUND for a draft or a reading that has not opened yet. */
export async function getReading(options: { courseId: string; readingSlug: string; role: Role }) {
  const reading = await db.reading.findFirst({
    where: { courseId: options.courseId, slug: options.readingSlug, ...visibleReadingsWhere(options.role) },
    select: {
      ...CONTENT_VERSION_SELECT,
      slug: true,
      title: true,
      author: true,
      source: true,
      date: true,
      allowAnonymous: true,
      discussionLockedAt: true,
      ...SCHEDULE_SELECT,
    },
  });
  if (!reading) throw new AppError("NOT_FOUND", "This reading does not exist in this course.");
  // Discussion counts are per viewer: lib/comments/get-reading-discussion.ts.
  const content = await getReadingContent(reading);
  return { ...reading, content, blocks: content.blocks, notes: content.notes, minutes: content.minutes };
}
