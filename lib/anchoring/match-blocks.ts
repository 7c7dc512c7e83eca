/**
 * Paragraph correspondence between two versions of a reading, by CONTENT, never by position.
 *
 * 1. Same text (after normalisation). An order-preserving alignment of the two block sequences pairs
 *    identical blocks, so duplicated texts pair with the copy in the same place; identical blocks
 *    that moved pair next.
 * 2. Otherwise candidates are the new blocks sharing word bigrams with the old one; each candidate is
 *    compared with a token-level diff (diff-match-patch over word/punctuation tokens, Diff_Timeout = 0
 *    so results never depend on machine speed, semantic cleanup). `common` = weight (characters) of
 *    the shared, in-order text, counting only runs of ≥ 3 tokens or runs between typo-sized edits
 *    (scattered common words are not shared text).
 *      - edit:  Dice 2·common/(old+new) ≥ 90% (CommentPress re-matches edits at 90%); near misses
 *               (≥ 75%) are re-measured on characters, so a one-letter typo never costs a word;
 *      - merge: ≥ 90% of the old paragraph is inside the new block. A short old paragraph (< 40
 *               characters) also needs a neighbour merged into the same block, or a run of adjacent
 *               old paragraphs that together make up the block — a short sentence can occur anywhere;
 *      - trim/split: the new block is ≥ 90% old text, comes from this paragraph more than from any
 *               other, and holds ≥ 50% of it — or, for a split into several pieces, the pieces
 *               together hold ≥ 85% of it and this is the largest piece (≥ 20%).
 *    Candidates near the block's old neighbours win, then the one carrying most of the old text.
 *    A new block cannot absorb more old text than it has (10% slack): a near-duplicate neighbour of a
 *    paragraph that was kept unchanged or edited cannot also claim it. Most similar claims go first.
 * 3. Anything else maps to null: its comments are detached, never handed to a neighbour.
 *
 * Commentable blocks are matched only to commentable blocks; headings only to headings of the same
 * text.
 */
import DiffMatchPatch from "diff-match-patch";
import type { Tokens } from "./normalize";
import { prepare, type PreparedBlock, type PreparedDoc } from "./prepare";
import type { AnchorBlock } from "./types";

export const EDIT_SIMILARITY = 0.9;
export const MERGE_CONTAINMENT = 0.9;
export const PIECE_PURITY = 0.9;
export const PIECE_SHARE_SINGLE = 0.5;
export const SPLIT_COVERAGE = 0.85;
export const PIECE_SHARE_MIN = 0.2;
/** Old paragraphs lighter than this (≈ 8 words) are only "merged" when a neighbour went the same way. */
export const MERGE_MIN_WEIGHT = 40;
/** A new block is "related" to an old one (searched for its passages) when it is mostly old text. */
const RELATED_SHARE_NEW = 0.8;
const EXPLAIN_TOLERANCE = 0.02;
/** Shared text counts in runs of at least this many tokens, or between typo-sized edits. */
const MIN_RUN = 3;
const TYPO_TOKENS = 2;
/** Near misses of the edit threshold get a character-level second opinion from this Dice on. */
const CHAR_CHECK_FROM = 0.75;
/** A new block's text may be claimed up to this multiple of its weight (edits add a little). */
const CLAIM_SLACK = 1.1;
/** Pieces lighter than this do not count towards split coverage. */
const PIECE_MIN_WEIGHT = 12;
/** Bigrams found in more new blocks than this are too common to nominate candidates. */
const POSTING_CAP = 64;
const MAX_CANDIDATES = 10;

export type BlockMatchHow = "exact" | "same-text" | "similar";
export type SimilarKind = "edit" | "merge" | "split" | "trim";

export interface Candidate {
  newIndex: number;
  common: number;
  simOld: number;
  simNew: number;
  dice: number;
}

export interface BlockMatch {
  newIndex: number | null;
  how: BlockMatchHow | null;
  kind?: SimilarKind;
  /** New blocks that took a substantial share of this block's text (split halves, merged block …). */
  related: number[];
  /** Best Dice similarity seen, for the detached reason. */
  bestDice: number;
}

const dmp = new DiffMatchPatch();
dmp.Diff_Timeout = 0; // deterministic: never cut a diff short because the machine is slow

