import { z } from "zod";
import { cleanText } from "@/lib/validations/text";

/** PostgreSQL cannot hold U+0000 (text pasted from PDFs sometimes has it), and JSON columns
 *  refuse lone surrogates: strip the one, replace the other (length-preserving, so mark and
 *  note offsets stay right). */
const noNul = (s: string) => s.toWellFormed().replace(/\u0000/g, "");
/** Labels and report lines: cleaned like anything typed (lib/validations/text.ts). */
const label = z.string().max(1000).transform((s) => cleanText(s).trim()).pipe(z.string().min(1, "A note needs a label.").max(20, "A note label can be at most 20 characters."));
const line = (max: number) => z.string().max(max * 4).transform(cleanText).pipe(z.string().max(max));
const text = (max: number, what: string) =>
  z.string().transform(noNul).pipe(z.string().max(max, `${what} can be at most ${max.toLocaleString("en")} characters.`));

export const draftBlockSchema = z.object({
  kind: z.enum(["heading", "paragraph", "quote", "list"]),
  text: text(100_000, "A block").refine((s) => s.trim().length > 0, "A block cannot be empty — delete it or merge it instead."),
  level: z.number().int().min(1).max(6).optional(),
  noteRefs: z.array(z.object({ label, offset: z.number().int().min(0) })).max(500).optional(),
  marks: z.array(z.object({ start: z.number().int().min(0), end: z.number().int().min(0), kind: z.enum(["em", "strong"]) })).max(5000).optional(),
});

/** A reading as the instructor publishes it from the import preview or the editor. */
export const readingDraftSchema = z.object({
  title: z.string().transform(noNul).pipe(z.string().trim().min(1, "Give the reading a title.").max(300, "Keep the title under 300 characters.")),
  author: z.string().transform(noNul).pipe(z.string().trim().max(200)).nullish().transform((s) => s || null),
  source: z.string().transform(noNul).pipe(z.string().trim().max(500)).nullish().transform((s) => s || null),
  date: z.string().transform(noNul).pipe(z.string().trim().max(100)).nullish().transform((s) => s || null),
  format: z.enum(["text", "markdown", "html", "docx", "pdf"]).default("text"),
  blocks: z
    .array(draftBlockSchema)
    .min(1, "A reading needs at least one paragraph.")
    .max(20_000, "A reading can have at most 20,000 blocks; split it into parts."),
  notes: z.array(z.object({ label, text: text(20_000, "A note") })).max(2000).default([]),
  report: z
    .array(z.object({ rule: line(100), block: z.number().int().nullable(), before: line(5000), after: line(5000) }))
    .max(200_000, "The import report is too long to keep; re-import the file in parts.")
    .default([]),
});
export type ReadingDraft = z.output<typeof readingDraftSchema>;

/** Every noteRef must point inside its block and at a note that exists. */
export function checkDraftConsistency(draft: ReadingDraft): string | null {
  const labels = new Set(draft.notes.map((n) => n.label));
  for (const [i, b] of draft.blocks.entries()) {
    for (const r of b.noteRefs ?? []) {
      if (r.offset > b.text.length) return `Block ${i + 1} has a note marker past its end.`;
      if (!labels.has(r.label)) return `Block ${i + 1} refers to note ${r.label}, which does not exist.`;
    }
    for (const m of b.marks ?? []) if (m.end > b.text.length || m.start > m.end) return `Block ${i + 1} has emphasis outside its text.`;
  }
  return null;
}
