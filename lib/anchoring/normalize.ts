/**
 * Matching normalisation with an offset map back to the raw text.
 *
 * Re-imports of the same reading differ in ways that carry no meaning: curly vs straight quotes,
 * `--`/`–`/`—` and the spaces around them, `…` vs `...`, runs of spaces and non-breaking spaces,
 * soft hyphens, composed vs decomposed accents, case. All matching happens on the normalised text;
 * every normalised character remembers the raw range it came from, so a match can be turned back
 * into offsets into the raw text.
 */

export interface NormText {
  /** The normalised text: lower case, single spaces, no leading/trailing space. */
  text: string;
  /** For normalised UTF-16 unit i: the raw range [rawStart[i], rawEnd[i]) it came from. */
  rawStart: number[];
  rawEnd: number[];
}

const SPACE = /[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/u;
const DASH = /[-\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d]/u;
const SINGLE_QUOTE = /['\u2018\u2019\u201a\u201b\u2032\u0060\u00b4]/u;
const DOUBLE_QUOTE = /["\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/u;
const MARK = /\p{M}/u;

/** Normalise `raw` for matching, keeping a map from normalised offsets to raw offsets. */
export function normalize(raw: string): NormText {
  return run(raw, true);
}

function run(raw: string, withMap: boolean): NormText {
  const codes: number[] = [];
  const rs: number[] = [];
  const re: number[] = [];
  let pendingSpace = -1; // raw offset of the first whitespace char of a pending run, or -1
  let pendingSpaceEnd = -1;
  const DASH_CODE = 45;
  const SPACE_CODE = 32;

  let i = 0;
  const n = raw.length;
  while (i < n) {
    const cp = raw.codePointAt(i)!;
    const s = i;
    const e = i + (cp > 0xffff ? 2 : 1);
    i = e;

    let mapped: string | null = null;
    let code = -1;
    if (cp < 128) {
      if (cp === 32 || (cp >= 9 && cp <= 13)) {
        if (pendingSpace < 0) pendingSpace = s;
        pendingSpaceEnd = e;
        continue;
      }
      code = cp >= 65 && cp <= 90 ? cp + 32 : cp === 96 ? 39 : cp; // ASCII fast path
    } else {
      const ch = String.fromCodePoint(cp);
      if (SPACE.test(ch)) {
        if (pendingSpace < 0) pendingSpace = s;
        pendingSpaceEnd = e;
        continue;
      }
      if (INVISIBLE.test(ch)) continue;
      if (DASH.test(ch)) code = DASH_CODE;
      else if (SINGLE_QUOTE.test(ch)) code = 39;
      else if (DOUBLE_QUOTE.test(ch)) code = 34;
      else if (ch === "\u2026") mapped = "...";
      else {
        mapped = "";
        for (const part of ch.normalize("NFKD").toLowerCase()) if (!MARK.test(part)) mapped += part;
        if (mapped.length === 0) {
          // A combining mark (or similar) belongs to the character before it.
          if (withMap && codes.length > 0 && pendingSpace < 0) re[re.length - 1] = e;
          continue;
        }
        if (mapped.length === 1) {
          code = mapped.charCodeAt(0);
          mapped = null;
        }
      }
    }

    if (code === DASH_CODE) {
      // "a -- b", "a — b", "a—b" all become "a-b": drop the space before a dash and collapse runs.
      pendingSpace = -1;
      if (codes.length > 0 && codes[codes.length - 1] === DASH_CODE) {
        if (withMap) re[re.length - 1] = e;
      } else {
        codes.push(DASH_CODE);
        if (withMap) {
          rs.push(s);
          re.push(e);
        }
      }
      continue;
    }
    if (pendingSpace >= 0) {
      if (codes.length > 0 && codes[codes.length - 1] !== DASH_CODE) {
        codes.push(SPACE_CODE);
        if (withMap) {
          rs.push(pendingSpace);
          re.push(pendingSpaceEnd);
        }
      }
      pendingSpace = -1;
    }
    if (mapped === null) {
      codes.push(code);
      if (withMap) {
        rs.push(s);
        re.push(e);
      }
    } else {
      for (let k = 0; k < mapped.length; k++) {
        codes.push(mapped.charCodeAt(k));
        if (withMap) {
          rs.push(s);
          re.push(e);
        }
      }
    }
  }
  let text = "";
  for (let k = 0; k < codes.length; k += 8192) text += String.fromCharCode(...codes.slice(k, k + 8192));
  return { text, rawStart: rs, rawEnd: re };
}

/** Raw range for the normalised range [a, b) (b > a). */
export function toRawRange(n: NormText, a: number, b: number): { start: number; end: number } {
  return { start: n.rawStart[a]!, end: n.rawEnd[b - 1]! };
}

/** Normalised text only (for selectors' prefix/suffix, which are compared, never mapped back). */
export function normText(raw: string | undefined | null): string {
  return raw ? run(raw, false).text : "";
}

/** Word and punctuation tokens of normalised text. Words weigh their length, punctuation 1. */
export interface Tokens {
  list: string[];
  weights: number[];
  total: number;
  /** Word tokens only (no punctuation), for shingles. */
  words: string[];
}

const TOKEN = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;
const WORD = /^[\p{L}\p{N}]/u;

export function tokenize(norm: string): Tokens {
  const list = norm.match(TOKEN) ?? [];
  const weights: number[] = [];
  const words: string[] = [];
  let total = 0;
  for (const t of list) {
    const isWord = WORD.test(t);
    const w = isWord ? t.length : 1;
    weights.push(w);
    total += w;
    if (isWord) words.push(t);
  }
  return { list, weights, total, words };
}
