/** Plain text → raw blocks. Blank lines separate blocks; hard-wrapped lines are unwrapped into paragraphs. */
import type { RawBlock, RawDoc, Report } from "../raw";
import { dropRepeatedLines } from "../repair/headers";
import { joinText, removesHyphen } from "../repair/join-text";
import { plain } from "../sentinel";
import { endsSentence } from "../text-utils";
import { KEEP_LINE } from "../sentinel";

const BULLET_RE = /^\s*[•·▪◦‣●○■□–*+-]\s+(?=\S)/;
const NUMBERED_RE = /^\s*\(?(\d{1,3}|[ivxlc]{1,6}|[a-z])[.)]\s+(?=\S)/i;
const META_LINE_RE = /^[A-Z][A-Za-z ]{1,30}:\s+\S/;
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
}

export function parseText(input: string, report: Report): RawDoc {
  const normalized = input.replace(/\r\n?/g, "\n").replace(/\f/g, "\n" + PAGE_BREAK + "\n");
  const lines = dropRepeatedLines(normalized.split("\n"), report);
  const groups = groupByBlankLines(lines);
  const width = wrapWidth(groups);
  const baseIndent = typicalIndent(groups);
  const blocks: RawBlock[] = [];
  const firstLines: number[] = [];
  for (const group of groups) {
    for (const piece of splitGroup(group, width, baseIndent)) {
      const hyphens: HyphenJoin[] = [];
      const block = toBlock(piece, baseIndent, { report, hyphens });
      for (const h of hyphens) report.add("join-hyphenated-word", block, h.before, h.after, { id: h.id });
      const last = piece[piece.length - 1]!;
      const lastLength = last.text.length + last.indent;
      if (Number.isFinite(width) && lastLength >= width * 0.85 && lastLength <= width * 1.1) block.fullWidth = true;
      if (piece[0]!.afterBreak) block.afterBreak = true;
      blocks.push(block);
      firstLines.push(piece[0]!.index);
    }
  }
  // a removed line stood next to the block that follows it (or, at the end, the last block)
  report.bindLines((line) => blocks[firstLines.findIndex((first) => first > line)] ?? blocks[blocks.length - 1]);
  return { blocks, notes: [], meta: {} };
}

function groupByBlankLines(lines: string[]): Line[][] {
  const groups: Line[][] = [];
  let current: Line[] = [];
  let pendingBreak = false;
  let glue = false;
  for (const [index, raw] of lines.entries()) {
    if (raw.startsWith(KEEP_LINE)) {
      // a furniture line the user kept: a block of its own, wherever it stood
      if (current.length) groups.push(current);
      current = [];
      groups.push([{ text: raw.slice(KEEP_LINE.length).trim(), indent: 0, index, keep: true }]);
      glue = false;
      continue;
    }
    if (raw === PAGE_GLUE) { glue = current.length > 0; continue; }
    if (glue && (raw === PAGE_BREAK || /^[ \t]*$/.test(raw))) continue; // furniture removed inside a glued page turn
    glue = false;
    if (raw === PAGE_BREAK || /^[ \t]*$/.test(raw)) {
      if (raw === PAGE_BREAK) pendingBreak = true;
      if (current.length) groups.push(current);
      current = [];
      continue;
    }
    const expanded = raw.replace(/\t/g, "    ");
    const indent = expanded.length - expanded.trimStart().length;
    current.push({ text: expanded.trim(), indent, index, afterBreak: pendingBreak && current.length === 0 ? true : undefined });
    pendingBreak = false;
  }
  if (current.length) groups.push(current);
  return groups;
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
  return lengths[lengths.length - 1]!; // the widest wrapped line is the margin
}

function typicalIndent(groups: Line[][]): number {
  const counts = new Map<number, number>();
  for (const g of groups) for (const l of g) counts.set(l.indent, (counts.get(l.indent) ?? 0) + 1);
  let best = 0, bestCount = -1;
  for (const [indent, n] of counts) if (n > bestCount || (n === bestCount && indent < best)) { best = indent; bestCount = n; }
  return best;
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
  const prevDone = endsSentence(prev.text) || /:$/.test(prev.text);
  // the line ended early: the next line's first word would have fitted on it
  const firstWord = line.text.split(/\s/, 1)[0]!.length;
  const prevShort = prev.text.length + prev.indent + 1 + firstWord <= width;
  if (BULLET_RE.test(line.text) && (/^\s*[•·▪◦‣●○■□]/.test(line.text) || prevDone || prevShort)) return true;
  if (NUMBERED_RE.test(line.text) && (prevDone || prevShort)) return true;
  if (META_LINE_RE.test(line.text) && META_LINE_RE.test(prev.text)) return true;
  if (prevDone && line.indent > baseIndent && line.indent > prev.indent) return true; // indented first line
  if (prevDone && prevShort) return true;
  return false;
}

/** A word broken across two lines and joined without its hyphen ("cli-" + "mes" → "climes"). */
interface HyphenJoin {
  before: string;
  after: string;
  id: string;
}

interface UnwrapCtx {
  report: Report;
  hyphens: HyphenJoin[];
}

function toBlock(lines: Line[], baseIndent: number, ctx: UnwrapCtx): RawBlock {
  const unwrap = (texts: string[]) => unwrapLines(texts, ctx);
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
  const indentedQuote = baseIndent < 2 && lines.every((l) => l.indent >= baseIndent + 4);
  return { kind: indentedQuote ? "quote" : "paragraph", text: unwrap(lines.map((l) => l.text)) };
}

/**
 * Unwrap hard-wrapped lines into one text. Taking out a line-end hyphen is a repair (reported, and
 * undoable: undone, the hyphen stays, "cli-mes"); joining lines with a space is not.
 */
function unwrapLines(lines: string[], ctx: UnwrapCtx): string {
  let out = "";
  let prevLine = "";
  for (const l of lines) {
    if (out && removesHyphen(out, l)) {
      const id = ctx.report.id("join-hyphenated-word", `${prevLine} ¶ ${l}`);
      const left = plain(out).match(/[\p{L}\p{M}'’]*-\s*$/u)?.[0].trimEnd() ?? "-";
      const right = plain(l).trimStart().match(/^[\p{L}\p{M}'’]*/u)?.[0] ?? "";
      if (ctx.report.skips(id)) out = out.replace(/\s+$/, "") + l.replace(/^\s+/, ""); // undone: the hyphen stays
      else {
        out = joinText(out, l);
        ctx.hyphens.push({ before: left + right, after: left.slice(0, -1) + right, id });
      }
    } else out = out ? joinText(out, l) : l;
    prevLine = l;
  }
  return out;
}
