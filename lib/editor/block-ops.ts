/**
 * Pure edits on a reading draft's blocks, shared by the import preview and the reading
 * editor: merge, split, retype, edit text. Note markers and emphasis move with their text.
 */
import type { ImportedBlock, ImportedNote, BlockKind } from "@/lib/import/types";
import { blockToNote } from "./note-ops";
import { editText, nonEmpty } from "./edit-text";

export { editText };

/** A block being edited. `comments` (editing a published reading) is how many comments the
 *  block carries, shown so an instructor sees what an edit touches; it is never published. */
export type DraftBlock = ImportedBlock & { comments?: number };

const shift = <T extends { offset: number }>(refs: T[] | undefined, by: number) => refs?.map((r) => ({ ...r, offset: r.offset + by }));
const shiftMarks = (marks: ImportedBlock["marks"], by: number) => marks?.map((m) => ({ ...m, start: m.start + by, end: m.end + by }));

/** Merge block i with block i+1 (one space between, the first block's kind). */
export function mergeWithNext(blocks: DraftBlock[], i: number): DraftBlock[] {
  const a = blocks[i];
  const b = blocks[i + 1];
  if (!a || !b) return blocks;
  const joiner = a.text.endsWith("-") ? "" : " ";
  const by = a.text.length + joiner.length;
  const merged: DraftBlock = {
    ...a,
    text: a.text + joiner + b.text,
    noteRefs: nonEmpty([...(a.noteRefs ?? []), ...(shift(b.noteRefs, by) ?? [])]),
    marks: nonEmpty([...(a.marks ?? []), ...(shiftMarks(b.marks, by) ?? [])]),
    ...(a.comments !== undefined || b.comments !== undefined ? { comments: (a.comments ?? 0) + (b.comments ?? 0) } : {}),
  };
  return [...blocks.slice(0, i), merged, ...blocks.slice(i + 2)];
}

/** Split block i at character `at` into two blocks of the same kind. */
export function splitAt(blocks: DraftBlock[], i: number, at: number): DraftBlock[] {
  const block = blocks[i];
  if (!block || at <= 0 || at >= block.text.length) return blocks;
  const leftText = block.text.slice(0, at).trimEnd();
  const rest = block.text.slice(at);
  const lead = rest.length - rest.trimStart().length;
  const rightText = rest.trimStart();
  if (!leftText || !rightText) return blocks;
  const cut = at + lead;
  const left: DraftBlock = {
    ...block,
    text: leftText,
    noteRefs: nonEmpty(block.noteRefs?.filter((r) => r.offset <= at).map((r) => ({ ...r, offset: Math.min(r.offset, leftText.length) }))),
    marks: nonEmpty(block.marks?.filter((m) => m.start < leftText.length).map((m) => ({ ...m, end: Math.min(m.end, leftText.length) }))),
  };
  const right: DraftBlock = {
    ...block,
    comments: undefined, // the count describes the original block; show it once
    text: rightText,
    noteRefs: nonEmpty(block.noteRefs?.filter((r) => r.offset > at).map((r) => ({ ...r, offset: Math.max(0, r.offset - cut) }))),
    marks: nonEmpty(
      block.marks?.filter((m) => m.end > cut).map((m) => ({ ...m, start: Math.max(0, m.start - cut), end: m.end - cut })),
    ),
  };
  return [...blocks.slice(0, i), left, right, ...blocks.slice(i + 1)];
}

/** Change a block's kind. Turning a block into a note moves it to the notes list (note-ops.ts). */
export function retype(
  blocks: DraftBlock[],
  notes: ImportedNote[],
  i: number,
  kind: BlockKind | "note",
): { blocks: DraftBlock[]; notes: ImportedNote[] } {
  const block = blocks[i];
  if (!block) return { blocks, notes };
  if (kind === "note") {
    const r = blockToNote({ blocks, notes }, i);
    return { blocks: r.blocks, notes: r.notes };
  }
  const next: DraftBlock = { ...block, kind, level: kind === "heading" ? (block.level ?? 2) : undefined };
  return { blocks: blocks.map((b, j) => (j === i ? next : b)), notes };
}

export function removeBlock(blocks: DraftBlock[], i: number): DraftBlock[] {
  return blocks.filter((_, j) => j !== i);
}

/** Where each block of a draft went after an edit: its new index, or null when nothing is left. */
export type IndexMap = (old: number) => number | null;

/** After `mergeWithNext(blocks, i)`: block i + 1 is part of block i. */
export const afterMerge = (i: number): IndexMap => (j) => (j <= i ? j : j - 1);
/** After `splitAt(blocks, i, …)`: block i is two blocks (the repairs stay with the first). */
export const afterSplit = (i: number): IndexMap => (j) => (j <= i ? j : j + 1);
/** After a block was put in at index i (a note back into the text): blocks from i on move down one. */
export const afterInsert = (i: number): IndexMap => (j) => (j < i ? j : j + 1);
/** After block i left the text (deleted, or moved to the notes): what pointed at it points at the block that took its place. */
export const afterRemove = (i: number, remaining: number): IndexMap => (j) => (j < i ? j : j > i ? j - 1 : remaining ? Math.min(i, remaining - 1) : null);

/** The import report, its block numbers following the blocks through an edit. */
export function remapReport<T extends { block: number | null }>(report: T[], map: IndexMap): T[] {
  return report.map((e) => (e.block === null ? e : { ...e, block: map(e.block) }));
}
