/**
 * Pure edits on a reading draft's blocks, shared by the import preview and the reading
 * editor: merge, split, retype, edit text. Note markers and emphasis move with their text.
 */
import type { ImportedBlock, ImportedNote, BlockKind } from "@/lib/import/types";

/** A block being edited. `comments` (editing a published reading) is how many comments the
 *  block carries, shown so an instructor sees what an edit touches; it is never published. */
export type DraftBlock = ImportedBlock & { comments?: number };

const shift = <T extends { offset: number }>(refs: T[] | undefined, by: number) => refs?.map((r) => ({ ...r, offset: r.offset + by }));
const shiftMarks = (marks: ImportedBlock["marks"], by: number) => marks?.map((m) => ({ ...m, start: m.start + by, end: m.end + by }));
const nonEmpty = <T>(a: T[] | undefined) => (a && a.length ? a : undefined);

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

/** Change a block's kind. Turning a block into a note moves it to the notes list. */
export function retype(
  blocks: DraftBlock[],
  notes: ImportedNote[],
  i: number,
  kind: BlockKind | "note",
): { blocks: DraftBlock[]; notes: ImportedNote[] } {
  const block = blocks[i];
  if (!block) return { blocks, notes };
  if (kind === "note") {
    const used = new Set(notes.map((n) => n.label));
    let n = notes.length + 1;
    while (used.has(String(n))) n++;
    return { blocks: blocks.filter((_, j) => j !== i), notes: [...notes, { label: String(n), text: block.text }] };
  }
  const next: DraftBlock = { ...block, kind, level: kind === "heading" ? (block.level ?? 2) : undefined };
  return { blocks: blocks.map((b, j) => (j === i ? next : b)), notes };
}

/** Replace a block's text (a typo fix). Markers and emphasis past the edit keep their place
 *  relative to the end when the edit is before them; markers beyond the new end are clamped. */
export function editText(blocks: DraftBlock[], i: number, text: string): DraftBlock[] {
  const block = blocks[i];
  if (!block) return blocks;
  const old = block.text;
  let p = 0;
  while (p < old.length && p < text.length && old[p] === text[p]) p++;
  const delta = text.length - old.length;
  const move = (o: number) => Math.max(0, Math.min(text.length, o > p ? o + delta : o));
  return blocks.map((b, j) =>
    j === i
      ? {
          ...b,
          text,
          noteRefs: nonEmpty(b.noteRefs?.map((r) => ({ ...r, offset: move(r.offset) }))),
          marks: nonEmpty(b.marks?.map((m) => ({ ...m, start: move(m.start), end: move(m.end) })).filter((m) => m.end > m.start)),
        }
      : b,
  );
}

export function removeBlock(blocks: DraftBlock[], i: number): DraftBlock[] {
  return blocks.filter((_, j) => j !== i);
}
