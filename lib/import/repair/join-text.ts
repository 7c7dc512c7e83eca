/** Gluing two pieces of one sentence back together (line ends, page breaks). */
import { plain } from "../sentinel";

/** Prefixes that really are followed by a hyphen ("self-confidence"), so a line-end hyphen after them stays. */
const HYPHEN_PREFIXES = new Set([
  "self", "non", "anti", "well", "co", "ex", "semi", "half", "quasi", "post", "neo", "pro", "counter", "ill",
  "all", "pan", "vice", "pseudo", "ultra", "extra", "mid", "cross", "full", "long", "short", "so", "great",
]);

/** Does `a` end with a word broken by a hyphen ("exam-") that `b` continues ("ple …")? */
export function endsWithBrokenWord(a: string, b: string): boolean {
  return /\p{L}-$/u.test(plain(a).trimEnd()) && /^\p{Ll}/u.test(plain(b).trimStart());
}

/** Would `joinText(a, b)` take out a line-end hyphen ("exam-" + "ple" → "example"; not "self-" + "confident")? */
export function removesHyphen(a: string, b: string): boolean {
  const left = a.replace(/\s+$/, "");
  const right = b.replace(/^\s+/, "");
  if (!left || !right || !endsWithBrokenWord(left, right)) return false;
  const m = plain(left).match(/(\p{L}+)-$/u);
  return !(m && HYPHEN_PREFIXES.has(m[1]!.toLowerCase()));
}

/** Join two pieces of running text: "exam-" + "ple" → "example", "word" + "next" → "word next". */
export function joinText(a: string, b: string): string {
  const left = a.replace(/\s+$/, "");
  const right = b.replace(/^\s+/, "");
  if (!left) return right;
  if (!right) return left;
  if (endsWithBrokenWord(left, right)) {
    const m = plain(left).match(/(\p{L}+)-$/u);
    const stem = m ? m[1]!.toLowerCase() : "";
    if (HYPHEN_PREFIXES.has(stem)) return left + right;
    return left.slice(0, -1) + right;
  }
  // an unspaced dash ("word—" + "word") joins tight; a spaced one ("word –" + "word") keeps its space
  if (/[^\s—–][—–]$/.test(left) || (/^[—–][^\s—–]/.test(right) && !/\s[—–]/.test(right.slice(0, 3)))) return left + right;
  return left + " " + right;
}
