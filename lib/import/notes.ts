/**
 * Footnotes: find note definitions (however they were written), find the markers that point at them,
 * link each marker to its note and take the notes out of the body. Markers become sentinels
 * (→ noteRefs with offsets at the end); definitions become `notes`.
 *
 * Markers understood: [1], [^1], ^1, ¹, <sup>1</sup> (already a sentinel), *, **, †, ‡.
 * A marker links to the next definition with its label; repeated labels (two "*" notes, per-chapter
 * numbering) are told apart by order and relabelled ("**", "1-2").
 */
import type { RawBlock, RawNote, Report } from "./raw";
import { NOTE_CLOSE, NOTE_OPEN, noteMarker, plain } from "./sentinel";
import { endsSentence, startsLowercase } from "./text-utils";
import { findMarker } from "./markers";

export interface LinkedNote {
  label: string;
  text: string;
}

const SUPERSCRIPT_DIGITS: Record<string, string> = { "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9" };
const NOTES_HEADING_RE = /^(?:notes?|foot-?notes|end-?notes|notes and references|references)$/i;

interface Def {
  block: RawBlock;
  /** repair id of moving it out of the body */
  id?: string;
  label: string;
  text: string;
  /** came from explicit structure or a sentinel; does not need a marker to be believed */
  certain: boolean;
}

