/**
 * Notes edited by hand in the preview. Retyping a block as a note takes its label from the number or
 * symbol it starts with ("3 Interview with the author…" → note 3, "Interview with the author…"), links
 * the matching marker in the text before it ("life.3", "[3]", "³"), and files the note in document
 * order (by number, or by where its marker stands) — whatever order the instructor retypes in.
 * Notes can also be added, edited (a new label carries its markers along), deleted (with their
 * markers), linked to a marker the text still has, or put back into the text; markers can be put in
 * or taken out of a block by hand.
 * Pure: the same marker finder as the importer (lib/import/markers.ts).
 */
import type { ImportedNote, NoteRef } from "@/lib/import/types";
import { findMarker, leadingLabel } from "@/lib/import/markers";
import type { DraftBlock } from "./block-ops";
import { editText, nonEmpty } from "./edit-text";

export interface NotesDraft {
  blocks: DraftBlock[];
  notes: ImportedNote[];
}

/** Which blocks point at each note, and what does not match up. */
export interface NoteLinks {
  /** note label → indexes of the blocks whose markers point at it, in order */
  referencedFrom: Map<string, number[]>;
  /** notes no marker points at */
  unreferenced: string[];
  /** markers whose note does not exist */
  dangling: Array<{ block: number; label: string }>;
}

export function noteLinks({ blocks, notes }: NotesDraft): NoteLinks {
  const labels = new Set(notes.map((n) => n.label));
  const referencedFrom = new Map<string, number[]>(notes.map((n) => [n.label, []]));
  const dangling: NoteLinks["dangling"] = [];
  blocks.forEach((b, i) => {
    for (const r of b.noteRefs ?? []) {
      if (!labels.has(r.label)) dangling.push({ block: i, label: r.label });
      else if (!referencedFrom.get(r.label)!.includes(i)) referencedFrom.get(r.label)!.push(i);
    }
  });
  return { referencedFrom, unreferenced: notes.filter((n) => !referencedFrom.get(n.label)!.length).map((n) => n.label), dangling };
}

/** A label not used yet: `wanted` itself, else "3-2", "3-3" … (a number: else the next free number). */
export function freeLabel(notes: ImportedNote[], wanted: string | null): string {
  const used = new Set(notes.map((n) => n.label));
  if (wanted && !used.has(wanted)) return wanted;
  if (wanted) {
    for (let k = 2; ; k++) if (!used.has(`${wanted}-${k}`)) return `${wanted}-${k}`;
  }
  let n = notes.length + 1;
  while (used.has(String(n))) n++;
  return String(n);
}

/** Take the first marker for `label` in block `i` out of its text and point it at the note. */
function linkMarker(blocks: DraftBlock[], i: number, label: string, marker: { index: number; original: string }): DraftBlock[] {
  const b = blocks[i]!;
  const text = b.text.slice(0, marker.index) + b.text.slice(marker.index + marker.original.length);
  const edited = editText(blocks, i, text);
  const ref: NoteRef = { label, offset: marker.index };
  const refs = [...(edited[i]!.noteRefs ?? []), ref].sort((x, y) => x.offset - y.offset);
  return edited.map((x, j) => (j === i ? { ...x, noteRefs: refs } : x));
}

/**
 * Where a note's marker is: the nearest block before `at` (where the note stood) with an unlinked
 * marker for `label`, else the nearest after it.
 */
function findNoteMarker(blocks: DraftBlock[], at: number, label: string): { block: number; index: number; original: string } | null {
  const order = [...Array.from({ length: at }, (_, k) => at - 1 - k), ...Array.from({ length: Math.max(0, blocks.length - at) }, (_, k) => at + k)];
  for (const i of order) {
    const b = blocks[i]!;
    if (b.kind === "heading") continue;
    const m = findMarker(b.text, label);
    if (m) return { block: i, ...m };
  }
  return null;
}

/**
 * Notes in document order: numbered notes by their numbers ("3-2", a second note 3, after 3); other
 * labels by where their first marker stands, a note nothing points at just after the note listed
 * before it.
 */
export function sortNotes(blocks: DraftBlock[], notes: ImportedNote[]): ImportedNote[] {
  const numbered = notes.every((n) => /^\d+(?:-\d+)?$/.test(n.label));
  if (numbered) {
    const key = (label: string) => label.split("-").map(Number) as [number, number?];
    return [...notes].sort((a, b) => {
      const [x, xs = 1] = key(a.label), [y, ys = 1] = key(b.label);
      return x - y || xs - ys;
    });
  }
  const { referencedFrom } = noteLinks({ blocks, notes });
  let last = -1;
  const positioned = notes.map((n, k) => {
    const refs = referencedFrom.get(n.label) ?? [];
    if (refs.length) {
      const b = blocks[refs[0]!]!;
      const offset = b.noteRefs!.find((r) => r.label === n.label)!.offset;
      last = refs[0]! + offset / (b.text.length + 1);
    } else last += 1e-6;
    return { n, p: last, k };
  });
  return positioned.sort((a, b) => a.p - b.p || a.k - b.k).map((x) => x.n);
}

