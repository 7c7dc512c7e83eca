/** Gluing two pieces of one sentence back together (line ends, page breaks). */
import { HYPHEN_BREAK, plain } from "../sentinel";
import type { HyphenJudge } from "./hyphens";

const WORD_BEFORE_HYPHEN_RE = /([\p{L}\p{M}'’]+(?:-[\p{L}\p{M}'’]+)*)-$/u;
const WORD_AT_START_RE = /^[\p{L}\p{M}'’]+(?:-[\p{L}\p{M}'’]+)*/u;

/** Does `a` end with a word broken by a hyphen ("exam-") that `b` continues ("ple …")? */
export function endsWithBrokenWord(a: string, b: string): boolean {
  return /\p{L}-$/u.test(plain(a).trimEnd()) && /^\p{Ll}/u.test(plain(b).trimStart());
}

/** The word parts either side of a hyphen at the end of `a`: "over-" + "hastily …" → ["over", "hastily"]. */
export function hyphenParts(a: string, b: string): [string, string] {
  return [plain(a).trimEnd().match(WORD_BEFORE_HYPHEN_RE)?.[1] ?? "", plain(b).trimStart().match(WORD_AT_START_RE)?.[0] ?? ""];
}

/**
 * Join two pieces of running text: "exam-" + "ple" → "example", "over-" + "hastily" → "over-hastily"
 * (when `judge` says the hyphen belongs to the word), "anti-" + "Stalinist" → "anti-Stalinist",
 * "word" + "next" → "word next".
 */
export function joinText(a: string, b: string, judge?: HyphenJudge): string {
  const left = a.replace(/\s+$/, "");
  const right = b.replace(/^\s+/, "");
  if (!left) return right;
  if (!right) return left;
  if (endsWithBrokenWord(left, right)) {
    const [l, r] = hyphenParts(left, right);
    return judge?.keeps(l, r) ? left + right : left.slice(0, -1) + right;
  }
  if (/\p{L}-$/u.test(plain(left)) && /^\p{Lu}/u.test(plain(right))) return left + right; // a compound: anti-Stalinist
  // an unspaced dash ("word—" + "word") joins tight; a spaced one ("word –" + "word") keeps its space
  if (/[^\s—–][—–]$/.test(left) || (/^[—–][^\s—–]/.test(right) && !/\s[—–]/.test(right.slice(0, 3)))) return left + right;
  return left + " " + right;
}

/**
 * Unwrap hard-wrapped lines into one text. A line that ends inside a word ("hy-" / "phenation",
 * "over-" / "hastily") keeps its hyphen and a HYPHEN_BREAK mark: repair/hyphens.ts decides, with the
 * whole document in view, whether the hyphen belongs to the word.
 */
export function unwrapLines(lines: string[]): string {
  let out = "";
  for (const l of lines) {
    if (out && endsWithBrokenWord(out, l)) out = out.replace(/\s+$/, "") + HYPHEN_BREAK + l.replace(/^\s+/, "");
    else out = out ? joinText(out, l) : l;
  }
  return out;
}
