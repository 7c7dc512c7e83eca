/**
 * The shape every importer produces: bytes + file name in, an ImportedReading out.
 * Pure data — no database, no Next.js. The app stores blocks/notes as rows; the CLI
 * prints them as JSON.
 */
export type BlockKind = "heading" | "paragraph" | "quote" | "list";

/** A footnote marker inside a block: the note `label` is referenced at `offset` in `text`
 *  (the marker sits just before the character at `offset`; offset === text.length means at the end).
 *  The marker itself is NOT part of `text`, so passage anchors never include marker digits. */
export interface NoteRef {
  label: string;
  offset: number;
}

/** Inline emphasis over [start, end) of `text`. */
export interface Mark {
  start: number;
  end: number;
  kind: "em" | "strong";
}

export interface ImportedBlock {
  kind: BlockKind;
  /** Plain text, the author's words, whitespace normalised, no markup, no note markers. */
  text: string;
  /** Heading level 1–6 (headings only). */
  level?: number;
  noteRefs?: NoteRef[];
  marks?: Mark[];
}

export interface ImportedNote {
  label: string;
  text: string;
}

/** One repair the importer made. `block` is the index in the final `blocks` array the
 *  repair concerns: for text removed from the body, the block it stood next to; null when
 *  the repair concerns metadata (or nothing is left to point at). */
export interface RepairEntry {
  rule: string;
  block: number | null;
  before: string;
  after: string;
  /** Stable id of a repair that can be undone: the same input gives the same ids, and skipping
   *  one repair (`ImportOptions.skip`) does not change the ids of the others. Absent when undo
   *  makes no sense (e.g. "decode"). */
  id?: string;
}

/** A word OCR was unsure of, for the instructor to check in the preview (not published).
 *  `start`/`end` index into the block's text, where `text` stood when it was imported. */
export interface UncertainWord {
  block: number;
  start: number;
  end: number;
  text: string;
  /** Tesseract's confidence, 0–100. */
  confidence: number;
}

/** What OCR did, when some pages had no text layer. */
export interface OcrSummary {
  pages: number[];
  /** Mean word confidence over the recognised pages, 0–100. */
  confidence: number;
  uncertain: UncertainWord[];
}

/** Progress of a running import: a named stage and, when countable, how far it is. */
export interface ImportProgress {
  stage: "reading" | "ocr" | "repairing";
  label: string;
  done?: number;
  total?: number;
}

/** One page's image, for OCR: decoded pixels as pdf.js hands them over (1, 3 or 4 bytes per pixel). */
export interface PageImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
  /** The page's width in PDF points (1/72 inch), to scale the recognised lines to page units. */
  pageWidth: number;
}

export interface OcrWord {
  text: string;
  confidence: number;
}

/** A recognised line, in page units like the text layer's lines (y grows upwards). */
export interface OcrLine {
  text: string;
  x: number;
  y: number;
  right: number;
  size: number;
  words: OcrWord[];
}

export interface OcrPageResult {
  lines: OcrLine[];
  confidence: number;
}

/** Recognises the text of a page image (tesseract.js in the app; see ocr.ts). */
export interface OcrEngine {
  recognize(image: PageImage, page: number, pages: number): Promise<OcrPageResult>;
}

/** Options for `importDocument`. */
export interface ImportOptions {
  /** Ids of repairs (`RepairEntry.id`) to leave undone: the text/structure stays as it was. */
  skip?: ReadonlySet<string> | string[];
  /** Recognise PDF pages that have no text layer; without it such a PDF is refused (NO_TEXT_LAYER). */
  ocr?: OcrEngine;
  /** Called as the import moves through its stages. */
  onProgress?(progress: ImportProgress): void;
}

export type SourceFormat = "text" | "markdown" | "html" | "docx" | "pdf";

export interface ImportedReading {
  title: string | null;
  author: string | null;
  source: string | null;
  date: string | null;
  format: SourceFormat;
  blocks: ImportedBlock[];
  notes: ImportedNote[];
  report: RepairEntry[];
  /** Present when pages were recognised by OCR. */
  ocr?: OcrSummary;
}

/** Render a block's text with its note markers shown as `[label]` (the CLI's form). */
export function textWithMarkers(block: ImportedBlock): string {
  const refs = [...(block.noteRefs ?? [])].sort((a, b) => a.offset - b.offset);
  let out = "";
  let at = 0;
  for (const ref of refs) {
    out += block.text.slice(at, ref.offset) + `[${ref.label}]`;
    at = ref.offset;
  }
  return out + block.text.slice(at);
}
