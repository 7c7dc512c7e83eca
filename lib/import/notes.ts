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
}

export function linkNotes(blocks: RawBlock[], parserNotes: RawNote[], report: Report): { blocks: RawBlock[]; notes: LinkedNote[] } {
  // 1. definitions
  const defs = new Map<RawBlock, Def>();
  let inNotesSection = false;
  for (const b of blocks) {
    const heading = b.kind === "heading" || (b.kind === "paragraph" && NOTES_HEADING_RE.test(plain(b.text).trim()));
    if (heading) { inNotesSection = NOTES_HEADING_RE.test(plain(b.text).trim()); continue; }
    const d = definitionOf(b, inNotesSection);
    if (!d) continue;
    d.id = report.id("move-note", b.source ?? b.text);
    // undone: the note stays in the body as a paragraph, and markers with its label do not point at it
    if (report.skips(d.id)) { b.keep = true; if (b.kind === "note") b.kind = "paragraph"; continue; }
    defs.set(b, d);
  }
  const definedLabels = new Set<string>([...defs.values()].map((d) => d.label));
  for (const n of parserNotes) definedLabels.add(n.label);

  // 2. markers → temporary sentinels carrying an id
  const markers: MarkerInfo[] = [];
  const temp = (info: MarkerInfo) => { markers.push(info); return NOTE_OPEN + "#" + (markers.length - 1) + NOTE_CLOSE; };
  for (const b of blocks) {
    if (defs.has(b)) continue;
    b.text = markMarkers(b.text, definedLabels, temp);
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
      report.add("move-note", null, plain(b.text), `note ${final}: ${plain(d.text)}`, { id: d.id, near: b });
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

/** Replace every marker in a body text with a temporary sentinel from `temp`. */
function markMarkers(text: string, defined: Set<string>, temp: (m: MarkerInfo) => string): string {
  let s = text;
  // sentinels already placed by the parsers / debris cleaner
  s = s.replace(/\uE000([^#\uE001][^\uE001]*)\uE001/g, (_m, label: string) => temp({ label, original: "", removeIfOrphan: true }));
  s = s.replace(/\[\^([^\]\s]{1,12})\]/g, (m, label: string) => (defined.has(label) ? temp({ label, original: m, removeIfOrphan: false }) : m));
  s = s.replace(/(?<=\S)\s?\[(\d{1,3}|[*†‡]{1,3})\]/g, (m, label: string) => (defined.has(label) ? temp({ label, original: m, removeIfOrphan: false }) : m));
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
