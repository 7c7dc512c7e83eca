/**
 * DOM helpers shared by the web-page extractor: what is markup-only, what is inline, hidden elements, the
 * words in an element's class/id, link density. Every traversal here is iterative (a hostile page may nest
 * elements thousands deep) and linear in the size of the subtree.
 */
import { tokenize } from "./score";

/** Elements that never hold article text. */
export const SKIP_TAGS = new Set([
  "script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "button", "input", "select", "textarea",
  "img", "video", "audio", "object", "embed", "map", "head", "title", "meta", "link", "picture", "source", "option", "dialog",
]);

/** Inline elements: text inside them belongs to the enclosing block. */
export const INLINE_TAGS = new Set([
  "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd",
  "label", "mark", "nobr", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var",
  "wbr", "img", "math", "output", "ruby", "rt", "rp",
]);

export function tagOf(el: Element): string {
  return el.tagName.toLowerCase();
}

/** Children elements of `el` (linkedom's `children` is live; a copy is safe to iterate while removing). */
export function childElements(el: Element): Element[] {
  return Array.from(el.children) as Element[];
}

/** The words of an element's class and id: "ArticleBody_root__x1", "story-body", "shareTools" → article, body, root, x1, story, … */
export function nameWords(el: Element): string[] {
  const raw = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`;
  if (!raw.trim()) return [];
  return raw
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const splitName = (n: string) => n.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

/**
 * The class names and id of an element, each as its own lowercased word list ("share-tools" → ["share", "tools"]).
 * An id made from the element's own text ("conducting-ad-hoc-analysis" on the term it anchors) names no
 * component and is left out.
 */
export function names(el: Element): string[][] {
  const out = (el.getAttribute("class") ?? "").split(/\s+/).filter(Boolean).map(splitName);
  const id = el.getAttribute("id");
  if (id) {
    const words = splitName(id);
    if (!slugOfText(el, words)) out.push(words);
  }
  return out;
}

/** Is the id made of the element's own words (most of its words stand in the element's text)? */
function slugOfText(el: Element, words: string[]): boolean {
  if (!words.length) return false;
  const text = new Set((el.textContent ?? "").slice(0, 300).toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").split(/[^a-z0-9]+/).filter(Boolean));
  return words.filter((w) => text.has(w)).length >= Math.ceil(words.length * 0.7);
}

const HIDDEN_STYLE_RE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;
const HIDDEN_NAMES = new Set(["hidden", "hide", "invisible", "sr", "visually", "offscreen", "screenreader"]);

/** Not shown to a reader: `hidden`, `display:none`/`visibility:hidden` inline, or a screen-reader-only class. */
export function isHiddenElement(el: Element): boolean {
  if (el.hasAttribute("hidden")) return true;
  const style = el.getAttribute("style");
  if (style && HIDDEN_STYLE_RE.test(style)) return true;
  for (const n of names(el)) {
    const joined = n.join("-");
    if (joined === "hidden" || joined === "hide" || joined === "sr-only" || joined === "visually-hidden" || joined === "screen-reader-text"
      || joined === "element-invisible" || joined === "offscreen" || joined === "off-screen" || joined === "a11y" || joined === "is-hidden"
      || joined === "u-hidden" || joined === "visuallyhidden" || joined === "invisible") return true;
    if (n.length === 2 && HIDDEN_NAMES.has(n[0]!) && (n[1] === "hidden" || n[1] === "only")) return true;
  }
  return false;
}

/** Collapsed visible text of an element (hidden elements and skipped tags excluded), iteratively. */
export function textOf(el: Element): string {
  const parts: string[] = [];
  const stack: Node[] = [el];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.nodeType === 3) { parts.push(n.nodeValue ?? ""); continue; }
    if (n.nodeType !== 1) continue;
    const e = n as Element;
    const tag = tagOf(e);
    if (e !== el && (SKIP_TAGS.has(tag) || isHiddenElement(e))) continue;
    if (tag === "br") { parts.push(" "); continue; }
    const kids = e.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as Node);
    if (!INLINE_TAGS.has(tag)) parts.push(" ");
  }
  return parts.join("").replace(/\s+/g, " ").trim();
}

/** Tokens (see score.ts) in the element's text and in the text of its links. */
export function linkStats(el: Element): { tokens: number; linkTokens: number } {
  const tokens = tokenize(textOf(el)).length;
  let linkTokens = 0;
  for (const a of Array.from(el.querySelectorAll("a[href]")) as Element[]) linkTokens += tokenize(textOf(a)).length;
  return { tokens, linkTokens: Math.min(linkTokens, tokens) };
}

export function linkDensity(el: Element): number {
  const s = linkStats(el);
  return s.tokens ? s.linkTokens / s.tokens : 0;
}
