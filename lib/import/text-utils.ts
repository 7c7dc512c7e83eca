/** Small, format-independent text predicates shared by the repairs. */
import { plain } from "./sentinel";

/** Collapse runs of spaces/tabs, trim, normalise exotic spaces. Keeps "\n" (hard breaks). */
export function normalizeSpaces(s: string): string {
  return s
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, " ")
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, "")
    .replace(/[ \t\f\v]+/g, " ")
    .replace(/ *\n */g, "\n")
    .trim();
}

export function wordCount(s: string): number {
  const m = plain(s).match(/\S+/g);
  return m ? m.length : 0;
}

const CLOSERS = `"'”’»)\\]*`;
const TERMINAL_RE = new RegExp(`(?:[.!?…]|\\.\\.\\.)[${CLOSERS}]*$`);

/** Does the text end like a finished sentence (., !, ?, … possibly followed by quotes/brackets)? */
export function endsSentence(s: string): boolean {
  return TERMINAL_RE.test(plain(s).trimEnd());
}

/** Ends with a colon (introduces a quotation or a list: never a page-break fragment). */
export function endsWithColon(s: string): boolean {
  return /:[”"’']?$/.test(plain(s).trimEnd());
}

const FUNCTION_WORDS = new Set(
  (
    "the a an of to in on at by for with from and or but nor that which who whom whose between than as into onto upon " +
    "its their his her our your my this these those is are was were be been being not no has have had will would " +
    "shall should can could may might must do does did if when where while because although though whether both either " +
    "neither about above after against among before behind below beneath beside besides beyond during except like " +
    "near over since through throughout till toward towards under underneath unlike until via within without so very"
  ).split(" "),
);

/** Last word of the text, lowercased, without punctuation. */
export function lastWord(s: string): string {
  const m = plain(s).trimEnd().match(/([A-Za-zÀ-ÿ'’]+)[^A-Za-zÀ-ÿ]*$/);
  return m ? m[1]!.toLowerCase() : "";
}

/** Text ends with a word that can never end an English sentence (article, preposition, conjunction …). */
export function endsWithFunctionWord(s: string): boolean {
  const t = plain(s).trimEnd();
  if (/[^A-Za-zÀ-ÿ'’]$/.test(t)) return false;
  return FUNCTION_WORDS.has(lastWord(t));
}

/** First visible character class of a text. */
export function startsLowercase(s: string): boolean {
  const t = plain(s).trimStart().replace(/^[“"‘'(\[«—–-]+/, "");
  return /^\p{Ll}/u.test(t);
}

export function startsUppercase(s: string): boolean {
  const t = plain(s).trimStart().replace(/^[“"‘'(\[«]+/, "");
  return /^\p{Lu}/u.test(t);
}

const MONTHS =
  "January|February|March|April|May|June|July|August|September|October|November|December|" +
  "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec";

/** Dates as they appear in bylines, datelines and journal issues: "16 June 1955", "1st January, 1957", "June 24, 1956", "June 1956", "Spring 2007", "1955-06-16". */
export const DATE_RE = new RegExp(
  `\\b(?:\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\.?,?\\s+\\d{4}` +
    `|(?:Spring|Summer|Autumn|Fall|Winter)\\s+\\d{4}(?:[–/-]\\d{2,4})?` +
    `|(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}` +
    `|(?:${MONTHS})\\.?,?\\s+\\d{4}` +
    `|\\d{4}-\\d{2}-\\d{2})\\b`,
);

export const YEAR_RE = /\b(1[5-9]\d\d|20\d\d)\b/;

/** The whole string is a date (optionally with a weekday and trailing period). */
export function isDateLine(s: string): boolean {
  const t = plain(s).trim().replace(/\.$/, "");
  const m = t.match(DATE_RE);
  return !!m && m[0].length >= t.replace(/^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*/i, "").length;
}

const NAME_PARTICLES = new Set(["de", "da", "di", "du", "van", "von", "der", "den", "la", "le", "del", "della", "y", "bin", "ibn"]);
const NOT_NAME_WORDS = new Set([
  ...FUNCTION_WORDS,
  "chapter", "part", "section", "introduction", "preface", "contents", "notes", "appendix", "archive", "index",
  "secret", "confidential", "unclassified", "copyright", "source", "page",
]);

/** "Isaac Deutscher", "ISAAC DEUTSCHER", "A. Rossi", "Jean-Paul Sartre": 2–4 capitalised name tokens, nothing else. */
export function looksLikePersonName(s: string): boolean {
  const t = plain(s).trim().replace(/\s+/g, " ");
  if (t.length > 48 || /[\d:;!?"“”()]/.test(t)) return false;
  const tokens = t.split(" ");
  if (tokens.length < 2 || tokens.length > 4) return false;
  let nameTokens = 0;
  for (const tok of tokens) {
    const low = tok.toLowerCase();
    if (NAME_PARTICLES.has(low) && nameTokens > 0) continue;
    if (/^\p{Lu}\.$/u.test(tok)) { nameTokens++; continue; } // initial
    if (NOT_NAME_WORDS.has(low.replace(/[.,]$/, ""))) return false;
    if (!/^\p{Lu}[\p{L}'’-]*[\p{L}]\.?,?$/u.test(tok)) return false;
    nameTokens++;
  }
  return nameTokens >= 2;
}

/** "ISAAC DEUTSCHER" → "Isaac Deutscher"; mixed-case names are left as written. */
export function normalizeNameCase(s: string): string {
  const t = s.trim().replace(/\s+/g, " ");
  if (/\p{Ll}/u.test(t)) return t;
  return t
    .split(" ")
    .map((w, i) => {
      const low = w.toLowerCase();
      if (i > 0 && NAME_PARTICLES.has(low)) return low;
      return low.replace(/(^|[-'’.])(\p{Ll})/gu, (_m, p: string, c: string) => p + c.toUpperCase());
    })
    .join(" ");
}

const SMALL_TITLE_WORDS = new Set(["a", "an", "the", "of", "on", "in", "at", "to", "for", "and", "or", "but", "nor", "by", "from", "with", "as", "vs"]);

/** "THE GREAT FLIGHT FROM STALINISM" → "The Great Flight from Stalinism"; mixed case left alone. */
export function normalizeTitleCase(s: string): string {
  const t = s.trim().replace(/\s+/g, " ");
  const letters = t.replace(/[^\p{L}]/gu, "");
  if (!letters || /\p{Ll}/u.test(letters)) return t;
  return t
    .split(" ")
    .map((w, i) => {
      const low = w.toLowerCase();
      if (i > 0 && SMALL_TITLE_WORDS.has(low)) return low;
      // keep acronyms-looking tokens (with dots or ≤3 letters and no vowels) as written
      if (/^(?:\p{Lu}\.){2,}$/u.test(w) || /^[^AEIOU]{2,4}$/.test(w)) return w;
      return low.replace(/(^|[-'’(])(\p{Ll})/gu, (_m, p: string, c: string) => p + c.toUpperCase());
    })
    .join(" ");
}
