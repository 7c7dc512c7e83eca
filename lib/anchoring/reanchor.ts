/**
 * Re-anchor comments from an old version of a reading onto a new one.
 *
 * Paragraph comments follow the paragraph correspondence of `computeMatches` (content, not position).
 *
 * Passage comments re-find their quote, Hypothesis-style (TextQuoteSelector with prefix/suffix; the
 * TextPositionSelector only breaks ties), in this order, stopping at the first success:
 *   1. the quote in the block the paragraph now corresponds to — verbatim first (offsets stay
 *      byte-exact), then after normalisation;
 *   2. exact quote in another block that took part of the paragraph's text (e.g. the other half of a
 *      split);
 *   3. exact quote anywhere else — only if quote + the context that matches exactly around it span
 *      ≥ 40 characters (a short phrase recurs everywhere; 40 characters of prose do not);
 *   4. approximate match (approx-string-match, ≤ 12% errors, quotes of ≥ 8 characters) in the blocks
 *      of 1–2;
 *   5. approximate match elsewhere (≤ 10% errors, quotes of ≥ 20 characters, only blocks sharing most
 *      of the quote's informative words) with strong context support (≥ 75%).
 * Steps 2–5 ignore copies that are not new in their block: if the old paragraphs that became block j
 * already held the quote, that copy belongs to them (a neighbour sharing a phrase), and the comment
 * whose paragraph was deleted must not jump onto it.
 * Anything else is detached with a reason. A wrong move is worse than a detachment.
 */
import search from "approx-string-match";
import { computeMatches, EDIT_SIMILARITY, type BlockMatch } from "./match-blocks";
import { normText, toRawRange } from "./normalize";
import { prepare, type PreparedBlock, type PreparedDoc } from "./prepare";
import { contextScore, describeSelectors } from "./selectors";
import type { AnchorBlock, CommentAnchor, Placement } from "./types";

/** Quotes shorter than this get no fuzzy matching. */
export const FUZZY_MIN_QUOTE = 8;
export const FUZZY_ERROR_RATE = 0.12;
export const FUZZY_ELSEWHERE_MIN_QUOTE = 20;
export const FUZZY_ELSEWHERE_ERROR_RATE = 0.1;
/**
 * An exact copy of the quote in some unrelated block counts only if quote + the context that matches
 * exactly on either side span this many characters: a short phrase ("the party") recurs everywhere,
 * a 40-character stretch of prose does not.
 */
export const ELSEWHERE_MIN_SPAN = 40;
export const FUZZY_ELSEWHERE_MIN_CONTEXT = 0.75;
const FUZZY_ELSEWHERE_MAX_BLOCKS = 8;

interface Occurrence {
  j: number;
  a: number; // normalised offsets in block j
  b: number;
  errors: number;
  ctx: number;
  dist: number; // distance from the position hint (relative, 0…1), for ties
}

interface Query {
  q: string;
  pre: string;
  suf: string;
  hint: number | null; // relative position of the quote in its old block
}

class NewDocSearch {
  private all?: { text: string; starts: number[]; blocks: number[] };
  private words?: Map<string, number[]>;
  constructor(private readonly doc: PreparedDoc) {}

  /** One string of all commentable blocks, for fast whole-reading indexOf. */
  private concat() {
    if (!this.all) {
      const starts: number[] = [];
      const blocks: number[] = [];
      const parts: string[] = [];
      let pos = 0;
      for (const j of this.doc.commentable) {
        const t = this.doc.blocks[j]!.key;
        starts.push(pos);
        blocks.push(j);
        parts.push(t);
        pos += t.length + 1;
      }
      this.all = { text: parts.join("\u0001"), starts, blocks };
    }
    return this.all;
  }

