/**
 * Hyphens at line ends. A line that ends "hy-" before "phenation" broke a word the typesetter
 * hyphenated: join it ("hyphenation"). A line that ends "over-" before "hastily" may have broken the
 * compound "over-hastily" at its own hyphen: keep it. Which one is decided, in this order, by
 * 1. the word itself: "down-" + "to-earth" carries another hyphen, so it is a hyphenated compound;
 * 2. the document's own vocabulary: the same word written elsewhere (not at a line end) with or
 *    without its hyphen;
 * 3. word lists (lexicon.ts): English writes "half-heartedly" with its hyphen (WordNet), so it
 *    stays; "climes" is a word, so "cli-mes" was broken; "overhastily" is not, while "over" and
 *    "hastily" are, so "over-hastily" is a compound;
 * 4. otherwise the word was broken by the typesetter (names, rare words: "Khru-shchev").
 * Joining is a repair (reported, undoable: undone, the hyphen stays); keeping the hyphen is not.
 */
import type { RawBlock, RawNote, Report } from "../raw";
import type { Lexicon } from "../lexicon";
import { HYPHEN_BREAK, plain } from "../sentinel";

const WORD = String.raw`[\p{L}\p{M}'’]+`;
/** A compound or word in running text (a hyphen followed by the line-break sentinel is not inside a word). */
const TOKEN_RE = new RegExp(`${WORD}(?:-${WORD})*`, "gu");
/** `left-` HYPHEN_BREAK `right`, both sides with any inner hyphens. */
const BREAK_RE = new RegExp(`(${WORD}(?:-${WORD})*)-${HYPHEN_BREAK}(${WORD}(?:-${WORD})*)?`, "gu");

/** Endings that are no word of their own: "Stalin-" + "ism" is "Stalinism", never a compound. */
const SUFFIXES = new Set(
  ("ism isms ist ists ing ings ion ions tion tions sion sions ment ments ness ship ships able ible ful less ous ive ives ize izes ized " +
    "ise ises ised ity ities ly ally er ers est ed es al ance ances ence ences ant ants ent ents ary ory ian ians ic ics ical").split(" "),
);

export class HyphenJudge {
  private readonly hyphenated = new Map<string, number>();
  private readonly words = new Map<string, number>();

  /** `texts`: the whole document (blocks and notes), line-end breaks still marked. */
  constructor(texts: Iterable<string>, private readonly lexicon: Lexicon) {
    for (const t of texts)
      for (const m of plain(t).matchAll(TOKEN_RE)) {
        const w = m[0].toLowerCase();
        const map = w.includes("-") ? this.hyphenated : this.words;
        map.set(w, (map.get(w) ?? 0) + 1);
      }
  }

  /** Does the hyphen between `left` and `right` ("over" | "hastily") belong to the word? */
  keeps(left: string, right: string): boolean {
    if (!left || !right) return true;
    if (left.includes("-") || right.includes("-")) return true; // down-to-earth, broken at one of its hyphens
    if (/^\p{Lu}/u.test(right)) return true; // anti-Stalinist, Franco-Prussian
    const l = left.toLowerCase();
    const r = right.toLowerCase();
    const asCompound = this.hyphenated.get(`${l}-${r}`) ?? 0;
    const asWord = this.words.get(l + r) ?? 0;
    if (asCompound || asWord) return asCompound >= asWord;
    // the same compound in another form ("counter-revolution" for "counter-revolutionary")
    const family = this.family(l, r);
    if (family.hyphenated !== family.solid) return family.hyphenated > family.solid;
    if (this.lexicon.isHyphenatedCompound(`${l}-${r}`)) return true;
    if (this.lexicon.has(left + right)) return false;
    // a capitalised first part with a lowercase rest is a name broken across lines ("Lenin-grad")
    if (/^\p{Lu}\p{Ll}/u.test(left)) return false;
    return r.length >= 3 && !SUFFIXES.has(r) && this.lexicon.has(left) && this.lexicon.has(right);
  }

  /** How often the document writes words that start like this one, with and without the hyphen. */
  private family(l: string, r: string): { hyphenated: number; solid: number } {
    const stem = r.slice(0, Math.min(r.length, 6));
    let hyphenated = 0, solid = 0;
    if (stem.length < 4) return { hyphenated, solid };
    for (const [w, n] of this.hyphenated) if (w.startsWith(`${l}-${stem}`)) hyphenated += n;
    for (const [w, n] of this.words) if (w.startsWith(l + stem)) solid += n;
    return { hyphenated, solid };
  }
}

/**
 * Decide every line-end hyphen the parsers marked (HYPHEN_BREAK) in the body and the notes.
 * Report ids name the broken word ("hy-¶phenation") with an occurrence counter, in document order.
 */
export function resolveLineHyphens(blocks: RawBlock[], notes: RawNote[], judge: HyphenJudge, report: Report): void {
  const resolve = (text: string, block: RawBlock | null): string => {
    if (!text.includes(HYPHEN_BREAK)) return text;
    const out = text.replace(BREAK_RE, (_m, left: string, right: string | undefined) => {
      if (!right || judge.keeps(left, right)) return `${left}-${right ?? ""}`;
      const id = report.id("join-hyphenated-word", `${left}-¶${right}`);
      if (report.skips(id)) return `${left}-${right}`; // undone: the hyphen stays
      report.add("join-hyphenated-word", block, `${left}-${right}`, left + right, { id });
      return left + right;
    });
    return out.split(HYPHEN_BREAK).join("");
  };
  for (const b of blocks) b.text = resolve(b.text, b);
  for (const n of notes) n.text = resolve(n.text, null);
}
