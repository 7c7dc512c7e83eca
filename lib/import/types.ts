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

/** Options for `importDocument`. */
export interface ImportOptions {
  /** Ids of repairs (`RepairEntry.id`) to leave undone: the text/structure stays as it was. */
  skip?: ReadonlySet<string> | string[];
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
