/** The repair pipeline every format goes through after parsing. Order matters; see the comments. */
import type { ImportedBlock, ImportedNote, ImportedReading, SourceFormat } from "./types";
import type { RawDoc, RawMeta } from "./raw";
import { Report } from "./raw";
import { cleanBlocks, cleanText, unstrike } from "./repair/debris";
import { dropRunningHeaders } from "./repair/headers";
import { dropBoilerplate } from "./repair/boilerplate";
import { joinFragments } from "./repair/join";
import { normalizeHeadingLevels, numberedParagraphs, promoteHeadings } from "./repair/structure";
import { extractHeadMeta, extractTailMeta, memoMeta } from "./metadata";
import { linkNotes } from "./notes";
import { finalizeBlock, finalizeNoteText } from "./finalize";
import { normalizeNameCase } from "./text-utils";
import { loadLexicon, NO_LEXICON } from "./lexicon";
import { HYPHEN_BREAK } from "./sentinel";
import { HyphenJudge, resolveLineHyphens } from "./repair/hyphens";
import { cleanOcrDebris, restoreBarI, RUN_TOGETHER_RE, splitRunTogether } from "./repair/ocr-debris";
import { markQuotes } from "./repair/quotes";

export interface PipelineOptions {
  format: SourceFormat;
  /** The text was not read as Markdown, so backslash escapes (\_ \*) are debris. */
  markdownEscapes: boolean;
  /** Guess headings from short lines and block quotes from colons and quotation marks (plain text, PDF, Markdown). */
  guessHeadings: boolean;
  /** The text was recognised by OCR (a scanned PDF): OCR-only repairs apply. */
  ocr?: boolean;
}

/**
 * Every rule gets `report`, which knows which repairs the user undid (`ImportOptions.skip`): a rule
 * computes a repair's id (`report.id`) before applying it and, if `report.skips(id)`, leaves the text
 * as it was — a removed block stays (marked `keep`, so no later rule removes or joins it).
 */
export async function runPipeline(doc: RawDoc, report: Report, opts: PipelineOptions): Promise<ImportedReading> {
  const order = [...doc.blocks];
  for (const b of doc.blocks) b.source ??= b.text;
  // 1. markup debris first: later rules look at clean text; then the hyphens at line ends, decided
  //    with the whole document's vocabulary in view
  cleanBlocks(doc.blocks, report, { markdownEscapes: opts.markdownEscapes });
  for (const n of doc.notes) n.text = cleanText(n.text, { markdownEscapes: opts.markdownEscapes });
  // (the word lists are loaded only for a document with a word broken at a line or page end)
  const texts = [...doc.blocks.map((b) => b.text), ...doc.notes.map((n) => n.text)];
  const broken = texts.some((t) => t.includes(HYPHEN_BREAK) || /\p{L}-\s*$/u.test(t));
  const hyphens = new HyphenJudge(texts, broken ? await loadLexicon() : NO_LEXICON);
  resolveLineHyphens(doc.blocks, doc.notes, hyphens, report);
  if (opts.format === "text" || opts.format === "pdf" || opts.format === "markdown") restoreBarI(doc.blocks, report); // (before the debris: a bar read for I is a word)
  if (opts.format === "text" || opts.format === "pdf" || opts.format === "markdown") cleanOcrDebris(doc.blocks, report);
  // (OCR only: in typed text "ata" or "ona" may be a word the English list does not know — the
  // import property test found "ata" split into "at a")
  if (opts.ocr && doc.blocks.some((b) => b.text.search(RUN_TOGETHER_RE) >= 0)) splitRunTogether(doc.blocks, report, await loadLexicon());
  // 2. page furniture, so that metadata and joins see the text without it
  let blocks = dropRunningHeaders(doc.blocks, report);
  unstrike(blocks, report); // (after the furniture: a struck-through "SECRET" banner is gone already)
  // 3. metadata: declared (front matter, <meta>) wins; then the closing and opening lines
  const meta: RawMeta = { ...doc.meta };
  blocks = extractTailMeta(blocks, meta, report);
  blocks = extractHeadMeta(blocks, meta, report);
  memoMeta(blocks, meta, report);
  if (!meta.title && meta.pageTitle) {
    meta.title = meta.pageTitle.title;
    report.add("metadata-title", null, meta.pageTitle.raw, `title: ${meta.pageTitle.title}`);
  }
  // 4. boilerplate (paywalls, credits, navigation)
  blocks = dropBoilerplate(blocks, meta, report);
  // 5. notes out of the body, markers linked
  const linked = linkNotes(blocks, doc.notes, report, { flagOrphans: opts.format === "text" || opts.format === "pdf" });
  blocks = linked.blocks.filter((b) => b.kind !== "break");
  // 6. page-break fragments (headers and notes that separated them are gone now)
  blocks = joinFragments(blocks, report, hyphens);
  // 7. structure
  numberedParagraphs(blocks);
  if (opts.guessHeadings) {
    markQuotes(blocks, report);
    promoteHeadings(blocks, report);
  }
  normalizeHeadingLevels(blocks, report);

  const finalRaw: typeof blocks = [];
  const finalBlocks: ImportedBlock[] = [];
  for (const b of blocks) {
    const f = finalizeBlock(b);
    if (!f) continue;
    finalRaw.push(b);
    finalBlocks.push(f);
  }
  const notes: ImportedNote[] = linked.notes
    .map((n) => ({ label: n.label, text: finalizeNoteText(n.text) }))
    .filter((n) => n.text);
  return {
    title: clean(meta.title),
    author: meta.author ? normalizeNameCase(clean(meta.author) ?? "") || null : null,
    source: clean(meta.source),
    date: clean(meta.date),
    format: opts.format,
    blocks: finalBlocks,
    notes,
    report: report.resolve(finalRaw, order),
  };
}

function clean(s: string | null | undefined): string | null {
  if (!s) return null;
  const t = s.replace(/[\uE000-\uE0FF]/g, "").replace(/\s+/g, " ").trim();
  return t || null;
}
