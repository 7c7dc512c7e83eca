/**
 * Running headers/footers, page numbers, classification banners and redaction codes: page furniture,
 * not the author's text. Recognised by shape (lone numbers, codes) and by repetition (short lines seen
 * on many pages), never by particular words of a particular document.
 */
import type { RawBlock, Report } from "../raw";
import { KEEP_LINE, plain } from "../sentinel";
import { endsSentence, wordCount } from "../text-utils";

const PAGE_BREAK = "\f"; // same token as parse/text.ts (kept local to avoid an import cycle)

/** Declassification / FOIA exemption codes: 25X1, 25X1A2g, 50X1-HUM, (b)(3). */
const CODE = String.raw`(?:\d{2}X\d[A-Za-z0-9]*(?:-[A-Z]{2,5})?|\(b\)\s?\(\d\)(?:\([A-Z]\))?)`;
const CODE_LINE_RE = new RegExp(`^(?:${CODE}[\\s,;]*)+$`);
const TRAILING_CODES_RE = new RegExp(`((?:[.!?…]["'”’)]*)|[\\p{L}\\d])((?:\\s+${CODE})+)\\s*$`, "u");

const PAGE_NUMBER_RE =
  /^\s*(?:[-–—]\s*)?(?:(?:page|p\.|pg\.?)\s*)?\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?(?:\s*[-–—])?\s*$|^\s*\[\s*\d{1,4}\s*\]\s*$/i;

const CLASSIFICATION_RE =
  /^(?:(?:top\s+)?secret|confidential|unclassified|restricted|for official use only|classified|security information|eyes only|noforn)(?:\s*(?:\/\/|[-–—/:,])\s*[A-Z][A-Z /-]*)?$/i;
const RELEASE_STAMP_RE = /approved for release|sanitized copy approved|CIA-RDP\d|declassified (?:and approved|in part|authority)/i;

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

function headerCandidate(s: string): boolean {
  const t = plain(s).trim();
  if (t.length > 70 || t.length === 0) return false;
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

/** Keys of short lines seen `minRepeats` times — or twice with different page numbers ("REVIEW 12", "REVIEW 13"). */
function repeatedKeys(texts: string[], minRepeats: number): Set<string> {
  const counts = new Map<string, number>();
  const numbers = new Map<string, Set<string>>();
  for (const t of texts) {
    if (!headerCandidate(t)) continue;
    const k = headerKey(t);
    counts.set(k, (counts.get(k) ?? 0) + 1);
    const n = plain(t).match(/\b\d{1,4}\b/g);
    if (n) {
      if (!numbers.has(k)) numbers.set(k, new Set());
      numbers.get(k)!.add(n.join(","));
    }
  }
  const keys = new Set<string>();
  for (const [k, n] of counts) if (n >= minRepeats || (n >= 2 && (numbers.get(k)?.size ?? 0) >= 2)) keys.add(k);
  return keys;
}

const MIN_REPEATS = 3;

/** Line level (plain text, PDF): drop furniture lines before paragraphs are assembled. */
export function dropRepeatedLines(lines: string[], report: Report): string[] {
  const repeated = repeatedKeys(lines.map((l) => l.trim()), MIN_REPEATS);
  const out: string[] = [];
  lines.forEach((line, index) => {
    const t = line.trim();
    if (!t || line === "\v") { out.push(line); return; }
    const rule = furnitureRule(t, repeated);
    if (rule) {
      const id = report.id(rule, t);
      if (report.skips(id)) { out.push(KEEP_LINE + line); return; } // undone: the line stays, as a block of its own
      report.add(rule, null, t, "", { id, line: index });
      out.push(PAGE_BREAK); // a removed header marks the page boundary it stood at
      return;
    }
    out.push(line);
  });
  return out;
}

function furnitureRule(t: string, repeated: Set<string>): string | null {
  if (isPageNumber(t)) return "drop-page-number";
  if (isRedactionCodeLine(t)) return "drop-redaction-code";
  if (isClassificationLine(t)) return "drop-classification-banner";
  if (headerCandidate(t) && repeated.has(headerKey(t))) return "drop-running-header";
  return null;
}

/** Block level (all formats): drop furniture blocks; strip codes trailing a paragraph. */
export function dropRunningHeaders(blocks: RawBlock[], report: Report): RawBlock[] {
  const repeated = repeatedKeys(
    blocks.filter((b) => b.kind !== "note" && !b.keep && !(b.kind === "heading" && b.explicit)).map((b) => b.text),
    MIN_REPEATS,
  );
  const out: RawBlock[] = [];
  for (const b of blocks) {
    if (b.kind === "break" || b.keep) { out.push(b); continue; }
    const t = plain(b.text).trim();
    const explicitHeading = b.kind === "heading" && b.explicit;
    let rule: string | null = null;
    if (isPageNumber(t)) rule = "drop-page-number";
    else if (isRedactionCodeLine(t)) rule = "drop-redaction-code";
    else if (isClassificationLine(t)) rule = "drop-classification-banner";
    else if (!explicitHeading && b.kind !== "note" && headerCandidate(t) && repeated.has(headerKey(t))) rule = "drop-running-header";
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
