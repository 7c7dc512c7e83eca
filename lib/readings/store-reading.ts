import type { Db } from "@/lib/db";
import type { BlockKind as DbBlockKind } from "@/generated/prisma/client";
import type { ImportedReading, BlockKind } from "@/lib/import/types";
import { slugify, uniqueSlug } from "@/lib/slug";
import { numberBlocks } from "@/lib/editor/paragraph-numbers";

const kindToDb: Record<BlockKind, DbBlockKind> = { heading: "HEADING", paragraph: "PARAGRAPH", quote: "QUOTE", list: "LIST" };

/** Rows for a reading's blocks in order (shared by publishing and by edits). `ids` keeps
 *  chosen block ids (unchanged paragraphs keep theirs across an edit). */
export function blockRows(readingId: string, blocks: ImportedReading["blocks"], ids?: (string | null)[]) {
  return numberBlocks(blocks).map((b, position) => ({
    ...(ids?.[position] ? { id: ids[position]! } : {}),
    readingId,
    position,
    number: b.number,
    kind: kindToDb[b.kind],
    level: b.level ?? null,
    text: b.text,
    noteRefs: b.noteRefs?.length ? (b.noteRefs as object[]) : undefined,
    marks: b.marks?.length ? (b.marks as object[]) : undefined,
  }));
}

/** Static routes beside /readings/[readingSlug]: a reading titled "New" must not become
 *  /readings/new, which is the import page. */
export const RESERVED_READING_SLUGS = ["new", "edit"];


export interface StoreReadingOptions {
  courseId: string;
  imported: ImportedReading;
  /** Metadata chosen by the instructor (or the seed manifest) wins over what the importer detected. */
  title?: string;
  author?: string | null;
  source?: string | null;
  date?: string | null;
  position?: number;
  createdById?: string | null;
}

/** Publish an imported reading into a course: reading + blocks + notes + revision 1, in one
 *  transaction, so nothing half-imported is ever left behind. No `server-only`: the seed
 *  and the CLI use it. */
export async function storeReading(database: Db, options: StoreReadingOptions) {
  const { imported } = options;
  const title = options.title ?? imported.title ?? "Untitled reading";
  const base = slugify(title);
  const taken = await database.reading.findMany({
    where: { courseId: options.courseId, slug: { startsWith: base } },
    select: { slug: true },
  });
  const position =
    options.position ??
    ((await database.reading.aggregate({ where: { courseId: options.courseId }, _max: { position: true } }))._max.position ?? -1) + 1;
  const meta = {
    title,
    author: options.author !== undefined ? options.author : imported.author,
    source: options.source !== undefined ? options.source : imported.source,
    date: options.date !== undefined ? options.date : imported.date,
  };

  return database.$transaction(async (tx) => {
    const reading = await tx.reading.create({
      data: {
        courseId: options.courseId,
        slug: uniqueSlug(base, [...taken.map((r) => r.slug), ...RESERVED_READING_SLUGS]),
        ...meta,
        position,
        sourceFormat: imported.format,
        importReport: imported.report as object[],
      },
      select: { id: true, slug: true, title: true },
    });
    await tx.block.createMany({ data: blockRows(reading.id, imported.blocks) });
    await tx.note.createMany({
      data: imported.notes.map((n, position) => ({ readingId: reading.id, position, label: n.label, text: n.text })),
    });
    await tx.readingRevision.create({
      data: {
        readingId: reading.id,
        number: 1,
        snapshot: { ...meta, blocks: imported.blocks, notes: imported.notes } as object,
        summary: `Imported (${imported.format})`,
        createdById: options.createdById ?? null,
      },
    });
    return reading;
  }, { timeout: 60_000, maxWait: 10_000 }); // up to 50,000 blocks: more than the default 5 s on a busy machine
}