function encode(tokens: string[], from: number, to: number, dict: Map<string, string>): string {
  let out = "";
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    let c = dict.get(t);
    if (c === undefined) {
      let code = dict.size + 0x21;
      if (code >= 0xd800) code += 0x800; // skip the surrogate range
      c = String.fromCharCode(code & 0xffff);
      dict.set(t, c);
    }
    out += c;
  }
  return out;
}

/** Upper bound of `commonWeight`: weight of the multiset intersection of the two token lists. */
function bagOverlap(o: Tokens, n: Tokens): number {
  const bag = new Map<string, number>();
  for (const t of o.list) bag.set(t, (bag.get(t) ?? 0) + 1);
  let w = 0;
  for (let i = 0; i < n.list.length; i++) {
    const t = n.list[i]!;
    const k = bag.get(t);
    if (k) {
      bag.set(t, k - 1);
      w += n.weights[i]!;
    }
  }
  return w;
}

/** Weight of old text found, in order and in runs, in the new block (after semantic cleanup). */
export function commonWeight(o: Tokens, n: Tokens): number {
  const dict = new Map<string, string>();
  const a = encode(o.list, 0, o.list.length, dict);
  const full = encode(n.list, 0, n.list.length, dict);
  // Whole containment first: the diff's greedy prefix/suffix trimming can misalign repetitive text.
  if (full.includes(a)) return o.total;
  if (a.includes(full)) return n.total;
  // A new block much longer than the old one (a merge): diff only the region where the old text is.
  const [from, to] = tokenWindow(o, n);
  const b = full.slice(from, to);
  const diffs = dmp.diff_main(a, b, false);
  dmp.diff_cleanupSemantic(diffs);
  // Shared runs of < 3 tokens count only between typo-sized edits (≤ 2 tokens either side): a
  // paragraph is not "contained" in another just because its words occur there in order, scattered.
  const minRun = Math.min(MIN_RUN, o.list.length, b.length);
  const editSize: number[] = []; // for each diff op index: size of the edit group it belongs to
  for (let k = 0; k < diffs.length; ) {
    if (diffs[k]![0] === DiffMatchPatch.DIFF_EQUAL) {
      editSize[k] = 0;
      k++;
      continue;
    }
    let del = 0;
    let ins = 0;
    let e = k;
    for (; e < diffs.length && diffs[e]![0] !== DiffMatchPatch.DIFF_EQUAL; e++) {
      if (diffs[e]![0] === DiffMatchPatch.DIFF_DELETE) del += diffs[e]![1].length;
      else ins += diffs[e]![1].length;
    }
    for (let x = k; x < e; x++) editSize[x] = Math.max(del, ins);
    k = e;
  }
  let oi = 0;
  let common = 0;
  for (let k = 0; k < diffs.length; k++) {
    const op = diffs[k]![0];
    const len = diffs[k]![1].length;
    if (op === DiffMatchPatch.DIFF_EQUAL) {
      const left = k > 0 ? editSize[k - 1]! : 0;
      const right = k + 1 < diffs.length ? editSize[k + 1]! : 0;
      if (len >= minRun || (left <= TYPO_TOKENS && right <= TYPO_TOKENS)) for (let x = 0; x < len; x++) common += o.weights[oi + x]!;
      oi += len;
    } else if (op === DiffMatchPatch.DIFF_DELETE) {
      oi += len;
    }
  }
  return common;
}

/** Dice similarity on characters (normalised text), shared text after semantic cleanup. */
export function charDice(a: string, b: string): number {
  if (a.length + b.length === 0) return 1;
  const diffs = dmp.diff_main(a, b, false);
  dmp.diff_cleanupSemantic(diffs);
  let common = 0;
  for (const d of diffs) if (d[0] === DiffMatchPatch.DIFF_EQUAL) common += d[1].length;
  return (2 * common) / (a.length + b.length);
}

/**
 * For a new block much longer than the old one, the token window where the old text most likely is:
 * the densest stretch of the old block's token bigrams, each weighted by its rarity in the new block.
 */
