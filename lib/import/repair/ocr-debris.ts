/**
 * OCR punctuation debris: marks a scanner read from specks, rules and show-through, standing between
 * or glued to words where no writer puts them — "attempts at | “tricking history”", "striving to
 * {restrict it", "in the 1930's» the years", "to work ;at the bench". Each one is taken out (reported,
 * undoable); the words around it stay exactly as they were. Characters the text uses as punctuation
 * (a table row's pipes, guillemets that come in pairs, braces that close) are left alone.
 */
import type { RawBlock, Report } from "../raw";
import { plain } from "../sentinel";
import type { Lexicon } from "../lexicon";

interface Debris {
  /** where the debris (and the space it leaves doubled) starts and ends in the text */
  start: number;
  end: number;
}

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

/** Words that follow the pronoun "I" (auxiliaries, common verbs of saying and thinking, adverbs before a verb). */
const AFTER_I = new Set(("am was have had will would shall should could can cannot may might must do did does " +
  "think thought know knew believe believed hope feel felt see saw say said mean meant remember recall suppose wish want wanted " +
  "find found went came saw tried attempted argued asked told wrote write read heard met watched noticed suggest suggested " +
  "also only never still once often always just myself too").split(" "));

/**
 * OCR's bar for the pronoun I ("| have attempted", "as | have watched"): a lone "|" standing as a word,
 * followed by a lowercase word that follows "I" (an auxiliary, a common verb, a verb in -ed) or opening
 * a sentence before a lowercase word — where no bar makes sense. Reported, undoable.
 */
const BAR_I_RE = /(^|[.!?]["”’)]*\s+|[\p{L},;:—–(]\s+)[|¦](?=\s+(\p{Ll}[\p{Ll}’']*)\b)/gu;

export function restoreBarI(blocks: RawBlock[], report: Report): void {
  for (const b of blocks) {
    if (b.explicit || b.kind === "break" || b.keep || !/[|¦]/.test(b.text)) continue;
    if (count(b.text, /[|¦]/g) > 3) continue; // a row of cells, not a misread letter
    const before = b.text;
    b.text = b.text.replace(BAR_I_RE, (m: string, lead: string, next: string, offset: number) => {
      const sentenceStart = lead === "" || /[.!?]/.test(lead);
      if (!sentenceStart && !AFTER_I.has(next) && !/^\p{Ll}{3,}ed$/u.test(next)) return m;
      const id = report.id("ocr-bar-as-i", `${offset} in ${plain(b.source ?? before)}`);
      if (report.skips(id)) return m; // undone: the bar stays
      const at = offset + lead.length;
      report.addDiff("ocr-bar-as-i", b, plain(before.slice(0, at + 1)) + plain(before.slice(at + 1, at + 30)), plain(before.slice(0, at)) + "I" + plain(before.slice(at + 1, at + 30)), { id, context: 25 });
      return lead + "I";
    });
  }
}

/** A preposition run together with the article after it ("ina controversy"): OCR lost the space. */
export const RUN_TOGETHER_RE = /(?<![\p{L}\p{N}'’-])(in|on|at|of|to)a(?=\s+\p{Ll}{2,})(?![\p{L}])/gu;

/**
 * "engaged ina controversy" → "engaged in a controversy": only where the word list says the run-together
 * token is no word and both halves are (`lexicon`). Reported, undoable.
 */
export function splitRunTogether(blocks: RawBlock[], report: Report, lexicon: Lexicon): void {
  for (const b of blocks) {
    if (b.explicit || b.kind === "break" || b.keep) continue;
    const before = b.text;
    b.text = b.text.replace(RUN_TOGETHER_RE, (m: string, prep: string, offset: number) => {
      if (lexicon.has(m) || !lexicon.has(prep)) return m;
      const id = report.id("ocr-split-words", `${m} ${offset} in ${plain(b.source ?? before)}`);
      if (report.skips(id)) return m; // undone: the token stays as OCR read it
      report.addDiff("ocr-split-words", b, plain(before.slice(offset - Math.min(offset, 30), offset + 30)), plain(before.slice(offset - Math.min(offset, 30), offset) + `${prep} a` + before.slice(offset + m.length, offset + 30)), { id, context: 25 });
      return `${prep} a`;
    });
  }
}

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
