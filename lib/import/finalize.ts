/** Sentinels → noteRefs and marks with offsets; final whitespace; empty blocks dropped. */
import type { ImportedBlock, Mark, NoteRef } from "./types";
import type { RawBlock } from "./raw";
import { EM_CLOSE, EM_OPEN, NOTE_CLOSE, NOTE_OPEN, plain, STRONG_CLOSE, STRONG_OPEN } from "./sentinel";
import { normalizeSpaces } from "./text-utils";

export function finalizeBlock(b: RawBlock): ImportedBlock | null {
  const src = normalizeSpaces(b.text.replace(/\s*\n\s*/g, " "));
  let text = "";
  const noteRefs: NoteRef[] = [];
  const marks: Mark[] = [];
  const open: Record<"em" | "strong", number[]> = { em: [], strong: [] };
  // the last character appended: `text.endsWith` on a string built with += flattens it every time (quadratic)
  let last = "";
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === NOTE_OPEN) {
      const end = src.indexOf(NOTE_CLOSE, i + 1);
      if (end < 0) continue;
      noteRefs.push({ label: src.slice(i + 1, end), offset: text.length });
      i = end;
      continue;
    }
    if (c === EM_OPEN || c === STRONG_OPEN) { open[c === EM_OPEN ? "em" : "strong"].push(text.length); continue; }
    if (c === EM_CLOSE || c === STRONG_CLOSE) {
      const kind = c === EM_CLOSE ? "em" : "strong";
      const start = open[kind].pop();
      if (start !== undefined && text.length > start) marks.push({ start, end: text.length, kind });
      continue;
    }
    if (c >= "\uE000" && c <= "\uE0FF") continue;
    if (c === " " && (text.length === 0 || last === " ")) continue; // a removed marker left two spaces
    text += c;
    last = c;
  }
  // trimming may have shifted nothing (normalizeSpaces trimmed before), but a marker/mark may sit on a space
  const lead = text.length - text.trimStart().length;
  const trimmed = text.trim();
  if (!trimmed) return null;
  const clamp = (n: number) => Math.max(0, Math.min(trimmed.length, n - lead));
  const out: ImportedBlock = { kind: b.kind as ImportedBlock["kind"], text: trimmed };
  if (b.kind === "heading") out.level = b.level ?? 2;
  if (noteRefs.length) out.noteRefs = noteRefs.map((r) => ({ label: r.label, offset: clamp(r.offset) }));
  const m = marks.map((k) => ({ ...k, start: clamp(k.start), end: clamp(k.end) })).filter((k) => k.end > k.start);
  if (m.length) out.marks = m.sort((a, b) => a.start - b.start);
  return out;
}

export function finalizeNoteText(text: string): string {
  return normalizeSpaces(plain(text).replace(/\s*\n\s*/g, " "));
}