function tokenWindow(o: Tokens, n: Tokens): [number, number] {
  const olen = o.list.length;
  if (n.list.length <= 3 * olen + 50) return [0, n.list.length];
  const grams = new Set<string>();
  for (let i = 0; i + 1 < olen; i++) grams.add(o.list[i] + "\u0000" + o.list[i + 1]);
  const marks: number[] = [];
  const keys: string[] = [];
  const freq = new Map<string, number>();
  for (let i = 0; i + 1 < n.list.length; i++) {
    const g = n.list[i] + "\u0000" + n.list[i + 1];
    if (!grams.has(g)) continue;
    marks.push(i);
    keys.push(g);
    freq.set(g, (freq.get(g) ?? 0) + 1);
  }
  if (marks.length === 0) return [0, Math.min(n.list.length, 2 * olen)];
  const weight = keys.map((g) => 1 / freq.get(g)!);
  const span = Math.ceil(olen * 1.5) + 10;
  let best = 0;
  let bestScore = -1;
  let r = 0;
  let sum = 0;
  for (let l = 0; l < marks.length; l++) {
    while (r < marks.length && marks[r]! - marks[l]! < span) sum += weight[r++]!;
    if (sum > bestScore + 1e-9) {
      bestScore = sum;
      best = l;
    }
    sum -= weight[l]!;
  }
  const pad = Math.ceil(olen * 0.25) + 5;
  return [Math.max(0, marks[best]! - pad), Math.min(n.list.length, marks[best]! + span + pad)];
}

function shingles(words: string[]): Set<string> {
  const out = new Set<string>();
  if (words.length === 1) out.add(words[0]!);
  for (let i = 0; i + 1 < words.length; i++) out.add(words[i] + " " + words[i + 1]);
  return out;
}

interface ShingleIndex {
  postings: Map<string, number[]>;
  sizes: Map<number, number>;
}

function buildIndex(doc: PreparedDoc): ShingleIndex {
  const postings = new Map<string, number[]>();
  const sizes = new Map<number, number>();
  for (const j of doc.commentable) {
    const set = shingles(doc.blocks[j]!.tokens().words);
    sizes.set(j, set.size);
    for (const g of set) {
      const list = postings.get(g);
      if (list) list.push(j);
      else postings.set(g, [j]);
    }
  }
  return { postings, sizes };
}

function candidatesFor(o: PreparedBlock, index: ShingleIndex): number[] {
  const set = shingles(o.tokens().words);
  const counts = new Map<number, number>();
  let rarest: number[] | undefined;
  for (const g of set) {
    const list = index.postings.get(g);
    if (!list) continue;
    if (list.length > POSTING_CAP) {
      if (!rarest || list.length < rarest.length) rarest = list;
      continue;
    }
    for (const j of list) counts.set(j, (counts.get(j) ?? 0) + 1);
  }
  if (counts.size === 0 && rarest) for (const j of rarest) counts.set(j, 1);
  const out: Array<[number, number]> = [];
  for (const [j, c] of counts) {
    const small = Math.min(set.size, index.sizes.get(j) ?? 0);
    if (c >= Math.max(1, 0.25 * small)) out.push([j, c]);
  }
  out.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
  return out.slice(0, MAX_CANDIDATES).map(([j]) => j);
}

/** For each old block: (new index of the nearest paired block before it, … after it). */
function neighbourWindows(result: BlockMatch[], nNew: number): Array<[number, number]> {
  const out: Array<[number, number]> = result.map(() => [-1, nNew]);
  let prev = -1;
  for (let i = 0; i < result.length; i++) {
    out[i]![0] = prev;
    const j = result[i]!.newIndex;
    if (j !== null) prev = j;
  }
  let next = nNew;
  for (let i = result.length - 1; i >= 0; i--) {
    out[i]![1] = next;
    const j = result[i]!.newIndex;
    if (j !== null) next = j;
  }
  return out;
}

function rel(i: number, n: number): number {
  return n <= 1 ? 0 : i / (n - 1);
}

