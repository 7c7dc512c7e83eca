import type { PassageSelectors } from "./types";

/** Characters of context kept on each side of a quote (Hypothesis keeps 32). */
export const CONTEXT_CHARS = 32;

function isHighSurrogate(code: number) {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number) {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The selectors to store when a passage comment is created on `blockText` [start, end): the quote,
 * ~32 characters of prefix and suffix (never splitting a surrogate pair), and the offsets. Offsets are
 * clamped to the text and swapped if reversed.
 */
export function describeSelectors(blockText: string, start: number, end: number): PassageSelectors {
  let s = Math.max(0, Math.min(blockText.length, Math.floor(Math.min(start, end))));
  let e = Math.max(0, Math.min(blockText.length, Math.floor(Math.max(start, end))));
  // Never cut a surrogate pair in half.
  if (s > 0 && s < blockText.length && isLowSurrogate(blockText.charCodeAt(s))) s -= 1;
  if (e > 0 && e < blockText.length && isLowSurrogate(blockText.charCodeAt(e))) e += 1;
  let ps = Math.max(0, s - CONTEXT_CHARS);
  if (ps > 0 && isLowSurrogate(blockText.charCodeAt(ps))) ps -= 1;
  let se = Math.min(blockText.length, e + CONTEXT_CHARS);
  if (se < blockText.length && se > 0 && isHighSurrogate(blockText.charCodeAt(se - 1))) se += 1;
  return {
    quote: blockText.slice(s, e),
    prefix: blockText.slice(ps, s),
    suffix: blockText.slice(e, se),
    start: s,
    end: e,
  };
}

/**
 * Edit distance between `pattern` and a prefix of `text` of any length (the pattern must start at
 * text[0]; how far it extends is free). Small inputs only (≤ ~64 chars).
 */
export function anchoredDistance(pattern: string, text: string): number {
  const m = pattern.length;
  const n = text.length;
  if (m === 0) return 0;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    const pc = pattern.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const sub = prev[j - 1]! + (pc === text.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    [prev, cur] = [cur, prev];
  }
  let best = Infinity;
  for (let j = 0; j <= n; j++) if (prev[j]! < best) best = prev[j]!;
  return best;
}

function reverse(s: string): string {
  return Array.from(s).reverse().join("");
}

/** Weight of "was at the start/end of its paragraph" evidence, in characters. */
const BOUNDARY_WEIGHT = 8;

/**
 * How well the normalised text around an occurrence [a, b) of a quote agrees with the expected
 * (normalised) prefix and suffix: 0 (no support) … 1 (identical context). Typos in the context cost
 * proportionally (edit distance), not everything.
 */
export function contextScore(expectedPrefix: string, expectedSuffix: string, text: string, a: number, b: number): number {
  let score = 0;
  let weight = 0;

  const pre = expectedPrefix.trim().slice(-CONTEXT_CHARS);
  const before = text.slice(Math.max(0, a - pre.length - 8), a).trimEnd();
  if (pre.length === 0) {
    weight += BOUNDARY_WEIGHT;
    if (before.length === 0) score += BOUNDARY_WEIGHT;
  } else {
    const d = anchoredDistance(reverse(pre), reverse(before));
    weight += pre.length;
    score += Math.max(0, pre.length - d);
  }

  const suf = expectedSuffix.trim().slice(0, CONTEXT_CHARS);
  const after = text.slice(b, b + suf.length + 8).trimStart();
  if (suf.length === 0) {
    weight += BOUNDARY_WEIGHT;
    if (after.length === 0) score += BOUNDARY_WEIGHT;
  } else {
    const d = anchoredDistance(suf, after);
    weight += suf.length;
    score += Math.max(0, suf.length - d);
  }
  return weight === 0 ? 0 : score / weight;
}
