/**
 * Running headers/footers, page numbers, classification banners and redaction codes: page furniture,
 * not the author's text. Recognised by shape (lone numbers, codes) and by repetition (short lines seen
 * on many pages), never by particular words of a particular document.
 */
import type { RawBlock, Report } from "../raw";
import { KEEP_LINE, plain } from "../sentinel";
import { endsSentence, wordCount } from "../text-utils";

const PAGE_BREAK = "\f"; // same token as parse/text.ts (kept local to avoid an import cycle)
const PAGE_GLUE = "\v"; // same token as parse/text.ts

/** Declassification / FOIA exemption codes: 25X1, 25X1A2g, 50X1-HUM, (b)(3). */
const CODE = String.raw`(?:\d{2}X\d[A-Za-z0-9]*(?:-[A-Z]{2,5})?|\(b\)\s?\(\d\)(?:\([A-Z]\))?)`;
const CODE_LINE_RE = new RegExp(`^(?:${CODE}[\\s,;]*)+$`);
const TRAILING_CODES_RE = new RegExp(`((?:[.!?…]["'”’)]*)|[\\p{L}\\d])((?:\\s+${CODE})+)\\s*$`, "u");

const PAGE_NUMBER_RE =
  /^\s*(?:[-–—]\s*)?(?:(?:page|p\.|pg\.?)\s*)?\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?(?:\s*[-–—])?\s*$|^\s*\[\s*\d{1,4}\s*\]\s*$/i;

const CLASSIFICATION_RE =
  /^(?:(?:top\s+)?secret|confidential|unclassified|restricted|for official use only|classified|security information|eyes only|noforn)(?:\s*(?:\/\/|[-–—/:,])\s*[A-Z][A-Z /-]*)?$/i;
const RELEASE_STAMP_RE = /approved for release|sanitized copy approved|CIA-RDP\d|declassified (?:and approved|in part|authority)/i;

/**
 * Lines a download or an archive stamps on every page: "This content downloaded from 198.51.100.23 on
 * Tue, 14 Jan 2020 …", "All use subject to https://about.jstor.org/terms", "Downloaded from … by guest
 * on …", "Access provided by … (date)", "Brought to you by … Authenticated", "Preview the article: …".
 */