  /** Exact occurrences of q in every commentable block: [blockIndex, a][]. */
  exactEverywhere(q: string): Array<[number, number]> {
    const { text, starts, blocks } = this.concat();
    const out: Array<[number, number]> = [];
    let from = 0;
    for (;;) {
      const at = text.indexOf(q, from);
      if (at < 0) break;
      // Binary search for the block containing `at`.
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= at) lo = mid;
        else hi = mid - 1;
      }
      out.push([blocks[lo]!, at - starts[lo]!]);
      from = at + 1;
    }
    return out;
  }

  /** Commentable blocks sharing at least half of the quote's (whole) words, most shared first. */
  blocksSharingWords(q: string): number[] {
    if (!this.words) {
      const words = new Map<string, number[]>();
      for (const j of this.doc.commentable) {
        for (const w of new Set(this.doc.blocks[j]!.tokens().words)) {
          const list = words.get(w);
          if (list) list.push(j);
          else words.set(w, [j]);
        }
      }
      this.words = words;
    }
    let qWords: string[] = q.match(/[\p{L}\p{N}]+/gu) ?? [];
    if (qWords.length >= 3) qWords = qWords.slice(1, -1); // the ends may be partial words
    const distinct = [...new Set(qWords)];
    if (distinct.length === 0) return [];
    // Words found in a large share of the blocks ("the", "of") nominate nothing.
    const cap = Math.max(50, this.doc.commentable.length / 10);
    const informative = distinct.filter((w) => (this.words!.get(w)?.length ?? 0) <= cap);
    if (informative.length === 0) return [];
    const counts = new Map<number, number>();
    for (const w of informative) for (const j of this.words.get(w) ?? []) counts.set(j, (counts.get(j) ?? 0) + 1);
    return [...counts]
      .filter(([, c]) => c >= informative.length / 2)
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, FUZZY_ELSEWHERE_MAX_BLOCKS)
      .map(([j]) => j);
  }
}

function hintDistance(query: Query, nb: PreparedBlock, a: number): number {
  if (query.hint === null || nb.key.length === 0) return 0;
  return Math.abs(a / nb.key.length - query.hint);
}

function exactIn(nb: PreparedBlock, query: Query): Occurrence[] {
  const out: Occurrence[] = [];
  const text = nb.key;
  let from = 0;
  for (;;) {
    const a = text.indexOf(query.q, from);
    if (a < 0) break;
    const b = a + query.q.length;
    out.push({ j: nb.index, a, b, errors: 0, ctx: 0, dist: hintDistance(query, nb, a) });
    from = a + 1;
  }
  return out;
}

/** Score the context of each occurrence (only worth it when there is a choice to make). */
function withContext(occs: Occurrence[], query: Query, doc: PreparedDoc): Occurrence[] {
  if (occs.length > 1) for (const o of occs) o.ctx = contextScore(query.pre, query.suf, doc.blocks[o.j]!.key, o.a, o.b);
  return occs;
}

function fuzzyIn(nb: PreparedBlock, query: Query, maxErrors: number): Occurrence[] {
  const text = nb.key;
  if (text.length === 0) return [];
  const out: Occurrence[] = [];
  for (const m of search(text, query.q, maxErrors)) {
    let a = m.start;
    let b = m.end;
    while (a < b && text[a] === " ") a++;
    while (b > a && text[b - 1] === " ") b--;
    if (b <= a) continue;
    out.push({ j: nb.index, a, b, errors: m.errors, ctx: contextScore(query.pre, query.suf, text, a, b), dist: hintDistance(query, nb, a) });
  }
  return out;
}

/** Length of quote + exactly matching context on both sides (normalised, spaces trimmed). */
function exactSpan(query: Query, text: string, a: number, b: number): number {
  const before = text.slice(0, a).trimEnd();
  const pre = query.pre;
  let lp = 0;
  while (lp < pre.length && lp < before.length && pre[pre.length - 1 - lp] === before[before.length - 1 - lp]) lp++;
  const after = text.slice(b).trimStart();
  const suf = query.suf;
  let ls = 0;
  while (ls < suf.length && ls < after.length && suf[ls] === after[ls]) ls++;
  return lp + (b - a) + ls;
}

const byContext = (x: Occurrence, y: Occurrence) =>
  y.ctx - x.ctx || x.errors - y.errors || x.dist - y.dist || x.j - y.j || x.a - y.a;

const byErrors = (qlen: number) => (x: Occurrence, y: Occurrence) =>
  x.errors - y.errors ||
  Math.abs(x.b - x.a - qlen) - Math.abs(y.b - y.a - qlen) ||
  y.ctx - x.ctx ||
  x.dist - y.dist ||
  x.j - y.j ||
  x.a - y.a;

function truncate(s: string, n = 60): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length <= n ? t : `${t.slice(0, n - 1)}…`;
}

