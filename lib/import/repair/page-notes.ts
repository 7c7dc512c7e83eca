/**
 * Notes at the foot of each page (scanned journals, PDF text, OCR output). Line level, after the page
 * furniture is gone: a page's last lines are its notes when they start with consecutive labels
 * ("1. Ilya Ehrenburg …", "2 See …") and the page's own text above carries a marker for each label, in
 * order ("out of life.1", "the spring of 1957.2", "[3]", "³"). A note the page could not hold runs on
 * at the top of the next page's notes. The notes' lines leave the running text, so a paragraph the
 * notes interrupted is whole again; linking the markers is notes.ts's job (it reports the moves).
 */
import type { Report } from "../raw";
import { findMarker, leadingLabel } from "../markers";
import { endsSentence, startsLowercase } from "../text-utils";
import { unwrapLines } from "./join-text";

export const PAGE_BREAK = "\f"; // same tokens as parse/text.ts (kept local to avoid an import cycle)
export const PAGE_GLUE = "\v";

export interface PageNote {
  label: string;
  /** the label as the page wrote it ("1.", "[2]", "³") */
  written: string;
  /** the note's text, lines unwrapped (line-end hyphens marked for repair/hyphens.ts) */
  text: string;
  /** the note's lines as they stood */
  source: string;
  /** index of its first line */
  line: number;
  /** 0-based page index */
  page: number;
}

export interface PageNotes {
  /** the lines with every note line blanked */
  lines: string[];
  notes: PageNote[];
  /** page index of every line */
  pageOfLine: number[];
}

const isBoundary = (l: string) => l === PAGE_BREAK || l === PAGE_GLUE || (l.trim() === "" && (l.includes(PAGE_BREAK) || l.includes(PAGE_GLUE)));
const isBlank = (l: string) => /^[ \t]*$/.test(l);

interface Zone {
  start: number; // position in the page's non-blank line list
  notes: Array<{ label: string; written: string; lines: number[] }>;
  /** lines above the first label that finish the previous page's last note */
  carried: number[];
}

/** Pages are the stretches between page boundaries (form feeds, removed running heads and page numbers). */
function paginate(lines: string[]): { pages: number[][]; pageOfLine: number[] } {
  const pages: number[][] = [];
  const pageOfLine: number[] = [];
  let current: number[] = [];
  lines.forEach((l, i) => {
    if (isBoundary(l)) {
      if (current.some((j) => !isBlank(lines[j]!))) { pages.push(current); current = []; }
      pageOfLine[i] = pages.length;
      return;
    }
    current.push(i);
    pageOfLine[i] = pages.length;
  });
  if (current.length) pages.push(current);
  return { pages, pageOfLine };
}

export function findPageNotes(input: string[], report: Report, keep: (line: string) => boolean): PageNotes {
  const lines = [...input];
  const { pages, pageOfLine } = paginate(lines);
  const notes: PageNote[] = [];
  let next: number | null = null; // the number the next numbered note must carry
  pages.forEach((page, p) => {
    const content = page.filter((i) => !isBlank(lines[i]!) && !keep(lines[i]!));
    const zone = findZone(lines, content, next, notes[notes.length - 1]);
    if (!zone) return;
    if (zone.carried.length) {
      const prev = notes[notes.length - 1]!;
      const carried = zone.carried.map((i) => lines[i]!.trim());
      const id = report.id("join-note-fragment", carried.join("\n"));
      if (!report.skips(id)) {
        report.add("join-note-fragment", null, `${prev.text.slice(-40)} ¶ ${carried.join(" ").slice(0, 40)}`, "", { id, line: zone.carried[0] });
        prev.text = unwrapLines([prev.text, ...carried]);
        prev.source += "\n" + carried.join("\n");
        for (const i of zone.carried) lines[i] = "";
      }
    }
    for (const n of zone.notes) {
      const first = leadingLabel(lines[n.lines[0]!]!.trim())!;
      const texts = [first.text, ...n.lines.slice(1).map((i) => lines[i]!.trim())];
      notes.push({ label: n.label, written: n.written, text: unwrapLines(texts), source: n.lines.map((i) => lines[i]!.trim()).join("\n"), line: n.lines[0]!, page: p });
      for (const i of n.lines) lines[i] = "";
      if (/^\d+$/.test(n.label)) next = Number(n.label) + 1;
    }
  });
  return { lines, notes, pageOfLine };
}

/**
 * The notes at the foot of one page: from the first labelled line (top down) from which every line to
 * the page's end is a note line, the labels run on from the last note (numbers: consecutive; the
 * first note of the document may start anywhere), and the text above has each label's marker in order.
 */
function findZone(lines: string[], content: number[], next: number | null, previous: PageNote | undefined): Zone | null {
  const carriedOnly = carriedLines(lines, content, content.length, previous);
  for (let z = 0; z < content.length; z++) {
    const first = leadingLabel(lines[content[z]!]!.trim());
    if (!first || z === 0) continue;
    const notes: Zone["notes"] = [];
    let ok = true;
    for (let k = z; k < content.length && ok; k++) {
      const line = lines[content[k]!]!;
      const l = leadingLabel(line.trim());
      const last = notes[notes.length - 1];
      const expected = last ? nextLabel(last.label) : next === null || !/^\d+$/.test(first.label) ? first.label : String(next);
      if (l && l.label === expected) notes.push({ label: l.label, written: l.written, lines: [content[k]!] });
      // a note's next line: the line right under it, or — while the note is unfinished — one after a
      // blank line or one that happens to start with a number, too (a finished note followed by a
      // blank line and a new paragraph is not a page's foot: the page's text goes on)
      else if (last && (((!l && content[k]! === last.lines[last.lines.length - 1]! + 1)) || !endsSentence(last.lines.map((i) => lines[i]!).join(" ")))) last.lines.push(content[k]!);
      else ok = false;
    }
    if (!ok || !notes.length) continue;
    const carried = carriedLines(lines, content, z, previous);
    const body = content.slice(0, z - carried.length).map((i) => lines[i]!).join("\n");
    let from = 0;
    for (const n of notes) {
      const m = findMarker(body, n.label, from);
      if (!m) { ok = false; break; }
      from = m.index + m.original.length;
    }
    if (ok) return { start: z, notes, carried };
  }
  return carriedOnly.length ? { start: content.length, notes: [], carried: carriedOnly } : null;
}

/** "1" → "2"; "*" → "**"; "†" → "‡". */
function nextLabel(label: string): string {
  if (/^\d+$/.test(label)) return String(Number(label) + 1);
  if (/^\*+$/.test(label)) return label + "*";
  if (label === "†") return "‡";
  return label + label[0];
}

/**
 * Lines just above `end` that finish the previous page's unfinished last note: set off from the page's
 * text by a blank line, starting in lowercase (a note's words running on).
 */
function carriedLines(lines: string[], content: number[], end: number, previous: PageNote | undefined): number[] {
  if (!previous || endsSentence(previous.text) || end < 2) return [];
  // the run of lines directly above `end` with no blank line among them…
  let start = end - 1;
  while (start > 0 && content[start]! === content[start - 1]! + 1) start--;
  // …set off by a blank line from the page's text above it
  if (start === 0) return [];
  const run = content.slice(start, end);
  return startsLowercase(lines[run[0]!]!.trim()) ? run : [];
}