/** Full correspondence with details; `matchBlocks` is the public summary. */
export function computeMatches(oldDoc: PreparedDoc, newDoc: PreparedDoc): BlockMatch[] {
  const result: BlockMatch[] = oldDoc.blocks.map(() => ({ newIndex: null, how: null, related: [], bestDice: 0 }));
  const nOld = oldDoc.blocks.length;
  const nNew = newDoc.blocks.length;

  // 1. Same normalised text. An order-preserving alignment of the two block sequences (a diff over
  //    block keys) pairs identical blocks, so duplicated texts ("* * *", a repeated refrain) pair with
  //    the copy in the same place rather than the first one; then identical blocks that moved pair
  //    up. An old block whose text now exists only as copies already paired goes through stage 2
  //    with everyone else (it may have been merged), and falls back to the nearest copy.
  const keyOf = (b: PreparedBlock) => (b.block.commentable ? "c:" : "h:") + b.key;
  const byKey = new Map<string, number[]>();
  for (const nb of newDoc.blocks) {
    const k = keyOf(nb);
    const list = byKey.get(k);
    if (list) list.push(nb.index);
    else byKey.set(k, [nb.index]);
  }
  const used = new Set<number>();
  const pair = (oi: number, j: number) => {
    used.add(j);
    const ob = oldDoc.blocks[oi]!;
    const nb = newDoc.blocks[j]!;
    result[oi] = { newIndex: j, how: nb.block.text === ob.block.text ? "exact" : "same-text", related: [j], bestDice: 1 };
  };
  const codes = new Map<string, string>();
  const code = (k: string) => {
    let c = codes.get(k);
    if (c === undefined) {
      let n = codes.size + 0x21;
      if (n >= 0xd800) n += 0x800;
      c = String.fromCharCode(n & 0xffff);
      codes.set(k, c);
    }
    return c;
  };
  const oldSeq = oldDoc.blocks.map((b) => code(keyOf(b))).join("");
  const newSeq = newDoc.blocks.map((b) => code(keyOf(b))).join("");
  if (codes.size < 0xf000) {
    let oi = 0;
    let nj = 0;
    for (const d of dmp.diff_main(oldSeq, newSeq, false)) {
      const len = d[1].length;
      if (d[0] === DiffMatchPatch.DIFF_EQUAL) {
        for (let k = 0; k < len; k++) pair(oi + k, nj + k);
        oi += len;
        nj += len;
      } else if (d[0] === DiffMatchPatch.DIFF_DELETE) oi += len;
      else nj += len;
    }
  }
  // Neighbourhood of each old block in the new version, from the sequence alignment.
  const windows = neighbourWindows(result, nNew);
  const inWindow = (oi: number, j: number) => windows[oi]![0] < j && j < windows[oi]![1];
  const nearest = (oi: number, list: number[]) => {
    const want = rel(oi, nOld);
    return [...list].sort(
      (x, y) =>
        Number(inWindow(oi, y)) - Number(inWindow(oi, x)) ||
        Math.abs(rel(x, nNew) - want) - Math.abs(rel(y, nNew) - want) ||
        x - y,
    )[0];
  };
  const unmatched: number[] = [];
  const copies = new Map<number, number[]>(); // old index -> identical new blocks already taken
  for (const ob of oldDoc.blocks) {
    if (result[ob.index]!.newIndex !== null) continue;
    const list = byKey.get(keyOf(ob));
    const free = list?.filter((j) => !used.has(j)) ?? [];
    if (free.length > 0) pair(ob.index, nearest(ob.index, free)!);
    else if (ob.block.commentable) {
      unmatched.push(ob.index);
      if (list) copies.set(ob.index, list);
    }
  }
  if (unmatched.length === 0) return result;

  // 2. Similar content.
  const index = buildIndex(newDoc);
  const scored = new Map<number, Candidate[]>();
  const acceptedOf = new Map<number, Array<{ c: Candidate; kind: SimilarKind }>>();
  for (const oi of unmatched) {
    const ob = oldDoc.blocks[oi]!;
    const ot = ob.tokens();
    const cands: Candidate[] = [];
    if (ot.total > 0) {
      for (const j of candidatesFor(ob, index)) {
        const nt = newDoc.blocks[j]!.tokens();
        if (nt.total === 0) continue;
        // Skip the diff when even the shared bag of tokens could not reach any threshold below.
        const bound = bagOverlap(ot, nt);
        if (bound < 0.8 * ot.total && bound < 0.8 * nt.total) continue;
        const common = commonWeight(ot, nt);
        let dice = (2 * common) / (ot.total + nt.total);
        // Token weights make a one-character typo cost a word or two ("congressdemanded"); near
        // misses are re-measured on characters, like CommentPress' similar_text.
        if (dice >= CHAR_CHECK_FROM && dice < EDIT_SIMILARITY) dice = Math.max(dice, charDice(ob.key, newDoc.blocks[j]!.key));
        cands.push({ newIndex: j, common, simOld: common / ot.total, simNew: common / nt.total, dice });
      }
    }
    scored.set(oi, cands);
  }

  // How much of each new block the old paragraph that explains it best accounts for. A piece (trim,
  // split) or a passage search target must come from the paragraph that explains it best — in prose
  // with recurring phrases, a deleted paragraph can look like 90% of someone else's half.
  const bestExplainer = new Map<number, number>();
  for (const cands of scored.values()) {
    for (const c of cands) bestExplainer.set(c.newIndex, Math.max(bestExplainer.get(c.newIndex) ?? 0, c.simNew));
  }
  const explainsBest = (c: Candidate) => c.simNew >= (bestExplainer.get(c.newIndex) ?? 0) - EXPLAIN_TOLERANCE;

  for (const oi of unmatched) {
    const cands = scored.get(oi)!;
    const total = oldDoc.blocks[oi]!.tokens().total;
    const want = rel(oi, nOld);
    const minPiece = Math.min(PIECE_MIN_WEIGHT, 0.3 * total);
    const pieces = cands.filter((c) => c.simNew >= PIECE_PURITY && c.common >= minPiece && explainsBest(c));
    const coverage = pieces.reduce((s, c) => s + c.common, 0) / Math.max(1, total);
    const largestPiece = pieces.reduce<Candidate | undefined>((b, c) => (!b || c.common > b.common ? c : b), undefined);

    const accepted: Array<{ c: Candidate; kind: SimilarKind }> = [];
    for (const c of cands) {
      if (c.dice >= EDIT_SIMILARITY && explainsBest(c)) accepted.push({ c, kind: "edit" });
      else if (c.simOld >= MERGE_CONTAINMENT && total >= MERGE_MIN_WEIGHT) accepted.push({ c, kind: "merge" });
      else if (c.simNew >= PIECE_PURITY && c.simOld >= PIECE_SHARE_SINGLE && explainsBest(c)) accepted.push({ c, kind: "trim" });
      else if (coverage >= SPLIT_COVERAGE && largestPiece === c && c.simOld >= PIECE_SHARE_MIN) accepted.push({ c, kind: "split" });
    }
    accepted.sort(
      (x, y) =>
        Number(inWindow(oi, y.c.newIndex)) - Number(inWindow(oi, x.c.newIndex)) ||
        y.c.common - x.c.common ||
        y.c.dice - x.c.dice ||
        Math.abs(rel(x.c.newIndex, nNew) - want) - Math.abs(rel(y.c.newIndex, nNew) - want) ||
        x.c.newIndex - y.c.newIndex,
    );
    acceptedOf.set(oi, accepted);
    const related = cands
      .filter((c) => c.simNew >= RELATED_SHARE_NEW && c.common >= minPiece && explainsBest(c))
      .map((c) => c.newIndex);
    const bestDice = cands.reduce((m, c) => Math.max(m, c.dice), 0);
    result[oi] = { newIndex: null, how: null, related, bestDice };
  }

  // Assign. A new block cannot hold more old text than it has: once its text is accounted for (it is
  // another paragraph's unchanged counterpart, or edited/merged paragraphs already fill it), a further
  // claim is a near-duplicate neighbour, not this paragraph — it is refused. The most similar claims
  // go first.
  const claimed = new Map<number, number>();
  for (const m of result) if (m.newIndex !== null) claimed.set(m.newIndex, Infinity);
  const fits = (j: number, common: number) =>
    (claimed.get(j) ?? 0) + common <= CLAIM_SLACK * newDoc.blocks[j]!.tokens().total + 2;
  const claim = (j: number, common: number) => claimed.set(j, (claimed.get(j) ?? 0) + common);
  const order = [...unmatched].sort((x, y) => {
    const dx = acceptedOf.get(x)?.reduce((m, a) => Math.max(m, a.c.dice), 0) ?? 0;
    const dy = acceptedOf.get(y)?.reduce((m, a) => Math.max(m, a.c.dice), 0) ?? 0;
    return dy - dx || x - y;
  });
  for (const oi of order) {
    // An edited paragraph accounts for (nearly) its whole new block, even where typos cost tokens.
    const amount = (a: { c: Candidate; kind: SimilarKind }) =>
      a.kind === "edit" ? Math.max(a.c.common, a.c.dice * newDoc.blocks[a.c.newIndex]!.tokens().total) : a.c.common;
    const top = (acceptedOf.get(oi) ?? []).find((a) => fits(a.c.newIndex, amount(a)));
    if (top) {
      claim(top.c.newIndex, amount(top));
      result[oi] = { ...result[oi]!, newIndex: top.c.newIndex, how: "similar", kind: top.kind };
    }
  }
  for (const oi of unmatched) {
    const copyList = copies.get(oi);
    if (result[oi]!.newIndex !== null || !copyList) continue;
    // Same text as blocks already paired with other old copies, and not merged anywhere: share one.
    const j = nearest(oi, copyList)!;
    const same = newDoc.blocks[j]!.block.text === oldDoc.blocks[oi]!.block.text;
    result[oi] = { newIndex: j, how: same ? "exact" : "same-text", related: [j], bestDice: 1 };
  }

  // 3. Short paragraphs merged with neighbours: containment is accepted when an adjacent old
  //    paragraph went to the same new block, or when a run of adjacent old paragraphs, each contained
  //    in the new block, together make up ≥ 90% of it. Repeat so runs of short paragraphs chain.
  const oldCommentable = oldDoc.commentable;
  const containedIn = (oi: number, j: number): Candidate | undefined =>
    (scored.get(oi) ?? []).find((c) => c.newIndex === j && c.simOld >= MERGE_CONTAINMENT);
  let changed = true;
  while (changed) {
    changed = false;
    for (let k = 0; k < oldCommentable.length; k++) {
      const oi = oldCommentable[k]!;
      if (result[oi]!.newIndex !== null) continue;
      const cands = (scored.get(oi) ?? [])
        .filter((c) => c.simOld >= MERGE_CONTAINMENT)
        .sort((x, y) => y.common - x.common || x.newIndex - y.newIndex);
      for (const c of cands) {
        const j = c.newIndex;
        let ok = [oldCommentable[k - 1], oldCommentable[k + 1]].some((x) => x !== undefined && result[x]!.newIndex === j);
        if (!ok) {
          // A run of adjacent old paragraphs, each contained in block j, that together make it up
          // (90%–110%: a run that over-explains the block holds a paragraph that is not part of it).
          const weights: number[] = [];
          let lo = k;
          while (lo > 0 && k - lo < 50 && containedIn(oldCommentable[lo - 1]!, j)) lo--;
          let hi = k;
          while (hi + 1 < oldCommentable.length && hi - k < 50 && containedIn(oldCommentable[hi + 1]!, j)) hi++;
          for (let a = lo; a <= hi; a++) weights.push(a === k ? c.common : containedIn(oldCommentable[a]!, j)!.common);
          const wN = newDoc.blocks[j]!.tokens().total;
          for (let a = lo; a <= k && !ok; a++) {
            let sum = 0;
            for (let b = a; b <= hi; b++) {
              sum += weights[b - lo]!;
              if (b >= k && b > a && sum >= MERGE_CONTAINMENT * wN && sum <= CLAIM_SLACK * wN + 2) {
                ok = true;
                break;
              }
            }
          }
        }
        if (ok && fits(j, c.common)) {
          claim(j, c.common);
          result[oi] = { ...result[oi]!, newIndex: j, how: "similar", kind: "merge" };
          changed = true;
          break;
        }
      }
    }
  }
  for (const m of result) if (m.newIndex !== null && !m.related.includes(m.newIndex)) m.related.unshift(m.newIndex);
  return result;
}

/**
 * Paragraph correspondence: old block id → new block id, or null when the old paragraph has no
 * counterpart (deleted or rewritten beyond recognition).
 */
export function matchBlocks(oldBlocks: AnchorBlock[], newBlocks: AnchorBlock[]): Map<string, string | null> {
  const oldDoc = prepare(oldBlocks);
  const newDoc = prepare(newBlocks);
  const matches = computeMatches(oldDoc, newDoc);
  const out = new Map<string, string | null>();
  matches.forEach((m, i) => {
    const id = oldBlocks[i]!.id;
    if (!out.has(id)) out.set(id, m.newIndex === null ? null : newBlocks[m.newIndex]!.id);
  });
  return out;
}