const STAMP_RE =
  /^(?:this content downloaded (?:from|by)\b|all use subject to\b.{0,60}\b(?:terms|conditions)\b|downloaded (?:from|by)\b.{0,160}\b(?:on|at)\b.{0,40}\d|access provided (?:by|at)\b.{0,160}\(\w|brought to you by\b.{0,120}\bauthenticated\b|preview (?:the|this) (?:article|chapter)\b)/i;

/** An archive's terms, printed on its cover page: "JSTOR is a not-for-profit service … Terms & Conditions of Use". */
const ARCHIVE_TERMS_RE =
  /\b(?:is a not-for-profit service that helps scholars|your use of the \w+ archive indicates your acceptance|terms (?:and|&) conditions of use, available at)\b/i;

/** A stamp line (`paragraph`: or a whole paragraph of an archive's terms). */
export function isDownloadStamp(s: string, paragraph = false): boolean {
  const t = plain(s).trim().replace(/\s+/g, " ");
  return (t.length <= 240 && STAMP_RE.test(t)) || (paragraph && t.length <= 800 && ARCHIVE_TERMS_RE.test(t));
}

/** Chapter-like lines repeat legitimately ("Chapter 1", "Chapter 2" …): never page furniture. */
const STRUCTURAL_RE = /^(?:chapter|part|book|section|act|scene|canto|letter|article|lecture|appendix)\b/i;

/** `s` without declassification codes trailing it ("… activity. 25X1A9a" → "… activity."). */
export function withoutTrailingCodes(s: string): string {
  const m = s.match(TRAILING_CODES_RE);
  return m && m.index !== undefined ? s.slice(0, m.index + m[1]!.length) : s;
}

export function isPageNumber(s: string): boolean {
  return PAGE_NUMBER_RE.test(plain(s));
}

export function isRedactionCodeLine(s: string): boolean {
  return CODE_LINE_RE.test(plain(s).trim());
}

export function isClassificationLine(s: string): boolean {
  const t = plain(s).trim().replace(/^[*_~#\s]+|[*_~\s]+$/g, "");
  return CLASSIFICATION_RE.test(t) || (RELEASE_STAMP_RE.test(t) && wordCount(t) <= 16);
}

/** Letters only, lowercased: "THE REPORTER 23" and "24 The Reporter" share a key. */
function headerKey(s: string): string {
  return plain(s).toLowerCase().replace(/[^\p{L}]+/gu, " ").trim();
}

/** A table-of-contents entry: "9. Bearer tokens and access control ......... 9" (dot leaders, then a page number). */
const CONTENTS_LINE_RE = /\S.*?(?:\.\s?){4,}\s*\d{1,4}\s*$/;

export function isContentsLine(s: string): boolean {
  const t = plain(s).trim();
  // a contents entry is one printed line: the length bound keeps the test linear on hostile long lines
  return t.length <= 160 && CONTENTS_LINE_RE.test(t);
}

function headerCandidate(s: string): boolean {
  const t = plain(s).replace(/\s+/g, " ").trim();
  if (t.length > 70 || t.length === 0) return false;
  // a contents entry names a section (its heading comes later): never a running head, and it must not make
  // the heading it names look repeated
  if (isContentsLine(t)) return false;
  const words = wordCount(t);
  if (words > 10) return false;
  if (endsSentence(t) && words > 5) return false;
  if (STRUCTURAL_RE.test(t)) return false;
  return headerKey(t).replace(/ /g, "").length >= 3;
}

/** Furniture by shape alone: page numbers, codes, classification banners. */
export function isPageFurniture(s: string): boolean {
  return isPageNumber(s) || isRedactionCodeLine(s) || isClassificationLine(s);
}

/** A running head that carries its page number on the same line: "THE ETHICS OF BELIEF      12", "14  W. K. CLIFFORD". */
const TRAILING_PAGE_RE = /^(\S.*?)\s+[-–—]?\s*(\d{1,4})\s*[-–—]?$/;
const LEADING_PAGE_RE = /^[-–—]?\s*(\d{1,4})\s*[-–—]?\s+(\S.*)$/;

/** `t` split into its words and the page number on the same line, or null when it has none. */
function withPageNumber(t: string): { text: string; page: string } | null {
  const p = plain(t).trim();
  const m = p.match(TRAILING_PAGE_RE);
  if (m && /\p{L}/u.test(m[1]!)) return { text: m[1]!, page: m[2]! };
  const l = p.match(LEADING_PAGE_RE);
  if (l && /\p{L}/u.test(l[2]!)) return { text: l[2]!, page: l[1]! };
  return null;
}

/** The numbers on a line ("12", "3,12"), or null when it has none. */
function numbersOf(t: string): string | null {
  const n = plain(t).match(/\b\d{1,4}\b/g);
  return n ? n.join(",") : null;
}

/** Set in capitals or title case, as running heads are ("THE ETHICS OF BELIEF", "W. K. Clifford"). */
function headLike(s: string): boolean {
  const words = s.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length === 0) return false;
  const lower = words.filter((w) => /^[^\p{L}]*\p{Ll}/u.test(w));
  // small words may stay lowercase in title case ("Ethics of Belief"); the first word may not
  return !/^[^\p{L}]*\p{Ll}/u.test(words[0]!) && lower.every((w) => w.replace(/[^\p{L}]/gu, "").length <= 4);
}

/**
 * Which short lines are running heads. A line is furniture when its words (letters only, any case)
 * - stand on ≥ `minRepeats` lines, or
 * - stand, with a page number on the same line, on two lines with different numbers ("REVIEW 12", "REVIEW 13"), or
 * - are the document's opening title or author line and come back later with a page number on the same line
 *   (scanned books alternate "THE ETHICS OF BELIEF  12" / "W. K. CLIFFORD  13").
 * The opening lines themselves (the title, the byline) are kept unless the words stand alone on ≥ `minRepeats` lines.
 */
class RunningHeads {
  private readonly total = new Map<string, number>();
  private readonly bare = new Map<string, number>();
  private readonly pages = new Map<string, Set<string>>();
  private readonly opening = new Set<string>();
  /** Index of the first text after the opening lines. */
  private readonly openingEnd: number;
  /**
   * The opening-line rule holds for the whole document: its lines carry ≥ 2 different numbers that are not
   * 1, 2, 3 … in order (a contents list followed by "1 Introduction", "2 Method" is section numbering).
   */
  private readonly openingRule: boolean;
  /** Lines at a page's edge whose page number follows or precedes another edge line's: 12, 13, 14 … */
  private readonly inSequence = new Set<number>();

  /**
   * `nearBreak(i)`: the text at `i` stands next to a page break (a running head may stand alone there).
   * `atEdge(i)`: when the text's pages are known (it has page breaks), whether the text at `i` stands at a
   * page's edge. Then only lines at pages' edges count as repeats and can be running heads: a line repeated
   * inside pages ("HTTP/1.1 200 OK" in a protocol's examples, "Content-Type: application/json") is text.
   */
  constructor(
    texts: string[],
    private readonly minRepeats: number,
    private readonly nearBreak: (index: number) => boolean = () => false,
    private readonly atEdge: ((index: number) => boolean) | null = null,
  ) {
    let i = 0;
    // the opening: short lines before the first line of prose (at most a handful)
    for (let seen = 0; i < texts.length && seen < 6; i++) {
      const t = plain(texts[i]!).trim();
      if (!t || t === PAGE_BREAK) continue;
      seen++;
      if (t.length > 80 || (endsSentence(t) && wordCount(t) > 5)) break;
      if (headerCandidate(t) && !withPageNumber(t)) this.opening.add(headerKey(t));
    }
    this.openingEnd = i;
    for (const [index, t] of texts.entries()) {
      if (!headerCandidate(t) || (atEdge && !atEdge(index))) continue;
      const k = headerKey(t);
      this.total.set(k, (this.total.get(k) ?? 0) + 1);
      const n = numbersOf(t);
      if (n) {
        if (!this.pages.has(k)) this.pages.set(k, new Set());
        this.pages.get(k)!.add(n);
      } else this.bare.set(k, (this.bare.get(k) ?? 0) + 1);
    }
    const numbers: number[] = [];
    texts.forEach((t, index) => {
      if (!headerCandidate(t) || !numbersOf(t)) return;
      const numbered = this.openingNumbered(t, index);
      if (numbered) numbers.push(Number(numbered.page));
    });
    // page numbers at the pages' edges, in order: a head set once (an odd page's head in a three-page
    // article) is still furniture when its number runs on from the page before ("12 REVIEW" … "HARBOUR 13")
    const edges: Array<{ index: number; page: number }> = [];
    texts.forEach((t, index) => {
      if (!nearBreak(index)) return;
      const numbered = withPageNumber(t);
      const page = numbered && headerCandidate(t) && headLike(numbered.text) ? Number(numbered.page) : isPageNumber(t) ? Number(plain(t).match(/\d+/)![0]) : null;
      if (page !== null) edges.push({ index, page });
    });
    edges.forEach((e, k) => {
      const prev = edges[k - 1], next = edges[k + 1];
      if ((prev && e.page === prev.page + 1) || (next && next.page === e.page + 1)) this.inSequence.add(e.index);
    });
    const sectionNumbering = numbers[0] === 1 && numbers.every((n, i) => i === 0 || n === numbers[i - 1]! + 1);
    this.openingRule = new Set(numbers).size >= 2 && !sectionNumbering;
  }

  /** The line is an opening title/author line come back with a number on the same line. */
  private openingNumbered(t: string, index: number): { text: string; page: string } | null {
    if (index < this.openingEnd || !this.opening.has(headerKey(t))) return null;
    const numbered = withPageNumber(t);
    return numbered && headLike(numbered.text) ? numbered : null;
  }

  /** Is the text at `index` (in the array given to the constructor) a running head? */
  isHead(t: string, index: number): boolean {
    if (!headerCandidate(t)) return false;
    if (this.atEdge && !this.atEdge(index)) return false;
    const k = headerKey(t);
    const total = this.total.get(k) ?? 0;
    if (!numbersOf(t)) {
      if ((this.bare.get(k) ?? 0) >= this.minRepeats) return true;
      // an opening title/author line whose words come back as a numbered running head stays (it is the title)
      if (index < this.openingEnd && this.opening.has(k)) return false;
      return total >= this.minRepeats;
    }
    if (total >= this.minRepeats || (this.pages.get(k)?.size ?? 0) >= 2) return true;
    if (this.inSequence.has(index) && withPageNumber(t)) return true;
    return !!this.openingNumbered(t, index) && (this.openingRule || this.nearBreak(index));
  }
}

const MIN_REPEATS = 3;

/** Line level (plain text, PDF): drop furniture lines before paragraphs are assembled. */
export function dropRepeatedLines(lines: string[], report: Report): string[] {
  const trimmed = lines.map((l) => l.trim());
  // "\f" and "\v" are whitespace to trim(): compare the lines as they stand
  const isBreak = (l: string | undefined) => l !== undefined && (l.trim() === "" && (l.includes(PAGE_BREAK) || l.includes(PAGE_GLUE)));
  const nearBreak = (index: number): boolean => {
    let i = index - 1;
    while (i >= 0 && /^[ \t]*$/.test(lines[i]!)) i--;
    let j = index + 1;
    while (j < lines.length && /^[ \t]*$/.test(lines[j]!)) j++;
    return isBreak(lines[i]) || isBreak(lines[j]);
  };
  // a running head set on its own line with the page number on the next (or previous) one counts as
  // numbered: "JOURNAL OF COLD WAR STUDIES" / "48"
  const seen = trimmed.map((t, i) => {
    if (!t || numbersOf(t) || !headerCandidate(t)) return t;
    const n = adjacentPageNumber(trimmed, i);
    return n ? `${t} ${n}` : t;
  });
  // within three lines of a page boundary (a stamp may take two lines; a page number may follow it); the
  // text's start and end are the first page's top and the last page's foot
  const nearEdge = (index: number): boolean => {
    for (const dir of [-1, 1]) {
      let j = index + dir;
      for (let seenLines = 0; j >= 0 && j < lines.length && seenLines < 3; j += dir) {
        if (isBreak(lines[j])) return true;
        if (!/^[ \t]*$/.test(lines[j]!)) seenLines++;
      }
      if (j < 0 || j >= lines.length) return true;
    }
    return false;
  };
  // a text with page breaks (three pages or more) shows where its pages' edges are: running heads stand there
  const paged = lines.filter((l) => l.includes(PAGE_BREAK)).length >= 2;
  const heads = new RunningHeads(seen, MIN_REPEATS, nearBreak, paged ? nearEdge : null);
  const stamps = repeatedAtPageEdges(trimmed, nearEdge);
  const contents = contentsRuns(trimmed);
  const out: string[] = [];
  lines.forEach((line, index) => {
    const t = line.trim();
    if (!t || line === "\v") { out.push(line); return; }
    const rule = stamps.has(index) ? "drop-download-stamp" : contents.has(index) ? "drop-contents" : furnitureRule(seen[index]!, heads, index);
    if (rule) {
      const id = report.id(rule, t);
      if (report.skips(id)) { out.push(KEEP_LINE + line); return; } // undone: the line stays, as a block of its own
      report.add(rule, null, t.replace(/\s+/g, " "), "", { id, line: index });
      out.push(PAGE_BREAK); // a removed header marks the page boundary it stood at
      return;
    }
    out.push(line);
  });
  return out;
}

/**
 * A printed table of contents: runs of three or more contents entries ("4. Requests ........ 4"), blank
 * lines allowed between them. Its page numbers mean nothing in a reading (the headings stay in the text).
 */
function contentsRuns(lines: string[]): Set<number> {
  const out = new Set<number>();
  let run: number[] = [];
  const close = () => { if (run.length >= 3) for (const i of run) out.add(i); run = []; };
  lines.forEach((t, i) => {
    if (!t) return;
    if (isContentsLine(t)) run.push(i);
    else close();
  });
  close();
  return out;
}

/** The page number standing alone on the nearest non-blank line before or after line `i` (at most two lines away). */
function adjacentPageNumber(lines: string[], i: number): string | null {
  for (const dir of [1, -1]) {
    for (let j = i + dir, steps = 0; j >= 0 && j < lines.length && steps < 3; j += dir, steps++) {
      const t = lines[j]!;
      if (!t) continue;
      if (isPageNumber(t)) return t.match(/\d+/)![0];
      break;
    }
  }
  return null;
}

/**
 * Long lines (a stamp, a licence notice) that come back, word for word, at the edge of at least three
 * pages: furniture, however many words they have. Numbers may differ (a time, a page).
 */
function repeatedAtPageEdges(lines: string[], nearBreak: (index: number) => boolean): Set<number> {
  const byKey = new Map<string, number[]>();
  lines.forEach((line, i) => {
    const t = line.replace(/\s+/g, " "); // a running head spaced across the page is no long line
    if (t.length <= 70 || t.length > 240 || !nearBreak(i)) return;
    const k = headerKey(t);
    if (k.length < 20) return;
    byKey.set(k, [...(byKey.get(k) ?? []), i]);
  });
  const out = new Set<number>();
  for (const at of byKey.values()) if (at.length >= MIN_REPEATS) for (const i of at) out.add(i);
  return out;
}

function furnitureRule(t: string, heads: RunningHeads, index: number): string | null {
  if (isDownloadStamp(t)) return "drop-download-stamp";
  if (isPageNumber(t)) return "drop-page-number";
  if (isRedactionCodeLine(t)) return "drop-redaction-code";
  if (isClassificationLine(t)) return "drop-classification-banner";
  if (heads.isHead(t, index)) return "drop-running-header";
  return null;
}

/**
 * When every block knows its page (a paged plain text or PDF, three pages or more): whether candidate `i`
 * is the first or last block of its page (or stands by a page break). Otherwise null: pages unknown.
 */
function pageEdges(candidates: RawBlock[], byBreak: Set<number>): ((index: number) => boolean) | null {
  if (candidates.length === 0 || candidates.some((b) => b.page === undefined)) return null;
  if (new Set(candidates.map((b) => b.page)).size < 3) return null;
  return (i) => {
    const b = candidates[i]!, prev = candidates[i - 1], next = candidates[i + 1];
    return byBreak.has(i) || !prev || !next || prev.pageEnd !== b.page || next.page !== (b.pageEnd ?? b.page);
  };
}

/** Block level (all formats): drop furniture blocks; strip codes trailing a paragraph. */
export function dropRunningHeaders(blocks: RawBlock[], report: Report): RawBlock[] {
  const candidates = blocks.filter((b) => b.kind !== "note" && !b.keep && !b.markup && !(b.kind === "heading" && b.explicit));
  const position = new Map(candidates.map((b, i) => [b, i]));
  // candidates standing next to a page break (a break block between them and their neighbour)
  const byBreak = new Set<number>();
  let prev: RawBlock | null = null;
  for (const b of blocks) {
    if (b.kind === "break") {
      if (prev && position.has(prev)) byBreak.add(position.get(prev)!);
      prev = b;
      continue;
    }
    if (prev?.kind === "break" && position.has(b)) byBreak.add(position.get(b)!);
    prev = b;
  }
  const heads = new RunningHeads(candidates.map((b) => b.text), MIN_REPEATS, (i) => byBreak.has(i), pageEdges(candidates, byBreak));
  const out: RawBlock[] = [];
  for (const b of blocks) {
    if (b.kind === "break" || b.keep) { out.push(b); continue; }
    const t = plain(b.text).trim();
    const explicitHeading = b.kind === "heading" && b.explicit;
    let rule: string | null = null;
    if (isDownloadStamp(t, true)) rule = "drop-download-stamp";
    else if (isPageNumber(t)) rule = "drop-page-number";
    else if (isRedactionCodeLine(t)) rule = "drop-redaction-code";
    else if (isClassificationLine(t)) rule = "drop-classification-banner";
    else if (!explicitHeading && b.kind !== "note" && position.has(b) && heads.isHead(t, position.get(b)!)) rule = "drop-running-header";
    if (rule) {
      const id = report.id(rule, b.source ?? b.text);
      if (report.skips(id)) { b.keep = true; out.push(b); continue; } // undone: the block stays
      report.add(rule, null, t, "", { id, near: b });
      continue;
    }
    const m = b.text.match(TRAILING_CODES_RE);
    if (m && m.index !== undefined) {
      const id = report.id("drop-redaction-code", b.source ?? b.text);
      if (!report.skips(id)) {
        b.text = b.text.slice(0, m.index + m[1]!.length);
        report.add("drop-redaction-code", b, m[2]!.trim(), "", { id });
      }
    }
    out.push(b);
  }
  return out;
}
