/**
 * What an upload may expand to. The 20 MB upload limit bounds only the compressed bytes: a
 * 1 MB .docx can inflate to 300 MB of XML, a 0.6 MB PDF to a 200 MB content stream. Every
 * limit here is enforced while the file is being read (inflating stops at the limit, the
 * XML scan stops at the first level too deep), never after the damage is done; the
 * sandbox (./sandbox.ts) adds a heap cap and a time limit around the whole import as the
 * last line.
 *
 * A refusal is an ImportError with code TOO_LARGE (413: the file expands past a size
 * limit) or TOO_COMPLEX (422: too deep, too many parts/marks/pages, too slow), and a
 * message that says which limit and what to do.
 */
import { ImportError } from "./errors";

function envInt(name: string, fallback: number): number {
  const raw = typeof process !== "undefined" ? process.env[name] : undefined;
  const n = raw ? Number(raw) : NaN;
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

const MB = 1024 * 1024;

export const LIMITS = {
  /** Entries in a .docx zip directory (Word writes a few dozen). */
  zipEntries: 5_000,
  /** Inflated size of one XML part of a .docx (document.xml of a 600-page book is ~15 MB). */
  zipPartBytes: envInt("COLLOQUY_IMPORT_MAX_XML_MB", 32) * MB,
  /** Inflated size of all the XML parts read from one .docx. */
  zipTotalBytes: envInt("COLLOQUY_IMPORT_MAX_XML_MB", 32) * 2 * MB,
  /** Element nesting in a .docx part (Word's deepest, nested tables, is well under 100). */
  xmlDepth: 256,
  /** Decompressed size of one PDF stream (a page's content stream is usually < 100 KB). */
  pdfStreamBytes: envInt("COLLOQUY_IMPORT_MAX_PDF_STREAM_MB", 32) * MB,
  /** Decompressed size of all of a PDF's non-image streams. */
  pdfTotalStreamBytes: envInt("COLLOQUY_IMPORT_MAX_PDF_STREAM_MB", 32) * 8 * MB,
  /** Pages of a PDF with a text layer. */
  pdfPages: envInt("COLLOQUY_IMPORT_MAX_PAGES", 2_000),
  /** Pixels of one image pdf.js may decode (a page scanned at 600 dpi is ~35 M). */
  pdfImagePixels: 60_000_000,
  /** Characters of the whole reading's text (a 1,000-page book is ~2.5 M). */
  textChars: envInt("COLLOQUY_IMPORT_MAX_CHARS", 10_000_000),
  /** Blocks (paragraphs, headings, quotes, list items) of a reading. */
  blocks: 50_000,
  /** Emphasis runs in one block, and in the whole reading. */
  marksPerBlock: 2_000,
  marks: 200_000,
  /** Footnotes of a reading. */
  notes: 20_000,
} as const;

export function fmtBytes(n: number): string {
  return n >= MB ? `${Math.round(n / MB)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** A file that expands past a size limit: 413. */
export function tooLarge(what: string, limit: number): ImportError {
  return new ImportError(
    "TOO_LARGE",
    `This file expands to more than ${fmtBytes(limit)} of ${what}, more than any reading needs — it may be damaged or built to overload the importer. Save it again from its program (or as plain text) and upload that.`,
  );
}

/** A file built past a structural limit (depth, counts): 422. */
export function tooComplex(message: string): ImportError {
  return new ImportError("TOO_COMPLEX", message);
}

/** Check what the importer produced against the reading-size limits. */
export function checkReadingSize(result: { blocks: { text: string; marks?: unknown[] }[]; notes: unknown[] }): void {
  if (result.blocks.length > LIMITS.blocks)
    throw tooComplex(
      `This document has ${result.blocks.length.toLocaleString("en")} paragraphs; a reading may have at most ${LIMITS.blocks.toLocaleString("en")}. Split it into several readings.`,
    );
  let chars = 0;
  let marks = 0;
  for (const [i, b] of result.blocks.entries()) {
    chars += b.text.length;
    const m = b.marks?.length ?? 0;
    marks += m;
    if (m > LIMITS.marksPerBlock)
      throw tooComplex(
        `Paragraph ${i + 1} has ${m.toLocaleString("en")} separate bold/italic runs (the limit is ${LIMITS.marksPerBlock.toLocaleString("en")}). Remove the direct formatting (select all, clear formatting) and upload it again.`,
      );
  }
  if (chars > LIMITS.textChars) throw tooLarge("text", LIMITS.textChars);
  if (marks > LIMITS.marks)
    throw tooComplex(
      `This document has ${marks.toLocaleString("en")} bold/italic runs (the limit is ${LIMITS.marks.toLocaleString("en")}). Remove the direct formatting and upload it again.`,
    );
  if (result.notes.length > LIMITS.notes)
    throw tooComplex(`This document has ${result.notes.length.toLocaleString("en")} notes; the limit is ${LIMITS.notes.toLocaleString("en")}.`);
}
