/**
 * One linear pass over a page: its text blocks (the innermost block elements that hold text) and, for every
 * element, how much of the text inside it reads as prose and how much does not. The extractor chooses the
 * article's container and judges chrome from these figures, so nothing below walks a subtree twice.
 */
import { tokenize } from "./score";
import { INLINE_TAGS, SKIP_TAGS, isHiddenElement, tagOf } from "./dom";
import { isFinePrint } from "./chrome";

export interface TextBlock {
  el: Element;
  text: string;
  /** length in words: a word of a spaced script counts 1, a character of Chinese, Japanese or Thai ½ */
  tokens: number;
  linkTokens: number;
  /** a sentence-like stretch of text with few links: what articles are made of */
  prose: boolean;
  heading: boolean;
  /** position in document order */
  index: number;
}

export interface ElementStats {
  /** tokens in prose blocks (links excluded) */
  prose: number;
  /** tokens in other blocks */
  other: number;
  tokens: number;
  linkTokens: number;
  /** prose blocks inside */
  proseBlocks: number;
  /** index of the first and last text block inside (-1 when none) */
  first: number;
  last: number;
}

export interface PageBlocks {
  blocks: TextBlock[];
  /** every element of the page in document order */
  elements: Element[];
  stats: Map<Element, ElementStats>;
  /** the text block an element owns (its own text, not its descendants'), if any */
  owned: Map<Element, TextBlock>;
}

const UNSPACED_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** Length in words; scripts written without spaces count two characters as a word. */
export function wordLength(text: string): number {
  let n = 0;
  for (const t of tokenize(text)) n += t.length <= 2 && UNSPACED_RE.test(t) ? 0.5 : 1;
  return n;
}
const SENTENCE_RE = /[.!?;:。！？…،؟]["'”’»)\]]*(?:\s|$)|[。！？]/;

/** Does this block read as prose? Long enough, few links, sentence punctuation (or long enough to be unpunctuated prose). */
export function isProse(text: string, tokens: number, linkTokens: number): boolean {
  const own = tokens - linkTokens;
  const unspaced = UNSPACED_RE.test(text);
  if (own < (unspaced ? 9 : 10)) return false;
  if (linkTokens / Math.max(tokens, 1) > 0.35) return false;
  // Chinese/Japanese/Thai lines are often written without sentence punctuation
  return unspaced || SENTENCE_RE.test(text) || own >= 30;
}

interface Frame {
  node: Node;
  owner: Element;
  link: number;
}

export function collectBlocks(root: Element): PageBlocks {
  const parts = new Map<Element, { text: string[]; link: string[] }>();
  const order: Element[] = [];
  const elements: Element[] = [];
  const stack: Frame[] = [{ node: root, owner: root, link: 0 }];
  while (stack.length) {
    const { node, owner, link } = stack.pop()!;
    if (node.nodeType === 3) {
      const v = node.nodeValue ?? "";
      if (!v.trim()) { const p = parts.get(owner); if (p) p.text.push(" "); continue; }
      let p = parts.get(owner);
      if (!p) { p = { text: [], link: [] }; parts.set(owner, p); order.push(owner); }
      p.text.push(v);
      if (link) p.link.push(" ", v);
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    const tag = tagOf(el);
    if (SKIP_TAGS.has(tag) || isHiddenElement(el)) continue;
    elements.push(el);
    if (tag === "br") { const p = parts.get(owner); if (p) p.text.push(" "); continue; }
    const inline = INLINE_TAGS.has(tag) && el !== root;
    const nextOwner = inline ? owner : el;
    const nextLink = link + (tag === "a" && el.hasAttribute("href") ? 1 : 0);
    if (!inline) {
      // a block inside an owner's running text splits it: the owner's later text is a separate stretch
      const p = parts.get(owner);
      if (p) p.text.push(" ");
    }
    const kids = el.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i] as Node, owner: nextOwner, link: nextLink });
  }
  const blocks: TextBlock[] = [];
  const owned = new Map<Element, TextBlock>();
  for (const el of order) {
    const p = parts.get(el)!;
    const text = p.text.join("").replace(/\s+/g, " ").trim();
    if (!text) continue;
    const tokens = wordLength(text);
    if (!tokens) continue;
    const linkTokens = Math.min(tokens, wordLength(p.link.join("")));
    const heading = /^h[1-6]$/.test(tagOf(el));
    const prose = !heading && isProse(text, tokens, linkTokens) && !isFinePrint(text, tokens);
    const b: TextBlock = { el, text, tokens, linkTokens, prose, heading, index: 0 };
    blocks.push(b);
    owned.set(el, b);
  }
  // document order: order of the owners' first text; owners are met in preorder, which is document order
  // except for an owner whose text resumes after a nested block — its first text still comes first.
  blocks.forEach((b, i) => (b.index = i));
  const stats = new Map<Element, ElementStats>();
  for (const el of elements) stats.set(el, { prose: 0, other: 0, tokens: 0, linkTokens: 0, proseBlocks: 0, first: -1, last: -1 });
  for (let i = elements.length - 1; i >= 0; i--) {
    const el = elements[i]!;
    const s = stats.get(el)!;
    const b = owned.get(el);
    if (b) {
      s.tokens += b.tokens;
      s.linkTokens += b.linkTokens;
      if (b.prose) { s.prose += b.tokens - b.linkTokens; s.proseBlocks++; } else s.other += b.tokens;
      s.first = s.first < 0 ? b.index : Math.min(s.first, b.index);
      s.last = Math.max(s.last, b.index);
    }
    const parent = el.parentElement;
    const ps = parent ? stats.get(parent) : undefined;
    if (ps) {
      ps.prose += s.prose;
      ps.other += s.other;
      ps.tokens += s.tokens;
      ps.linkTokens += s.linkTokens;
      ps.proseBlocks += s.proseBlocks;
      if (s.first >= 0) {
        ps.first = ps.first < 0 ? s.first : Math.min(ps.first, s.first);
        ps.last = Math.max(ps.last, s.last);
      }
    }
  }
  return { blocks, elements, stats, owned };
}
