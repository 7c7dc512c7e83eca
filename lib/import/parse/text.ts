/** Plain text → raw blocks. Blank lines separate blocks; hard-wrapped lines are unwrapped into paragraphs. */
import type { RawBlock, RawDoc, Report } from "../raw";
import { dropRepeatedLines } from "../repair/headers";
import { joinText, unwrapLines } from "../repair/join-text";
import { wordsAtEnd, wordsAtStart } from "../repair/join";
import { findPageNotes } from "../repair/page-notes";
import { endsSentence, endsWithFunctionWord, startsLowercase } from "../text-utils";
import { KEEP_LINE, plain } from "../sentinel";

const BULLET_RE = /^\s*[•·▪◦‣●○■□–*+-]\s+(?=\S)/;
const NUMBERED_RE = /^\s*\(?(\d{1,3}|[ivxlc]{1,6}|[a-z])[.)]\s+(?=\S)/i;
const META_LINE_RE = /^[A-Z][A-Za-z ]{1,30}(?:\(s\))?:\s+\S/;
/** A line standing for a page boundary (form feed, removed running header). */
export const PAGE_BREAK = "\f";
/** A page boundary inside a paragraph (the PDF reader saw the page end at the right margin). */
export const PAGE_GLUE = "\v";
const SETEXT_RE = /^\s*(={3,}|-{3,})\s*$/;

interface Line {
  text: string;
  indent: number;
  /** first line after a page boundary */
  afterBreak?: boolean;
  /** index in the line array (to place line-level removals next to the block that follows them) */
  index: number;
  /** a line whose removal the user undid: a block of its own */
  keep?: boolean;
  /** the line continues the previous one across a glued page turn (PAGE_GLUE): reported as a join */
  glued?: { prev: string; id: string };
  /** the user undid the join of this line to the one before the page turn */
  unjoined?: boolean;
}

/**
 * `pages: false`: the text is one stretch of preformatted text (a web page's <pre> code block), not pages of
 * a document: no running heads, page numbers or notes at page feet are looked for (a line repeated in code
 * is code).
 */
export function parseText(input: string, report: Report, opts: { pages?: boolean } = {}): RawDoc {
  const normalized = input.replace(/\r\n?/g, "\n").replace(/\f/g, "\n" + PAGE_BREAK + "\n");
  const split = normalized.split("\n");
  const furnished = opts.pages === false ? split : dropRepeatedLines(split, report);
  const { lines, notes, pageOfLine } = opts.pages === false
    ? { lines: furnished, notes: [], pageOfLine: [] as Array<number | undefined> }
    : findPageNotes(furnished, report, (l) => l.startsWith(KEEP_LINE));
  const groups = groupByBlankLines(lines, report);
  const width = wrapWidth(groups);
  const baseIndent = typicalIndent(groups);
  const paraIndent = firstLineIndent(groups, baseIndent);
  const blankSeparated = separatesParagraphsWithBlankLines(groups);
  const blocks: RawBlock[] = [];
  const firstLines: number[] = [];
  const lastLengths: number[] = [];
  for (const group of groups) {
    for (const piece of splitGroup(group, blankSeparated ? width * 0.8 : width, baseIndent)) {
      const block = toBlock(piece, baseIndent, paraIndent);
      reportParseRepairs(block, piece, report);
      const last = piece[piece.length - 1]!;
      const lastLength = last.text.length + last.indent;
      if (Number.isFinite(width) && lastLength >= width * 0.85 && lastLength <= width * 1.1) block.fullWidth = true;
      if (piece[0]!.afterBreak) block.afterBreak = true;
      block.page = pageOfLine[piece[0]!.index];
      block.pageEnd = pageOfLine[last.index];
      blocks.push(block);
      firstLines.push(piece[0]!.index);
      lastLengths.push(lastLength);
    }
  }
  // a block whose last line reached the margin before a page turn ran on, unless the next page's
  // first word would have fitted on that line (then the line, and the paragraph, ended there)
  for (let i = 0; i + 1 < blocks.length; i++) {
    const next = blocks[i + 1]!;
    if (!blocks[i]!.fullWidth || !next.afterBreak) continue;
    const firstWord = plain(next.text).trimStart().split(/\s/, 1)[0]!.length;
    if (lastLengths[i]! + 1 + firstWord <= width) blocks[i]!.fullWidth = false;
  }
  // the notes found at the pages' feet stand where their first line stood (notes.ts moves them out)
  for (const n of notes) {
    const at = firstLines.findIndex((first) => first > n.line);
    const note: RawBlock = { kind: "note", label: n.label, ordinal: `${n.written} `, text: n.text, source: n.source, page: n.page, pageEnd: n.page };
    blocks.splice(at < 0 ? blocks.length : at, 0, note);
    firstLines.splice(at < 0 ? firstLines.length : at, 0, n.line);
  }
  // a removed line stood next to the block that follows it (or, at the end, the last block)
  report.bindLines((line) => blocks[firstLines.findIndex((first) => first > line)] ?? blocks[blocks.length - 1]);
  return { blocks, notes: [], meta: {} };
}