/** Block `i` becomes a note (see the file comment). `linked`: whether a marker in the text now points at it. */
export function blockToNote(draft: NotesDraft, i: number): NotesDraft & { label: string; linked: boolean } {
  const block = draft.blocks[i];
  if (!block) return { ...draft, label: "", linked: false };
  const lead = leadingLabel(block.text);
  const label = freeLabel(draft.notes, lead?.label ?? null);
  const text = (lead ? lead.text : block.text).trim() || block.text;
  let blocks = draft.blocks.filter((_, j) => j !== i);
  // (a block without a label of its own gets the next free number; no marker in the text can be its)
  const marker = lead ? findNoteMarker(blocks, i, lead.label) : null;
  if (marker) blocks = linkMarker(blocks, marker.block, label, marker);
  const notes = sortNotes(blocks, [...draft.notes, { label, text }]);
  return { blocks, notes, label, linked: !!marker };
}

/** The blocks without any marker for `label`, and how many markers went. */
function dropMarkers(blocks: DraftBlock[], label: string): { blocks: DraftBlock[]; removed: number } {
  let removed = 0;
  const next = blocks.map((b) => {
    const refs = b.noteRefs?.filter((r) => r.label !== label);
    if (!refs || refs.length === b.noteRefs!.length) return b;
    removed += b.noteRefs!.length - refs.length;
    return { ...b, noteRefs: refs.length ? refs : undefined };
  });
  return { blocks: next, removed };
}

/** The blocks with every linked marker for `label` written back into the text as "[label]", unlinked. */
function unlinkMarkers(blocks: DraftBlock[], label: string): DraftBlock[] {
  return blocks.map((b) => {
    if (!b.noteRefs?.some((r) => r.label === label)) return b;
    const written = `[${label}]`;
    let text = b.text;
    let refs = [...b.noteRefs].sort((x, y) => x.offset - y.offset);
    let marks = b.marks;
    // right to left, so each offset still names a place in the text as it was
    for (const r of [...refs].reverse()) {
      if (r.label !== label) continue;
      const at = Math.min(r.offset, text.length);
      text = text.slice(0, at) + written + text.slice(at);
      refs = refs.filter((x) => x !== r).map((x) => (x.offset > at ? { ...x, offset: x.offset + written.length } : x));
      marks = marks?.map((m) => ({ ...m, start: m.start >= at ? m.start + written.length : m.start, end: m.end > at ? m.end + written.length : m.end }));
    }
    return { ...b, text, noteRefs: nonEmpty(refs), marks };
  });
}

/** A note goes back into the text as a paragraph (after the block that pointed at it — after notes of lower
 *  numbers put back there before it — or at the end; `at` is its index); its markers stay in the text,
 *  unlinked ("[3]"), so retyping the paragraph as a note links them again. */
export function noteToBlock(draft: NotesDraft, label: string): NotesDraft & { at: number | null } {
  const note = draft.notes.find((n) => n.label === label);
  if (!note) return { ...draft, at: null };
  const { referencedFrom } = noteLinks(draft);
  let at = (referencedFrom.get(label)?.[0] ?? draft.blocks.length - 1) + 1;
  const blocks = unlinkMarkers(draft.blocks, label);
  // document order: past the notes with lower numbers already put back after the same paragraph
  const number = /^\d+$/.test(label) ? Number(label) : null;
  while (number !== null && at < blocks.length) {
    const lead = blocks[at]!.kind === "paragraph" ? leadingLabel(blocks[at]!.text) : null;
    if (!lead || !/^\d+$/.test(lead.label) || Number(lead.label) > number) break;
    at++;
  }
  blocks.splice(at, 0, { kind: "paragraph", text: `${label}. ${note.text}` });
  return { blocks, notes: draft.notes.filter((n) => n !== note), at };
}

/** The longest label a note can have (lib/validations/reading.ts). */
export const NOTE_LABEL_MAX = 20;
const NOTE_TEXT_MAX = 20_000;