export function reanchor(oldBlocks: AnchorBlock[], newBlocks: AnchorBlock[], comments: CommentAnchor[]): Placement[] {
  const oldDoc = prepare(oldBlocks);
  const newDoc = prepare(newBlocks);
  const matches = computeMatches(oldDoc, newDoc);
  const finder = new NewDocSearch(newDoc);
  const sourcesOf = new Map<number, number[]>();
  matches.forEach((m, i) => {
    if (m.newIndex === null) return;
    const list = sourcesOf.get(m.newIndex);
    if (list) list.push(i);
    else sourcesOf.set(m.newIndex, [i]);
  });
  const headingKeys = new Set(newDoc.blocks.filter((b) => !b.block.commentable).map((b) => b.key));

  const paragraphGone = (ob: PreparedBlock, m: BlockMatch): string => {
    if (!ob.block.commentable) return "It was on a heading, which cannot be discussed.";
    if (ob.key.length > 0 && headingKeys.has(ob.key)) return "Its paragraph is now a heading, which cannot be discussed.";
    const pct = Math.round(m.bestDice * 100);
    return (
      `Its paragraph (“${truncate(ob.block.text)}”) was removed or rewritten: no paragraph of the new version ` +
      `holds its text (closest ${pct}% similar; ${Math.round(EDIT_SIMILARITY * 100)}% needed).`
    );
  };

  return comments.map((c): Placement => {
    const ob = oldDoc.byId.get(c.blockId);
    if (!ob) return { id: c.id, status: "detached", reason: "Its paragraph is not part of the previous version of the reading." };
    const m = matches[ob.index]!;

    const isPassage = typeof c.quote === "string" && c.quote.length > 0;
    if (!isPassage || normText(c.quote).length === 0) {
      if (m.newIndex === null || !newDoc.blocks[m.newIndex]!.block.commentable) {
        return { id: c.id, status: "detached", reason: paragraphGone(ob, m) };
      }
      const nb = newDoc.blocks[m.newIndex]!;
      const how = m.how === "exact" ? "exact" : m.how === "same-text" ? "same-text" : "similar-paragraph";
      if (!isPassage) return { id: c.id, status: "attached", blockId: nb.block.id, how };
      // A "passage" of only whitespace/invisible characters: nothing to match on; keep it in its
      // paragraph at the nearest identical spot, if there is one.
      const quote = c.quote!;
      let best = -1;
      for (let at = nb.block.text.indexOf(quote); at >= 0; at = nb.block.text.indexOf(quote, at + 1)) {
        if (best < 0 || Math.abs(at - (c.start ?? 0)) < Math.abs(best - (c.start ?? 0))) best = at;
      }
      if (best < 0) return { id: c.id, status: "detached", reason: "The passage was only blank space and is no longer there." };
      return { id: c.id, status: "attached", blockId: nb.block.id, how: "exact", ...describeSelectors(nb.block.text, best, best + quote.length) };
    }

    const quote = c.quote!;
    const query: Query = {
      q: normText(quote),
      pre: normText(c.prefix),
      suf: normText(c.suffix),
      hint: typeof c.start === "number" && ob.block.text.length > 0 ? Math.min(1, Math.max(0, c.start / ob.block.text.length)) : null,
    };

    const attach = (o: Occurrence, how: "exact" | "moved" | "fuzzy"): Placement => {
      const nb = newDoc.blocks[o.j]!;
      let { start, end } = toRawRange(nb.norm, o.a, o.b);
      // Normalisation trims the quote; give back leading/trailing whitespace that is still there.
      const lead = quote.slice(0, quote.length - quote.trimStart().length);
      const trail = quote.slice(quote.trimEnd().length);
      if (lead && nb.block.text.slice(start - lead.length, start) === lead) start -= lead.length;
      if (trail && nb.block.text.slice(end, end + trail.length) === trail) end += trail.length;
      const sel = describeSelectors(nb.block.text, start, end);
      const finalHow = how === "exact" && sel.quote !== quote ? "same-text" : how;
      return { id: c.id, status: "attached", blockId: nb.block.id, how: finalHow, ...sel };
    };

    const home = m.newIndex !== null && newDoc.blocks[m.newIndex]!.block.commentable ? m.newIndex : null;
    /**
     * Away from the paragraph's own counterpart, an occurrence only counts if it is NEW text in that
     * block: if the old paragraphs that became block j already held as many copies of the quote, the
     * copy is theirs (a neighbour sharing a phrase), not this comment's passage having moved there.
     */
    const explained = (j: number, countNew: (text: string) => number): boolean => {
      const sources = (sourcesOf.get(j) ?? []).filter((i) => i !== ob.index);
      if (sources.length === 0) return false;
      let before = 0;
      for (const i of sources) before += countNew(oldDoc.blocks[i]!.key);
      return before > 0 && countNew(newDoc.blocks[j]!.key) <= before;
    };
    const exactCount = (text: string) => {
      let n = 0;
      for (let at = text.indexOf(query.q); at >= 0; at = text.indexOf(query.q, at + 1)) n++;
      return n;
    };
    /** As `explained`, for an approximate occurrence: did an old source block already hold one as good? */
    const fuzzyExplained = (o: Occurrence): boolean =>
      (sourcesOf.get(o.j) ?? []).some((i) => i !== ob.index && search(oldDoc.blocks[i]!.key, query.q, o.errors).length > 0);
    const related = m.related.filter((j) => j !== home && newDoc.blocks[j]!.block.commentable);

    // 1. Exact in the paragraph's counterpart: verbatim first (keeps offsets byte-exact), then normalised.
    if (home !== null) {
      const raw = newDoc.blocks[home]!.block.text;
      const found: number[] = [];
      for (let at = raw.indexOf(quote); at >= 0; at = raw.indexOf(quote, at + 1)) found.push(at);
      let best: { at: number; ctx: number; dist: number } | undefined;
      for (const at of found) {
        const ctx = found.length > 1 ? contextScore(c.prefix ?? "", c.suffix ?? "", raw, at, at + quote.length) : 1;
        const dist = Math.abs(at - (c.start ?? at));
        if (!best || ctx > best.ctx || (ctx === best.ctx && dist < best.dist)) best = { at, ctx, dist };
      }
      if (best) {
        const sel = describeSelectors(raw, best.at, best.at + quote.length);
        return { id: c.id, status: "attached", blockId: newDoc.blocks[home]!.block.id, how: "exact", ...sel };
      }
      const occ = withContext(exactIn(newDoc.blocks[home]!, query), query, newDoc).sort(byContext)[0];
      if (occ) return attach(occ, "exact");
    }
    // 2. Exact in a block that took part of the paragraph's text.
    {
      const occs = related.filter((j) => !explained(j, exactCount)).flatMap((j) => exactIn(newDoc.blocks[j]!, query));
      const occ = withContext(occs, query, newDoc).sort(byContext)[0];
      if (occ) return attach(occ, "moved");
    }
    // 3. Exact anywhere else, with independent evidence.
    {
      const seen = new Set<number>([...(home === null ? [] : [home]), ...related]);
      const occs: Occurrence[] = [];
      const verdict = new Map<number, boolean>();
      for (const [j, a] of finder.exactEverywhere(query.q)) {
        if (seen.has(j)) continue;
        let ok = verdict.get(j);
        if (ok === undefined) verdict.set(j, (ok = !explained(j, exactCount)));
        if (!ok) continue;
        const nb = newDoc.blocks[j]!;
        const b = a + query.q.length;
        if (exactSpan(query, nb.key, a, b) < ELSEWHERE_MIN_SPAN) continue;
        occs.push({ j, a, b, errors: 0, ctx: contextScore(query.pre, query.suf, nb.key, a, b), dist: 0 });
      }
      const best = occs.sort(byContext)[0];
      if (best) return attach(best, "moved");
    }
    // 4. Approximate, in the paragraph's counterpart or its pieces.
    if (query.q.length >= FUZZY_MIN_QUOTE) {
      const budget = Math.max(1, Math.floor(query.q.length * FUZZY_ERROR_RATE));
      const targets = home === null ? related : [home, ...related];
      const occ = targets
        .flatMap((j) => fuzzyIn(newDoc.blocks[j]!, query, budget))
        .filter((o) => o.j === home || !fuzzyExplained(o))
        .sort(byErrors(query.q.length))[0];
      if (occ) return attach(occ, "fuzzy");
    }
    // 5. Approximate elsewhere: strict budget and strong context only.
    if (query.q.length >= FUZZY_ELSEWHERE_MIN_QUOTE) {
      const budget = Math.max(1, Math.floor(query.q.length * FUZZY_ELSEWHERE_ERROR_RATE));
      const skip = new Set<number>([...(home === null ? [] : [home]), ...related]);
      const occ = finder
        .blocksSharingWords(query.q)
        .filter((j) => !skip.has(j))
        .flatMap((j) => fuzzyIn(newDoc.blocks[j]!, query, budget))
        .filter((o) => o.ctx >= FUZZY_ELSEWHERE_MIN_CONTEXT && !fuzzyExplained(o))
        .sort(byErrors(query.q.length))[0];
      if (occ) return attach(occ, "fuzzy");
    }

    const where =
      home !== null
        ? "its paragraph is still there, but the passage was rewritten or removed"
        : "its paragraph was removed or rewritten";
    return {
      id: c.id,
      status: "detached",
      reason: `The quoted passage “${truncate(quote)}” is no longer in the reading: ${where}.`,
    };
  });
}