function groupByBlankLines(lines: string[], report: Report): Line[][] {
  const groups: Line[][] = [];
  let current: Line[] = [];
  let pendingBreak = false;
  let glue = false;
  let glueNext = false;
  let unjoined = false;
  for (const [index, raw] of lines.entries()) {
    if (raw.startsWith(KEEP_LINE)) {
      // a furniture line the user kept: a block of its own, wherever it stood
      if (current.length) groups.push(current);
      current = [];
      groups.push([{ text: raw.slice(KEEP_LINE.length).trim(), indent: 0, index, keep: true }]);
      glue = false;
      continue;
    }
    if (raw === PAGE_GLUE) { glue = current.length > 0; glueNext = glue; continue; }
    if (glue && (raw === PAGE_BREAK || /^[ \t]*$/.test(raw))) continue; // furniture removed inside a glued page turn
    glue = false;
    // blank lines and furniture (notes taken out, a stamp) before a glued page turn do not end the paragraph
    if (current.length && (raw === PAGE_BREAK || /^[ \t]*$/.test(raw)) && glueAhead(lines, index)) continue;
    if (raw === PAGE_BREAK || /^[ \t]*$/.test(raw)) {
      if (raw === PAGE_BREAK) pendingBreak = true;
      if (current.length) groups.push(current);
      current = [];
      continue;
    }
    const expanded = raw.replace(/\t/g, "    ");
    const indent = expanded.length - expanded.trimStart().length;
    let glued: Line["glued"];
    if (glueNext && current.length) {
      // a paragraph running on across a page turn: reported (and undoable) like a join of two blocks
      const prev = current[current.length - 1]!.text;
      const id = report.id("join-page-break", `${prev} ¶ ${expanded.trim()}`);
      if (report.skips(id)) { groups.push(current); current = []; pendingBreak = true; unjoined = true; }
      else glued = { prev, id };
    }
    glueNext = false;
    const line: Line = { text: expanded.trim(), indent, index, afterBreak: pendingBreak && current.length === 0 ? true : undefined, glued };
    if (unjoined) { line.unjoined = true; unjoined = false; }
    current.push(line);
    pendingBreak = false;
  }
  if (current.length) groups.push(current);
  return groups;
}

/** Does a glued page turn (PAGE_GLUE) follow, with only blank lines and furniture before it? */
function glueAhead(lines: string[], index: number): boolean {
  for (let i = index + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (l === PAGE_GLUE) return true;
    if (l !== PAGE_BREAK && !/^[ \t]*$/.test(l)) return false;
  }
  return false;
}