/** Leading label of a definition block, and the rest of its text. */
function definitionOf(b: RawBlock, inNotesSection: boolean): Def | null {
  if (b.keep) return null; // the user kept it in the body
  if (b.kind === "note") return { block: b, label: b.label ?? "", text: b.text, certain: true };
  if (b.kind === "heading" && b.explicit) return null;
  const t = b.text.trimStart();
  let m = t.match(/^\uE000([^\uE001]*)\uE001\s*/);
  if (m && t.length > m[0].length) return { block: b, label: m[1]!, text: t.slice(m[0].length), certain: true };
  m = t.match(/^\[\^([^\]\s]{1,12})\]:?\s*/);
  if (m) return { block: b, label: m[1]!, text: t.slice(m[0].length), certain: true };
  m = t.match(/^\[(\d{1,3}|[*†‡]{1,3})\]\s*(?=\S)/);
  if (m) return { block: b, label: m[1]!, text: t.slice(m[0].length), certain: inNotesSection };
  m = t.match(/^\^(\d{1,3})\s+/);
  if (m) return { block: b, label: m[1]!, text: t.slice(m[0].length), certain: inNotesSection };
  m = t.match(/^([¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})\s*(?=\S)/);
  if (m) return { block: b, label: [...m[1]!].map((c) => SUPERSCRIPT_DIGITS[c]).join(""), text: t.slice(m[0].length), certain: inNotesSection };
  if (b.kind === "list" && b.ordinal && /^[*†‡]{1,3}$/.test(b.ordinal)) return { block: b, label: b.ordinal, text: t, certain: false };
  m = t.match(/^(\*{1,3}|[†‡])\s*(?=[\p{Lu}\p{N}"“‘(])/u);
  if (m && b.kind !== "heading") return { block: b, label: m[1]!, text: t.slice(m[0].length), certain: false };
  if (inNotesSection) {
    m = t.match(/^(\d{1,3})[.)]?\s+(?=\S)/);
    if (m) return { block: b, label: m[1]!, text: t.slice(m[0].length), certain: true };
  }
  return null;
}

const SYMBOL_MARKER_RE = /(?<=[\p{L}\p{N}.,;:!?’”"')\]])(\*{1,3}|†|‡)(?=$|[\s.,;:!?’”"')\]—–-])/gu;
const EMPHASIS_SPAN_RE = /(^|[\s(“"‘])\*(?=[^\s*])[^*\n]{1,200}?[^\s*]\*(?=$|[\s.,;:!?)”"’])/g;

interface MarkerInfo {
  label: string;
  original: string;
  /** symbol or superscript sentinel: removed when orphaned; bracketed numbers are restored instead */
  removeIfOrphan: boolean;
  /** a bracketed number glued to a sentence ("Stalin.[1]") in a paged text: when its note is nowhere
   *  in the document it stays a marker, flagged in the preview (Publish waits until it is fixed) */
  flagIfOrphan?: boolean;
}

export interface LinkOptions {
  /** Flag bracketed markers without a note instead of leaving them as text (plain text, PDF, OCR). */
  flagOrphans?: boolean;
}

export function linkNotes(blocks: RawBlock[], parserNotes: RawNote[], report: Report, opts: LinkOptions = {}): { blocks: RawBlock[]; notes: LinkedNote[] } {
  // 1. definitions
  const defs = new Map<RawBlock, Def>();
  let inNotesSection = false;
  for (const b of blocks) {
    const heading = b.kind === "heading" || (b.kind === "paragraph" && NOTES_HEADING_RE.test(plain(b.text).trim()));
    if (heading) { inNotesSection = NOTES_HEADING_RE.test(plain(b.text).trim()); continue; }
    const d = definitionOf(b, inNotesSection);
    if (!d) continue;
    d.id = report.id("move-note", b.source ?? b.text);
    // undone: the note stays in the body as a paragraph (with its label, if the page wrote one), and
    // markers with its label do not point at it
    if (report.skips(d.id)) {
      b.keep = true;
      if (b.kind === "note") { b.kind = "paragraph"; if (b.ordinal) b.text = b.ordinal + b.text; }
      continue;
    }
    defs.set(b, d);
  }
  recoverMissingNotes(blocks, defs, report);
  const definedLabels = new Set<string>([...defs.values()].map((d) => d.label));
  for (const n of parserNotes) definedLabels.add(n.label);

  // 2. markers → temporary sentinels carrying an id
  const markers: MarkerInfo[] = [];
  const temp = (info: MarkerInfo) => { markers.push(info); return NOTE_OPEN + "#" + (markers.length - 1) + NOTE_CLOSE; };
  markPageMarkers(blocks, defs, temp);
  for (const b of blocks) {
    if (defs.has(b)) continue;
    b.text = markMarkers(b.text, definedLabels, temp, opts.flagOrphans ?? false);
  }
  // uncertain definitions need a marker somewhere
  const markerLabels = new Set(markers.map((m) => m.label));
  for (const [b, d] of [...defs]) if (!d.certain && !markerLabels.has(d.label)) defs.delete(b);

  // 3. link in document order
  const pending = new Map<string, number[]>();
  const seen = new Map<string, number>();
  const lastFinal = new Map<string, string>();
  const finalOf = new Map<number, string>();
  const notes: LinkedNote[] = [];
  const defFinal = (label: string): string => {
    const k = seen.get(label) ?? 0;
    seen.set(label, k + 1);
    const final = k === 0 ? label : /^[*†‡]+$/.test(label) ? label.repeat(k + 1) : `${label}-${k + 1}`;
    for (const id of pending.get(label) ?? []) finalOf.set(id, final);
    pending.set(label, []);
    lastFinal.set(label, final);
    return final;
  };
  const out: RawBlock[] = [];
  let lastNote: LinkedNote | null = null;
  let lastBody: RawBlock | null = null;
  let prevWasDef = false;
  for (const b of blocks) {
    if (b.kind === "break") { out.push(b); continue; }
    const d = defs.get(b);
    if (d) {
      prevWasDef = true;
      const final = defFinal(d.label);
      if (final !== d.label) report.add("relabel-note", null, d.label, final);
      lastNote = { label: final, text: d.text };
      notes.push(lastNote);
      const written = b.kind === "note" && b.ordinal ? b.ordinal + plain(b.text) : plain(b.text);
      report.add("move-note", null, written, `note ${final}: ${plain(d.text)}`, { id: d.id, near: b });
      continue;
    }
    // a note's second half, split off by a page break
    const continuesNote = prevWasDef && lastNote !== null && b.kind === "paragraph" && !b.keep && !endsSentence(lastNote.text) &&
      startsLowercase(b.text) && (!lastBody || endsSentence(lastBody.text));
    prevWasDef = false;
    const fragmentId = continuesNote ? report.id("join-note-fragment", b.source ?? b.text) : undefined;
    if (continuesNote && report.skips(fragmentId)) b.keep = true; // undone: the fragment stays in the body
    else if (continuesNote && lastNote) {
      report.add("join-note-fragment", null, plain(lastNote.text).slice(-40) + " ¶ " + plain(b.text).slice(0, 40), "", { id: fragmentId, near: b });
      lastNote.text = lastNote.text + " " + b.text;
      continue;
    }
    for (const m of b.text.matchAll(/\uE000#(\d+)\uE001/g)) {
      const id = Number(m[1]);
      const label = markers[id]!.label;
      if (!pending.has(label)) pending.set(label, []);
      pending.get(label)!.push(id);
    }
    out.push(b);
    lastBody = b;
  }
  for (const n of parserNotes) {
    const final = defFinal(n.label);
    notes.push({ label: final, text: n.text });
  }
  for (const [label, ids] of pending) {
    const final = lastFinal.get(label);
    if (final) for (const id of ids) finalOf.set(id, final);
  }

  // 4. rewrite temporary sentinels
  for (const b of out) {
    if (!b.text.includes(NOTE_OPEN + "#")) continue;
    b.text = b.text.replace(/\uE000#(\d+)\uE001/g, (_m, idText: string) => {
      const id = Number(idText);
      const final = finalOf.get(id);
      if (final) return noteMarker(final);
      const info = markers[id]!;
      if (info.flagIfOrphan) {
        report.add("flag-orphan-note-marker", b, info.original, `marker [${info.label}]: no note ${info.label} in the document — add it or remove the marker`);
        return noteMarker(info.label);
      }
      if (info.removeIfOrphan) {
        const repairId = report.id("drop-orphan-note-marker", `${info.original || info.label} in ${plain(b.source ?? b.text)}`);
        if (report.skips(repairId)) return info.original || info.label; // undone: the marker stays, as text
        report.add("drop-orphan-note-marker", b, info.original || info.label, "", { id: repairId });
        return "";
      }
      return info.original;
    });
  }
  // 5. a "Notes" heading left with nothing under it
  const cleaned = out.filter((b, i) => {
    if ((b.kind !== "heading" && b.kind !== "paragraph") || !NOTES_HEADING_RE.test(plain(b.text).trim())) return true;
    const next = out[i + 1];
    const empty = !next || next.kind === "heading";
    if (!empty || !notes.length || b.keep) return true;
    const id = report.id("drop-notes-heading", b.source ?? b.text);
    if (report.skips(id)) { b.keep = true; return true; }
    report.add("drop-notes-heading", null, plain(b.text), "", { id, near: b });
    return false;
  });
  return { blocks: cleaned, notes };
}

/** How OCR reads a superscript "1" that it could not place: a letter, a stroke or a quote mark. */
const OCR_ONE = "1Il|i'’‘`!";

/**
 * A note whose number the sequence is missing (notes 2 and 3 found, 1 not) because OCR misread its
 * superscript: the marker became a stray letter at a sentence end ("… her political education. I"),
 * and the note's own label a mark glued to its first word ("'It is difficult …"), the note a body
 * paragraph. When exactly one such marker stands before the next note's marker, and exactly one such
 * paragraph after it and before the next note, they are the note and its marker (reported, undoable).
 */
function recoverMissingNotes(blocks: RawBlock[], defs: Map<RawBlock, Def>, report: Report): void {
  const byLabel = new Map<string, RawBlock>();
  for (const d of defs.values()) if (/^\d+$/.test(d.label) && !byLabel.has(d.label)) byLabel.set(d.label, d.block);
  const numbers = [...byLabel.keys()].map(Number);
  if (!numbers.length) return;
  const markerAt = (label: string): number => blocks.findIndex((b) => !defs.has(b) && b.kind !== "note" && (b.text.includes(noteMarker(label)) || !!findMarker(b.text, label)));
  for (let k = 1; k < Math.max(...numbers) && k <= 3; k++) {
    const label = String(k);
    if (byLabel.has(label) || !byLabel.has(String(k + 1))) continue;
    const glyphs = k === 1 ? OCR_ONE : label;
    const nextMarker = markerAt(String(k + 1));
    const nextDef = blocks.indexOf(byLabel.get(String(k + 1))!);
    const prevMarker = k > 1 ? markerAt(String(k - 1)) : -1;
    if (nextMarker < 0) continue;
    // the marker: a stray glyph closing a sentence at the end of a paragraph
    const markerRe = new RegExp(`(?<=[.!?]["”’)]*)\\s?[${glyphs.replace(/[\]\\^-]/g, "\\$&")}]$`);
    const markers = blocks.map((b, i) => ({ b, i })).filter(({ b, i }) => i > prevMarker && i < nextMarker && b.kind === "paragraph" && !b.keep && markerRe.test(plain(b.text).trimEnd()));
    if (markers.length !== 1) continue;
    const marker = markers[0]!;
    // the note: a paragraph after it whose first word carries the misread label ("'It is …")
    const defRe = new RegExp(`^[${glyphs.replace(/[\]\\^-]/g, "\\$&")}](?=\\p{Lu}\\p{Ll})`, "u");
    const notes = blocks.map((b, i) => ({ b, i })).filter(({ b, i }) => i > marker.i && (nextDef < 0 || i < nextDef) && b.kind === "paragraph" && !b.keep && !b.explicit && defRe.test(b.text));
    if (notes.length !== 1) continue;
    const note = notes[0]!.b;
    const id = report.id("recover-note-marker", `${label} ${marker.b.source ?? marker.b.text} ${note.source ?? note.text}`);
    if (report.skips(id)) continue; // undone: both stay as they were
    const before = plain(marker.b.text).trimEnd();
    marker.b.text = marker.b.text.trimEnd().replace(markerRe, noteMarker(label));
    report.add("recover-note-marker", marker.b, `…${before.slice(-40)}`, `…${before.slice(-40).replace(markerRe, `[${label}]`)}`, { id });
    note.ordinal = note.text[0];
    note.text = note.text.slice(1);
    note.kind = "note";
    note.label = label;
    const d: Def = { block: note, label, text: note.text, certain: true, id: report.id("move-note", note.source ?? note.text) };
    if (report.skips(d.id)) { note.kind = "paragraph"; note.keep = true; note.text = `${note.ordinal}${note.text}`; continue; }
    defs.set(note, d);
  }
}

/**
 * Notes found at a page's foot (repair/page-notes.ts) are linked to the markers on their own page, in
 * order — there a superscript may have become digits glued to a word ("life.1", "1957.2"), which
 * anywhere else would be too weak a sign.
 */
function markPageMarkers(blocks: RawBlock[], defs: Map<RawBlock, Def>, temp: (m: MarkerInfo) => string): void {
  const byPage = new Map<number, Def[]>();
  for (const d of defs.values()) {
    if (d.block.kind !== "note" || d.block.page === undefined) continue;
    byPage.set(d.block.page, [...(byPage.get(d.block.page) ?? []), d]);
  }
  for (const [page, pageDefs] of byPage) {
    let k = 0;
    for (const b of blocks) {
      if (k >= pageDefs.length) break;
      if (defs.has(b) || b.kind === "note" || b.page === undefined || b.page > page || (b.pageEnd ?? b.page) < page) continue;
      let from = 0;
      while (k < pageDefs.length) {
        const label = pageDefs[k]!.label;
        const m = findMarker(b.text, label, from);
        if (!m) break;
        // a superscript the parser recognised is a marker sentinel already (dropped if it stays an orphan)
        const sentinel = m.original.startsWith(NOTE_OPEN);
        const marker = temp({ label, original: sentinel ? "" : m.original, removeIfOrphan: sentinel });
        b.text = b.text.slice(0, m.index) + marker + b.text.slice(m.index + m.original.length);
        from = m.index + marker.length;
        k++;
      }
    }
  }
}

/** Replace every marker in a body text with a temporary sentinel from `temp`. */
function markMarkers(text: string, defined: Set<string>, temp: (m: MarkerInfo) => string, flagOrphans: boolean): string {
  let s = text;
  // sentinels already placed by the parsers / debris cleaner
  s = s.replace(/\uE000([^#\uE001][^\uE001]*)\uE001/g, (_m, label: string) => temp({ label, original: "", removeIfOrphan: true }));
  s = s.replace(/\[\^([^\]\s]{1,12})\]/g, (m, label: string) => (defined.has(label) ? temp({ label, original: m, removeIfOrphan: false }) : m));
  s = s.replace(/(?<=\S)\s?\[(\d{1,3}|[*†‡]{1,3})\]/g, (m, label: string, offset: number) => {
    if (defined.has(label)) return temp({ label, original: m, removeIfOrphan: false });
    // glued to the end of a word or sentence ("Stalin.[1]"): a note marker whose note is missing
    const glued = flagOrphans && /^\[\d{1,3}\]$/.test(m) && /[\p{L}.,;:!?’”"')]$/u.test(s.slice(0, offset));
    return glued ? temp({ label, original: m, removeIfOrphan: false, flagIfOrphan: true }) : m;
  });
  s = s.replace(/(?<=[\p{L}\p{N}.,;:!?’”"')])\^(\d{1,3})\b/gu, (m, label: string) => (defined.has(label) ? temp({ label, original: m, removeIfOrphan: false }) : m));
  s = s.replace(/(?<=[\p{L}.,;:!?’”"')])([¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})/gu, (m, sup: string) => {
    const label = [...sup].map((c) => SUPERSCRIPT_DIGITS[c]).join("");
    return defined.has(label) ? temp({ label, original: m, removeIfOrphan: false }) : m;
  });
  if (/[*†‡]/.test(s)) {
    const masked: Array<[number, number]> = [];
    for (const m of s.matchAll(EMPHASIS_SPAN_RE)) masked.push([m.index! + m[1]!.length, m.index! + m[0].length]);
    s = s.replace(SYMBOL_MARKER_RE, (m, _sym: string, offset: number) => {
      if (masked.some(([a, b]) => offset >= a && offset < b)) return m;
      return temp({ label: m, original: m, removeIfOrphan: true });
    });
  }
  return s;
}
