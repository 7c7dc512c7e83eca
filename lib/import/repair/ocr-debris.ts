/**
 * OCR punctuation debris: marks a scanner read from specks, rules and show-through, standing between
 * or glued to words where no writer puts them — "attempts at | “tricking history”", "striving to
 * {restrict it", "in the 1930's» the years", "to work ;at the bench". Each one is taken out (reported,
 * undoable); the words around it stay exactly as they were. Characters the text uses as punctuation
 * (a table row's pipes, guillemets that come in pairs, braces that close) are left alone.
 */
import type { RawBlock, Report } from "../raw";
import { plain } from "../sentinel";

interface Debris {
  /** where the debris (and the space it leaves doubled) starts and ends in the text */
  start: number;
  end: number;
}

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

/** Debris in one text, left to right. */
function findDebris(text: string): Debris[] {
  const found: Debris[] = [];
  const add = (start: number, end: number) => found.push({ start, end });
  // a lone bar between words ("at | “tricking”"): one in a paragraph, not a row of cells
  if (count(text, /\s[|¦]\s/g) === 1) for (const m of text.matchAll(/(?<=[\p{L}\p{N}.,;:’”"')])\s[|¦](?=\s+["“‘(]?[\p{L}\p{N}])/gu)) add(m.index!, m.index! + m[0].length);
  // a brace glued to a word, in a text whose braces do not pair up
  if (count(text, /\{/g) !== count(text, /\}/g)) for (const m of text.matchAll(/(?<=\s)[{}](?=\p{L})|(?<=\p{L})[{}](?=[\s.,;:]|$)/gu)) add(m.index!, m.index! + 1);
  // a guillemet glued to a word that has no partner in the text (not a quotation mark)
  if (!text.includes("«")) for (const m of text.matchAll(/(?<=[\p{L}\p{N}]['’]?\p{L}?)»(?=[\s,;:]+\p{Ll})/gu)) add(m.index!, m.index! + 1);
  if (!text.includes("»")) for (const m of text.matchAll(/(?<=\s)«(?=\p{Ll})/gu)) add(m.index!, m.index! + 1);
  // a stop, comma or colon that opens a word after a space (" ;at"): punctuation never does
  for (const m of text.matchAll(/(?<=\p{L}) [;,:](?=\p{Ll}{2})/gu)) add(m.index! + 1, m.index! + 2);
  return found.sort((a, b) => a.start - b.start);
}

export function cleanOcrDebris(blocks: RawBlock[], report: Report): void {
  for (const b of blocks) {
    if (b.explicit || b.kind === "break" || b.keep) continue;
    const debris = findDebris(b.text);
    if (!debris.length) continue;
    let out = "";
    let at = 0;
    for (const d of debris) {
      const piece = b.text.slice(d.start, d.end);
      const id = report.id("clean-ocr-debris", `${piece.trim()} in ${plain(b.source ?? b.text)}`);
      if (report.skips(id)) continue; // undone: the mark stays
      const without = b.text.slice(0, d.start) + b.text.slice(d.end);
      report.addDiff("clean-ocr-debris", b, plain(b.text), plain(without), { id, context: 25 });
      out += b.text.slice(at, d.start);
      at = d.end;
    }
    b.text = out + b.text.slice(at);
  }
}