/** The column text was wrapped at, or Infinity when lines are not hard-wrapped. */
function wrapWidth(groups: Line[][]): number {
  const lengths: number[] = [];
  for (const g of groups)
    for (let i = 0; i < g.length - 1; i++) {
      const next = g[i + 1]!.text;
      if (BULLET_RE.test(next) || NUMBERED_RE.test(next) || META_LINE_RE.test(next)) continue; // a new item, not a wrap
      lengths.push(g[i]!.text.length + g[i]!.indent);
    }
  if (lengths.length === 0) return Infinity;
  lengths.sort((a, b) => a - b);
  const p90 = lengths[Math.floor(lengths.length * 0.9)]!;
  const median = lengths[Math.floor(lengths.length / 2)]!;
  // Hard-wrapped text: inner lines are all close to one width (≤ ~120 columns). Lines that are whole
  // paragraphs (one per line) are longer and vary much more.
  if (p90 > (lengths.length < 5 ? 120 : 160) || median < p90 * 0.6) return Infinity;
  // the widest wrapped line is the margin — leaving out the few lines far wider than nearly all the
  // others (a cover page or a licence set in smaller type)
  const ceiling = p90 * 1.08;
  let widest = p90;
  for (const n of lengths) if (n <= ceiling) widest = n;
  return widest;
}

function typicalIndent(groups: Line[][]): number {
  const counts = new Map<number, number>();
  for (const g of groups) for (const l of g) counts.set(l.indent, (counts.get(l.indent) ?? 0) + 1);
  let best = 0, bestCount = -1;
  for (const [indent, n] of counts) if (n > bestCount || (n === bestCount && indent < best)) { best = indent; bestCount = n; }
  return best;
}

/** The indent of a paragraph's first line, when the text sets them in (the most common one), else null. */
function firstLineIndent(groups: Line[][], baseIndent: number): number | null {
  const counts = new Map<number, number>();
  for (const g of groups)
    for (let i = 0; i + 1 < g.length; i++)
      if (g[i]!.indent > baseIndent && g[i + 1]!.indent === baseIndent) counts.set(g[i]!.indent, (counts.get(g[i]!.indent) ?? 0) + 1);
  let best: number | null = null, bestCount = 1;
  for (const [indent, n] of counts) if (n > bestCount) { best = indent; bestCount = n; }
  return best;
}

/**
 * The text puts a blank line between paragraphs (most multi-line stretches end a sentence). Then a line
 * inside a stretch that ends a sentence a little short of the margin is a line of unjustified type
 * (OCR output), not the end of a paragraph: only a clearly short line ends one.
 */