/**
 * What is wrong with a note typed by hand, or null: a label (a number or a symbol — no spaces or
 * brackets, which would make its `[label]` marker ambiguous) not used by another note, and some text.
 * `editing` is the label of the note being changed (it may keep its label).
 */
export function checkNote(notes: ImportedNote[], input: { label: string; text: string }, editing?: string): string | null {
  const label = input.label.trim();
  if (!label) return "Give the note a label: its number or symbol.";
  if (label.length > NOTE_LABEL_MAX) return `A note label can be at most ${NOTE_LABEL_MAX} characters.`;
  if (/[\s[\]]/.test(label)) return "A note label cannot contain spaces or square brackets.";
  if (label !== editing && notes.some((n) => n.label === label)) return `There is already a note ${label}: choose another label.`;
  if (!input.text.trim()) return "A note cannot be empty. To remove it, delete it instead.";
  if (input.text.length > NOTE_TEXT_MAX) return `A note can be at most ${NOTE_TEXT_MAX.toLocaleString("en")} characters.`;
  return null;
}

/**
 * A note typed by hand (checked with `checkNote`). Its marker is linked when the text has one still
 * unlinked (the first in reading order: "life.3", "[3]", "³"); `linkedAt` says in which block.
 */
export function addNote(draft: NotesDraft, input: { label: string; text: string }): NotesDraft & { label: string; linkedAt: number | null } {
  const label = input.label.trim();
  const marker = findNoteMarker(draft.blocks, 0, label);
  const blocks = marker ? linkMarker(draft.blocks, marker.block, label, marker) : draft.blocks;
  return { blocks, notes: sortNotes(blocks, [...draft.notes, { label, text: input.text.trim() }]), label, linkedAt: marker?.block ?? null };
}

/** Change a note's text or label (checked with `checkNote`); its markers follow a new label. */
export function editNote(draft: NotesDraft, label: string, input: { label: string; text: string }): NotesDraft {
  const next = input.label.trim();
  if (!draft.notes.some((n) => n.label === label)) return draft;
  const notes = draft.notes.map((n) => (n.label === label ? { label: next, text: input.text.trim() } : n));
  const blocks =
    next === label
      ? draft.blocks
      : draft.blocks.map((b) => (b.noteRefs?.some((r) => r.label === label) ? { ...b, noteRefs: b.noteRefs.map((r) => (r.label === label ? { ...r, label: next } : r)) } : b));
  return { blocks, notes: sortNotes(blocks, notes) };
}

/** Delete a note and every marker pointing at it (`markers`: how many went). */
export function deleteNote(draft: NotesDraft, label: string): NotesDraft & { markers: number } {
  if (!draft.notes.some((n) => n.label === label)) return { ...draft, markers: 0 };
  const { blocks, removed } = dropMarkers(draft.blocks, label);
  return { blocks, notes: draft.notes.filter((n) => n.label !== label), markers: removed };
}

/** Link a note no marker points at to the first unlinked marker for it in the text, if there is one. */
export function linkNote(draft: NotesDraft, label: string): NotesDraft & { linkedAt: number | null } {
  const marker = draft.notes.some((n) => n.label === label) ? findNoteMarker(draft.blocks, 0, label) : null;
  if (!marker) return { ...draft, linkedAt: null };
  const blocks = linkMarker(draft.blocks, marker.block, label, marker);
  return { blocks, notes: sortNotes(blocks, draft.notes), linkedAt: marker.block };
}

/** Put a marker for note `label` into a block at `offset` (clamped to its text); markers stay in text order. */
export function insertMarker(block: DraftBlock, label: string, offset: number): DraftBlock {
  const at = Math.max(0, Math.min(block.text.length, offset));
  return { ...block, noteRefs: [...(block.noteRefs ?? []), { label, offset: at }].sort((x, y) => x.offset - y.offset) };
}

/** Take the `k`-th marker (in text order) out of a block; its text stays as it is. */
export function removeMarker(block: DraftBlock, k: number): DraftBlock {
  const refs = [...(block.noteRefs ?? [])].sort((x, y) => x.offset - y.offset);
  if (!refs[k]) return block;
  refs.splice(k, 1);
  return { ...block, noteRefs: nonEmpty(refs) };
}

/** The words a marker stands after, for naming it: "…the audience applauded." */
export function wordsBefore(text: string, offset: number, max = 30): string {
  const before = text.slice(0, offset).trimEnd();
  if (!before) return "the start";
  if (before.length <= max) return `“${before}”`;
  const cut = before.slice(before.length - max);
  const word = cut.indexOf(" ");
  return `“…${word >= 0 && word < cut.length - 1 ? cut.slice(word + 1) : cut}”`;
}