function separatesParagraphsWithBlankLines(groups: Line[][]): boolean {
  const multi = groups.filter((g) => g.length >= 2);
  const finished = multi.filter((g) => endsSentence(g[g.length - 1]!.text) || /[.!?]["”’')]*\d{1,3}$/.test(g[g.length - 1]!.text));
  return finished.length >= 4 && finished.length >= multi.length * 0.7;
}

/** Split one blank-line-delimited group where a new paragraph / item evidently starts. */
function splitGroup(group: Line[], width: number, baseIndent: number): Line[][] {
  const pieces: Line[][] = [];
  let current: Line[] = [];
  for (let i = 0; i < group.length; i++) {
    const line = group[i]!;
    const prev = current[current.length - 1];
    const first = current[0];
    const leavesItem = !!first && BULLET_RE.test(first.text) && line.indent < first.indent;
    if (prev && (leavesItem || startsNewBlock(prev, line, width, baseIndent))) {
      pieces.push(current);
      current = [];
    }
    current.push(line);
  }
  if (current.length) pieces.push(current);
  return pieces;
}

function startsNewBlock(prev: Line, line: Line, width: number, baseIndent: number): boolean {
  if (SETEXT_RE.test(line.text) || SETEXT_RE.test(prev.text)) return SETEXT_RE.test(prev.text);
  // (a sentence may end with a note marker printed as digits: "… the spring of 1957.2")
  const prevDone = endsSentence(prev.text) || /:$/.test(prev.text) || /[.!?]["”’')]*\d{1,3}$/.test(prev.text);
  // the line ended early: the next line's first word would have fitted on it (a block quote's right
  // margin is indented as far as its left one)
  const firstWord = line.text.split(/\s/, 1)[0]!.length;
  const margin = prev.indent >= baseIndent + 4 && line.indent >= baseIndent + 4 ? width - (prev.indent - baseIndent) : width;
  const prevShort = prev.text.length + prev.indent + 1 + firstWord <= margin;
  if (BULLET_RE.test(line.text) && (/^\s*[•·▪◦‣●○■□]/.test(line.text) || prevDone || prevShort)) return true;
  if (NUMBERED_RE.test(line.text) && (prevDone || prevShort)) return true;
  if (META_LINE_RE.test(line.text) && (META_LINE_RE.test(prev.text) || prevShort)) return true;
  if (prevDone && line.indent > baseIndent && line.indent > prev.indent) return true; // indented first line
  if (prevDone && prevShort) return true;
  // a title, a byline or a section head on its own line (unless its words run on: "THE THAW AND" /
  // "ITS DISCONTENTS")
  if (prevShort && isHeadLine(prev.text) && !endsWithFunctionWord(prev.text) && !startsLowercase(line.text)) return true;
  return false;
}

/** Set like a title, byline or section head: a few words, capitalised, not ending like a sentence or a clause. */
function isHeadLine(t: string): boolean {
  const words = t.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length === 0 || words.length > 12 || /[.,;:!?]["”’')]*$/.test(t) || !/^["“‘(]?[\p{Lu}\p{N}]/u.test(t)) return false;
  const capitalised = words.filter((w) => /^["“‘(]?[\p{Lu}\p{N}]/u.test(w)).length;
  return capitalised / words.length >= 0.6;
}

function toBlock(lines: Line[], baseIndent: number, paraIndent: number | null): RawBlock {
  const unwrap = unwrapLines;
  const first = lines[0]!;
  if (first.keep) return { kind: "paragraph", text: lines.map((l) => l.text).join("\n"), keep: true };
  // setext heading: "Title\n====="
  if (lines.length === 2 && SETEXT_RE.test(lines[1]!.text)) {
    return { kind: "heading", level: lines[1]!.text.trim().startsWith("=") ? 1 : 2, text: first.text, explicit: true };
  }
  const quoted = lines.every((l) => /^>/.test(l.text));
  if (quoted) return { kind: "quote", text: unwrap(lines.map((l) => l.text.replace(/^>\s?/, ""))) };
  const bullet = first.text.match(BULLET_RE);
  if (bullet) {
    const text = unwrap([first.text.slice(bullet[0].length), ...lines.slice(1).map((l) => l.text)]);
    return { kind: "list", ordinal: bullet[0].trim(), text };
  }
  const numbered = first.text.match(NUMBERED_RE);
  if (numbered && /^\d+$/.test(numbered[1]!)) {
    return { kind: "list", ordinal: numbered[0].trim(), text: unwrap(lines.map((l) => l.text)) };
  }
  // an indented block of lines is a quotation; a single indented line set like a head (a centred
  // title or byline) is not
  // (nor is a one-line paragraph set in by the usual first-line indent)
  const indentedQuote =
    baseIndent < 2 && lines.every((l) => l.indent >= baseIndent + 4) &&
    (lines.length > 1 || (!isHeadLine(first.text) && (paraIndent === null || Math.abs(first.indent - paraIndent) > 1)));
  return { kind: indentedQuote ? "quote" : "paragraph", text: unwrap(lines.map((l) => l.text)) };
}

/**
 * What the reader decided while building a block goes into the report like any later repair: lines
 * joined across a glued page turn (join-page-break) and an indented block read as a quotation
 * (mark-quote). Both can be undone: the page turn then ends the block (and no later rule joins it
 * again); the quotation stays a paragraph (and no later rule makes it a quote).
 */
function reportParseRepairs(block: RawBlock, piece: Line[], report: Report): void {
  if (piece[0]!.unjoined) block.unjoined = true;
  for (const [i, l] of piece.entries()) {
    if (!l.glued || i === 0) continue;
    const a = wordsAtEnd(plain(l.glued.prev), 40);
    const b = wordsAtStart(plain(l.text), 40);
    report.add("join-page-break", block, `${a} ¶ ${b}`, plain(joinText(a, b)), { id: l.glued.id });
  }
  if (block.kind !== "quote" || piece.every((l) => /^>/.test(l.text))) return;
  const t = plain(block.text).trim();
  const id = report.id("mark-quote", block.text);
  if (report.skips(id)) { block.kind = "paragraph"; block.notQuote = true; return; }
  report.add("mark-quote", block, t, `quote: ${t}`, { id }); // the words stay; only the kind changes
}
