/**
 * Find the article on a saved web page.
 *
 *   1. Text blocks and per-element prose figures, in one pass (blocks.ts).
 *   2. The container: the element whose prose outweighs everything else in it by the most
 *      (prose tokens − ½ · other tokens; prose under comment/related/sidebar-like names counts as other).
 *   3. Inside it, chrome is removed: navigation tags and roles, chrome-named elements, link lists that are
 *      not part of the text, boilerplate lines, pull quotes that repeat the text, bylines and dates before
 *      the text starts, and whatever trails after it ends.
 *   4. What belongs to the article but stands outside the container: the standfirst under the headline and
 *      the lead picture's caption (note definitions are handled by the caller).
 *
 * Elements that hold most of the article's prose, and note definitions, are never removed.
 */
import { collectBlocks, wordLength, type PageBlocks, type TextBlock } from "./blocks";
import { chromeName, chromeTagOrRole, commentName, isBoilerplateLine, isChromeHeading, isFinePrint, strongChromeName } from "./chrome";
import { INLINE_TAGS, tagOf, textOf, names } from "./dom";
import { scoreText, tokenize } from "./score";
import { isCaptionElement } from "./captions";

export interface ArticlePlan {
  /** the article's container */
  root: Element;
  /** elements outside the container that belong to the article (standfirst, lead caption), in document order */
  lead: Element[];
  /** the headline element, when the page has one (its text is the title) */
  headline: Element | null;
  /** elements to drop, with the reason shown in the report */
  drops: { el: Element; why: string }[];
  /** bylines and date lines before the article's text: read first, for the metadata rules to take */
  metaLines: Element[];
  /** no container stood out: the whole page is read */
  wholePage: boolean;
}

export interface PlanOptions {
  /** note definitions and the elements that hold them: never dropped */
  protect: Set<Element>;
  /** the page's declared title (og:title, <title>), to recognise the headline */
  title: string | null;
  /** the page's declared description (og:description), to recognise the standfirst */
  description: string | null;
}

/** Weight of non-prose text against prose when choosing the container. */
const OTHER_WEIGHT = Number(process.env.WEB_OTHER_WEIGHT ?? 0.5);

export function planArticle(body: Element, opts: PlanOptions): ArticlePlan {
  const page = collectBlocks(body);
  const discounted = discountedProse(page, body);
  const total = page.stats.get(body);
  let root = chooseContainer(page, body, discounted);
  // a single paragraph is no container: its parent holds the rest of the article (a list of deals written as
  // paragraphs of links, short paragraphs, the headings between them)
  while (root && root !== body && TEXT_BLOCK_TAGS.has(tagOf(root)) && root.parentElement) root = root.parentElement;
  if (!total || !root || discounted.get(root)!.prose < 25) {
    return { root: body, lead: [], headline: null, drops: [], metaLines: [], wholePage: true };
  }
  const parts = continuations(root, discounted);
  const outside: { el: Element; why: string }[] = [];
  if (parts.length && root.parentElement) {
    // the article is in several siblings: read their parent, without the siblings that are not part of it
    const keep = new Set([root, ...parts]);
    root = root.parentElement;
    for (const sib of Array.from(root.children) as Element[]) if (!keep.has(sib) && !opts.protect.has(sib)) outside.push({ el: sib, why: "between the parts of the article" });
  } else {
    const cousins = numberedParts(body, root, discounted);
    if (cousins.length) {
      // numbered parts each in a wrapper of their own ("supplemental > story-body-1", "supplemental > story-body-2"):
      // read their nearest common ancestor, without its children that hold no part
      const all = [root, ...cousins];
      let common: Element | null = root.parentElement;
      while (common && common !== body && !all.every((p) => common!.contains(p))) common = common.parentElement;
      if (common) {
        root = common;
        for (const child of Array.from(root.children) as Element[]) {
          if (!all.some((p) => child.contains(p)) && !opts.protect.has(child)) outside.push({ el: child, why: "between the parts of the article" });
        }
      }
    }
  }
  const headline = findHeadline(page, body, root, opts.title);
  const inside = dropsInside(page, root, discounted, opts);
  const drops = [...outside, ...inside.drops.filter((x) => !outside.some((o) => o.el.contains(x.el)))];
  const metaLines = inside.metaLines.filter((m) => !outside.some((o) => o.el.contains(m)));
  const { lead, bylines } = leadElements(page, body, root, headline, opts);
  return { root, lead, headline, drops, metaLines: [...bylines, ...metaLines], wholePage: false };
}

interface Discounted {
  prose: number;
  other: number;
}

/** Per-element prose/other token counts where prose under a strongly chrome-named ancestor counts as other. */
function discountedProse(page: PageBlocks, body: Element): Map<Element, Discounted> {
  const chromeAncestor = new Map<Element, boolean>();
  // an element holding most of the page's prose is not chrome, whatever its name says ("grid-right-rail" around
  // the story), except a comment section: readers' comments may well outweigh the article
  const half = (page.stats.get(body)?.prose ?? 0) * 0.5;
  // …unless the page names its article body elsewhere: then a chrome-named column beside it (a live-news
  // sidebar whose items are prose) stays chrome, however much prose it holds
  const bodies = namedBodies(page, half);
  const wrapsArticle = (el: Element) => page.stats.get(el)!.prose >= half && (!bodies.length || bodies.some((b) => el.contains(b)));
  for (const el of page.elements) {
    const parent = el.parentElement;
    const named = (strongChromeName(el) || chromeTagOrRole(el) || isTeaserCard(page, el)) && (!wrapsArticle(el) || commentName(el));
    chromeAncestor.set(el, (parent ? chromeAncestor.get(parent) ?? false : false) || named);
  }
  const out = new Map<Element, Discounted>();
  for (const el of page.elements) out.set(el, { prose: 0, other: 0 });
  for (let i = page.elements.length - 1; i >= 0; i--) {
    const el = page.elements[i]!;
    const d = out.get(el)!;
    const b = page.owned.get(el);
    if (b) {
      if (b.prose && !chromeAncestor.get(el)) d.prose += b.tokens - b.linkTokens;
      // a heading is the article's structure (a little weight, so the container keeps its headings), unless it
      // is a link (a teaser's headline) or stands in chrome
      else if (b.heading && !chromeAncestor.get(el) && b.linkTokens < b.tokens * 0.5) d.prose += b.tokens * 0.25;
      else d.other += b.tokens;
    }
    const p = el.parentElement ? out.get(el.parentElement) : undefined;
    if (p) { p.prose += d.prose; p.other += d.other; }
  }
  return out;
}

/**
 * Elements the page names as its article body ("article-body", itemprop=articleBody …) holding ≥ 25 prose
 * words, except teasers' bodies inside chrome (a "related" box holding less than half the page's prose).
 */
function namedBodies(page: PageBlocks, half: number): Element[] {
  // one pass in document order (parents first): is an ancestor of the element chrome?
  const inChrome = new Map<Element, boolean>();
  const out: Element[] = [];
  for (const el of page.elements) {
    const parent = el.parentElement;
    const under = !!parent && (inChrome.get(parent) === true || ((strongChromeName(parent) || chromeTagOrRole(parent)) && (page.stats.get(parent)?.prose ?? 0) < half));
    inChrome.set(el, under);
    if (!under && page.stats.get(el)!.prose >= 25 && namesArticleBody(el)) out.push(el);
  }
  return out;
}

const TEXT_BLOCK_TAGS = new Set(["p", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "td", "th", "figcaption", "span", "a", "font", "b", "i", "em", "strong"]);
const CARD_TAGS = new Set(["div", "article", "section", "aside"]);

/**
 * A teaser card: one of several look-alike siblings (same tag and class), short, with a link in it — a
 * headline and standfirst pointing at another story ("Other Opinion Columns", "More stories").
 */
function isTeaserCard(page: PageBlocks, el: Element): boolean {
  if (!CARD_TAGS.has(tagOf(el))) return false;
  const s = page.stats.get(el)!;
  if (s.tokens === 0 || s.tokens > 100 || s.linkTokens < s.tokens * 0.15) return false;
  const parent = el.parentElement;
  if (!parent) return false;
  const signature = cardSignature(el);
  let alike = 0;
  for (const sib of Array.from(parent.children) as Element[]) {
    if (sib !== el && cardSignature(sib) === signature) alike++;
    if (alike >= 2) return true;
  }
  return false;
}

/** Tag and class names without position/id numbers ("story-block sbpos-1 id123" → "div.story-block"). */
function cardSignature(el: Element): string {
  const classes = (el.getAttribute("class") ?? "").split(/\s+/).filter((c) => c && !/\d/.test(c)).sort();
  return `${tagOf(el)}.${classes.join(".")}`;
}

function chooseContainer(page: PageBlocks, body: Element, d: Map<Element, Discounted>): Element | null {
  let best: Element | null = null;
  let bestScore = -Infinity;
  let named: Element | null = null;
  let namedScore = -Infinity;
  for (const el of page.elements) {
    const tag = tagOf(el);
    if (tag === "html" || tag === "head") continue;
    const s = d.get(el)!;
    if (s.prose === 0) continue;
    const score = s.prose - OTHER_WEIGHT * s.other;
    // later (deeper) elements win ties: a wrapper that adds nothing is not the container
    if (score >= bestScore) { best = el; bestScore = score; }
    if (score >= namedScore && namesArticleBody(el)) { named = el; namedScore = score; }
  }
  // the element the page itself names as the article's body wins when it holds most of the prose: a second
  // story elsewhere on the page (a live feed, a teaser with its text) does not pull the container up to the page
  if (best && named && named !== best && d.get(named)!.prose >= d.get(best)!.prose * 0.6 && namedScore > 0) return named;
  return best ?? body;
}

const BODY_WORDS = new Set(["body", "content", "text", "copy", "main", "inner", "prose"]);
const ARTICLE_WORDS = new Set(["article", "post", "entry", "story", "news", "blog"]);

/** "article-body", "entry-content", "story-text", "post__content", itemprop=articleBody … */
export function namesArticleBody(el: Element): boolean {
  if (/articlebody|text/i.test(el.getAttribute("itemprop") ?? "")) return true;
  for (const words of names(el)) {
    if (words.length === 1 && /^(?:articlebody|articletext|articlecontent|storybody|storytext|storycontent|postbody|postcontent|entrycontent|bodytext|bodycopy)$/.test(words[0]!)) return true;
    for (let i = 0; i + 1 < words.length; i++) if (ARTICLE_WORDS.has(words[i]!) && BODY_WORDS.has(words[i + 1]!)) return true;
  }
  return false;
}

/**
 * Siblings that continue the article: a story split into numbered parts around ads ("story-body-1",
 * "story-body-2"). Returns the siblings of `root` that share a class name with it and hold prose.
 */
function continuations(root: Element, d: Map<Element, Discounted>): Element[] {
  const parent = root.parentElement;
  if (!parent) return [];
  const own = new Set((root.getAttribute("class") ?? "").split(/\s+/).filter((c) => c && !/\d/.test(c)));
  if (!own.size) return [];
  const out: Element[] = [];
  for (const sib of Array.from(parent.children) as Element[]) {
    if (sib === root) continue;
    const classes = (sib.getAttribute("class") ?? "").split(/\s+/);
    if (classes.some((c) => own.has(c)) && tagOf(sib) === tagOf(root) && (d.get(sib)?.prose ?? 0) > 0) out.push(sib);
  }
  return out;
}

/**
 * Numbered parts of the article that are not siblings of `root`: elements of the same tag whose class is
 * `root`'s numbered class with another number ("story-body-1" for "story-body-2"), holding prose.
 */
function numberedParts(body: Element, root: Element, d: Map<Element, Discounted>): Element[] {
  const numbered = (root.getAttribute("class") ?? "").split(/\s+/).map((c) => c.match(/^([a-z][\w-]*?[-_])(\d{1,2})$/i)).filter((m) => m !== null);
  const out: Element[] = [];
  for (const m of numbered) {
    for (const el of Array.from(body.getElementsByTagName(tagOf(root))) as Element[]) {
      if (el === root || el.contains(root) || root.contains(el) || out.includes(el) || (d.get(el)?.prose ?? 0) <= 0) continue;
      if ((el.getAttribute("class") ?? "").split(/\s+/).some((c) => c !== m[0] && c.startsWith(m[1]!) && /^\d{1,2}$/.test(c.slice(m[1]!.length)))) out.push(el);
    }
  }
  return out;
}

const norm = (s: string) => tokenize(s).join(" ");

/** The headline: an h1 (or the heading matching the declared title) before the article's first prose. */
function findHeadline(page: PageBlocks, body: Element, root: Element, title: string | null): Element | null {
  const firstProse = page.blocks.find((b) => b.prose && root.contains(b.el))?.index ?? Infinity;
  const candidates = page.blocks.filter((b) => b.heading && b.index < firstProse);
  if (title) {
    const byTitle = candidates.filter((b) => scoreText(b.text, title).f1 >= 0.6);
    const h = byTitle.find((b) => tagOf(b.el) === "h1") ?? byTitle.at(-1);
    if (h) return h.el;
  }
  const h1s = Array.from(body.querySelectorAll("h1")) as Element[];
  const visible = h1s.filter((h) => page.owned.has(h) || page.stats.has(h));
  if (visible.length === 1 && page.stats.get(visible[0]!)!.first < firstProse) return visible[0]!;
  return null;
}

/** The index of the last text block of the article proper (notes and their heading excluded). */
function proseRange(page: PageBlocks, root: Element): { first: number; last: number } {
  let first = -1, last = -1;
  for (const b of page.blocks) {
    if (!b.prose || !root.contains(b.el)) continue;
    if (first < 0) first = b.index;
    last = b.index;
  }
  return { first, last };
}

function dropsInside(
  page: PageBlocks, root: Element, d: Map<Element, Discounted>, opts: PlanOptions,
): { drops: { el: Element; why: string }[]; metaLines: Element[] } {
  const drops: { el: Element; why: string }[] = [];
  const metaLines: Element[] = [];
  const dropped = new Set<Element>();
  const rootProse = Math.max(1, d.get(root)!.prose);
  const range = proseRange(page, root);
  const first = range.first;
  let last = range.last;
  const isDropped = (el: Element) => {
    for (let e: Element | null = el; e && e !== root; e = e.parentElement) if (dropped.has(e)) return true;
    return false;
  };
  const drop = (el: Element, why: string) => { dropped.add(el); drops.push({ el, why }); };
  const holdsArticle = (el: Element) => d.get(el)!.prose >= rootProse * 0.35 || opts.protect.has(el);

  // boxes after the article's text flow (a donation box with a close button, a "follow us" box): they end
  // the article, so what stands between its last paragraph and them is judged as trailing too
  const { after, before } = aroundFlow(page, root, opts);
  for (const el of before) { dropped.add(el); metaLines.push(el); }
  if (after.length) {
    for (const box of after) drop(box, "box after the article's text");
    last = -1;
    for (const b of page.blocks) if (b.prose && root.contains(b.el) && !isDropped(b.el)) last = b.index;
  }

  for (const el of page.elements) {
    if (el === root || !root.contains(el) || isDropped(el)) continue;
    if (holdsArticle(el)) continue;
    const tag = tagOf(el);
    const s = page.stats.get(el)!;
    if (s.tokens === 0) {
      // inline elements own no blocks (their text is their paragraph's): only a chrome-named one goes ("[Pg 12]"),
      // never a link in the sentence: a site's keyword/topic links ("advances in <a class=keywords>neuroscience</a>,")
      // are the author's words; nor a highlighter's token in code (<span class="token comment">)
      if (INLINE_TAGS.has(tag) && tag !== "a" && chromeName(el) && (el.textContent ?? "").trim() && !el.closest("pre, code")) {
        drop(el, chromeName(el)!);
        // a badge naming an advertisement ("pill-sponsored", "ad-label") marks its item as one: the paragraph
        // and the heading right before it go
        const item = sponsoredItem(page, el, root);
        if (item) for (const x of item) if (!holdsArticle(x) && !opts.protect.has(x)) drop(x, "sponsored item");
      } else if (tag === "a" && buttonLink(page, el, root)) drop(el, "button");
      continue;
    }
    if (chromeTagOrRole(el)) { drop(el, ""); continue; }
    if (s.last < first && bylineName(el) && s.tokens <= 30) { dropped.add(el); metaLines.push(el); continue; }
    const name = chromeName(el);
    // a header block named "meta" may hold the standfirst: then only what else is in it goes
    if (name && !(tag === "figure" || tag === "figcaption") && !holdsDescription(page, el, opts.description)) { drop(el, name); continue; }
    if (tag === "aside" && (d.get(el)!.prose === 0 || s.linkTokens / s.tokens > 0.4)) { drop(el, "aside"); continue; }
    if (tag === "footer" || tag === "header") {
      if (d.get(el)!.prose === 0) { drop(el, tag); continue; }
    }
    if (isLinkList(el, s) && chromeList(page, el, s, first, last)) { drop(el, "links"); continue; }
  }

  // a Project Gutenberg e-book: the text stands between its START and END lines; the licence around it goes
  const marks = page.blocks.filter((b) => root.contains(b.el) && GUTENBERG_RE.test(b.text));
  const start = marks.find((b) => /START/i.test(b.text));
  const end = marks.find((b) => /END/i.test(b.text) && (!start || b.index > start.index));
  if (start || end) {
    for (const child of Array.from(root.children) as Element[]) {
      const s = page.stats.get(child);
      if (!s || s.first < 0 || holdsArticle(child)) continue;
      if (!((start && s.last <= start.index) || (end && s.first >= end.index))) continue;
      // its "Title:", "Author:", "Release Date:" lines are the book's metadata
      if (start && s.last <= start.index && LABELLED_RE.test(textOf(child))) { dropped.add(child); metaLines.push(child); continue; }
      drop(child, "Project Gutenberg header and licence");
    }
  }

  // block-level judgements on what is left
  const blocksIn = page.blocks.filter((b) => root.contains(b.el) && !isDropped(b.el));
  const fullText = " " + blocksIn.map((b) => norm(b.text)).join(" | ") + " ";
  // after the last prose, a heading of the article's own (not "Related", "Comments" …) opens a section of it:
  // its short lines are the article's (a list of deals, a discography), not trailing chrome
  let section = false;
  for (const b of blocksIn) {
    if (b.heading && b.index > last) section = !isChromeHeading(b.text) && b.linkTokens < b.tokens * 0.5;
    // a block element that also holds other blocks (text straight in a wrapper) is never removed as a whole
    if (opts.protect.has(b.el) || isNoteish(b.el) || b.el === root || page.stats.get(b.el)!.tokens !== b.tokens) continue;
    const t = b.text;
    if (isBoilerplateLine(t, b.tokens)) { drop(b.el, "boilerplate"); continue; }
    if (isFinePrint(t, b.tokens) && !isCaption(b.el)) { drop(b.el, "fine print"); continue; }
    if (!b.heading && b.tokens <= 25 && b.linkTokens >= b.tokens * 0.9 && !insideList(b.el, root) && !isCaption(b.el)) { drop(b.el, "link"); continue; }
    if (b.heading && isChromeHeading(t) && b.index > last) { drop(b.el, "heading"); continue; }
    if (b.tokens >= 6 && b.tokens <= 60 && !b.heading) {
      const n = norm(t);
      const at = fullText.indexOf(` ${n} `);
      if (at >= 0 && fullText.indexOf(n, at + n.length) >= 0 && isAside(b.el, root)) { drop(b.el, "pull quote"); continue; }
    }
    // before the text: a byline ("By …") or a line named as one; a bare date line is left to the metadata rules
    // (a memo's date stays in its text)
    if (b.index < first && !b.heading && !isCaption(b.el) && b.tokens <= 20 && (BY_RE.test(t) || (bylineAncestor(b.el, root) && looksLikeByline(t, b.tokens)))) {
      dropped.add(b.el);
      metaLines.push(b.el);
      continue;
    }
    if (b.index > last && !section && !b.heading && !b.prose && !isCaption(b.el)) {
      // a signature ("-- By Michael Russell") says who wrote it; other short lines after the text are chrome
      if (b.tokens <= 16 && (/^(?:[-–—]+\s*)?by\s/i.test(t) || (/^posted\b/i.test(t) && looksLikeByline(t, b.tokens)))) { dropped.add(b.el); metaLines.push(b.el); continue; }
      if (trailingChrome(t, b) && !closingLine(page, b, last)) { drop(b.el, "after the article"); continue; }
    }
  }
  // after the text, a heading left with nothing under it (its box of buttons or links went) introduced chrome
  let below = false;
  for (let i = blocksIn.length - 1; i >= 0; i--) {
    const b = blocksIn[i]!;
    if (isDropped(b.el) || metaLines.includes(b.el)) continue;
    if (!b.heading) { below = true; continue; }
    if (b.index > last && !below && !opts.protect.has(b.el) && !isNoteish(b.el)) { drop(b.el, "heading with nothing under it"); continue; }
    below = false;
  }
  return { drops, metaLines };
}

/**
 * The article's text flow: the element whose own children are most of the article's paragraphs (≥ 60% of
 * the container's prose, in ≥ 3 paragraphs). Boxes after it that are not part of it — children of the flow's
 * ancestors inside the container, starting after its last paragraph, boxes rather than paragraphs — are chrome when they hold a control
 * (a button, a form field: a widget, not text) or when they are small (≤ 10% of the flow's prose) and hold no
 * heading of their own (a "follow us" or "support us" box; an article's own later section starts with one).
 */
function aroundFlow(page: PageBlocks, root: Element, opts: PlanOptions): { after: Element[]; before: Element[] } {
  const none = { after: [], before: [] };
  const byParent = new Map<Element, { prose: number; count: number }>();
  let total = 0;
  for (const b of page.blocks) {
    if (!b.prose || !root.contains(b.el)) continue;
    const own = b.tokens - b.linkTokens;
    total += own;
    const parent = b.el === root ? root : b.el.parentElement!;
    const f = byParent.get(parent) ?? { prose: 0, count: 0 };
    f.prose += own;
    f.count++;
    byParent.set(parent, f);
  }
  let flow: Element | null = null;
  let best = 0;
  for (const [el, f] of byParent) if (f.prose > best && f.count >= 3) { flow = el; best = f.prose; }
  if (!flow || flow === root || best < total * 0.6) return none;
  const { first: start, last: end } = page.stats.get(flow)!;
  const out: Element[] = [];
  const before: Element[] = [];
  for (let a: Element | null = flow.parentElement, from: Element = flow; a && root.contains(a); from = a, a = a.parentElement) {
    let seen = false;
    for (const child of Array.from(a.children) as Element[]) {
      if (child === from) { seen = true; continue; }
      if (!seen) {
        // before the flow, set apart from it: a line that reads as a byline or a date ("Submitted on …") is metadata
        // (not a heading or a standfirst that happens to name a month)
        const text = textOf(child);
        const tokens = wordLength(text);
        const at = page.stats.get(child)?.last ?? -1;
        if (tokens > 0 && tokens <= 20 && at < start && looksLikeByline(text, tokens) && !/^h[1-6]$/.test(tagOf(child)) && !child.querySelector("h1, h2, h3, h4, h5, h6") && !isStandfirstName(child)) before.push(child);
        continue;
      }
      const s = page.stats.get(child);
      // a box (div, section, aside), not a paragraph: a paragraph after the flow is the text's own
      if (!s || s.first <= end || !CARD_TAGS.has(tagOf(child)) || opts.protect.has(child) || isNoteish(child)) continue;
      const control = child.querySelector("button, input, select, textarea") !== null && child.querySelector("pre, code") === null;
      const small = s.prose > 0 && s.prose <= best * 0.1 && !child.querySelector("h1, h2, h3, h4, h5, h6");
      if (control || small) out.push(child);
    }
    if (a === root) break;
  }
  return { after: out, before };
}

/**
 * A link styled as a button ("btn btn-xs", "button--primary"), at most three words, outside any sentence (its
 * block is not prose): a control ("Remove", "Subscribe"), not the author's words.
 */
function buttonLink(page: PageBlocks, a: Element, root: Element): boolean {
  if (!names(a).some((n) => n.some((w) => w === "btn" || w === "button"))) return false;
  if (wordLength(textOf(a)) > 3) return false;
  let owner: Element | null = a.parentElement;
  while (owner && owner !== root && INLINE_TAGS.has(tagOf(owner))) owner = owner.parentElement;
  const b = owner ? page.owned.get(owner) : undefined;
  return !!b && !b.prose;
}

const AD_WORD_RE = /^(?:sponsor(?:ed|s)?|advert(?:isement|orial)?|ads?|promoted|paid)$/;

/**
 * An inline badge whose class names it as an advertisement, at most three words long, inside a short block
 * (≤ 100 words) of the container: that block, and the heading just before it (its previous sibling).
 */
function sponsoredItem(page: PageBlocks, badge: Element, root: Element): Element[] | null {
  if (!names(badge).some((n) => n.some((w) => AD_WORD_RE.test(w)))) return null;
  if (wordLength(textOf(badge)) > 3) return null;
  let owner: Element | null = badge.parentElement;
  while (owner && owner !== root && INLINE_TAGS.has(tagOf(owner))) owner = owner.parentElement;
  if (!owner || owner === root || !root.contains(owner)) return null;
  const b = page.owned.get(owner);
  if (!b || b.heading || b.tokens > 100) return null;
  const out = [owner];
  const prev = owner.previousElementSibling;
  const h = prev ? page.owned.get(prev) : undefined;
  if (prev && h?.heading && h.index === b.index - 1) out.push(prev);
  return out;
}

const LABELLED_RE = /^(?:title|author|release date|posting date)\s*:/i;
const GUTENBERG_RE = /^\*{3}\s*(?:START|END) OF (?:THE|THIS) PROJECT GUTENBERG/i;

const BYLINE_WORDS = new Set(["byline", "bylines", "author", "authors", "dateline", "timestamp", "date", "pubdate", "published", "time", "posted"]);

/** Named as a byline or date ("byline", "article-author", "entry-date"), or an <address>. */
function bylineName(el: Element): boolean {
  if (tagOf(el) === "address") return true;
  return names(el).some((n) => n.length > 0 && BYLINE_WORDS.has(n[n.length - 1]!) || n.includes("byline"));
}

/** Does a block inside `el` read as the page's declared description (its standfirst)? */
function holdsDescription(page: PageBlocks, el: Element, description: string | null): boolean {
  if (!description) return false;
  const s = page.stats.get(el);
  if (!s || s.first < 0) return false;
  for (let i = s.first; i <= s.last; i++) {
    const b = page.blocks[i]!;
    if (el.contains(b.el) && b.tokens >= 5 && scoreText(b.text, description).f1 >= 0.8) return true;
  }
  return false;
}

function isNoteish(el: Element): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) {
    if (names(e).some((n) => n.some((w) => /^(?:foot|end)notes?$|^notes$|^references$|^fn$/.test(w)))) return true;
    if (tagOf(e) === "body") break;
  }
  return false;
}

/** Inside a list item or a table cell: a link there is an item of the list or a value of the table. */
function insideList(el: Element, root: Element): boolean {
  for (let e: Element | null = el; e && e !== root; e = e.parentElement) if (/^(?:li|td|th)$/.test(tagOf(e))) return true;
  return false;
}

function isCaption(el: Element): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) {
    if (isCaptionElement(e)) return true;
    const tag = tagOf(e);
    // a paragraph inside the caption (<figcaption><p>…</p></figcaption>) is the caption's text; a paragraph
    // holding a captioned picture is not a caption
    if (tag === "body" || tag === "article" || (tag === "p" && e !== el) || tag === "section") break;
  }
  return false;
}

/** A blockquote/aside/div set apart from the running text (where pull quotes live), not a paragraph of it. */
function isAside(el: Element, root: Element): boolean {
  for (let e: Element | null = el; e && e !== root; e = e.parentElement) {
    const tag = tagOf(e);
    if (tag === "aside" || tag === "blockquote" || tag === "figure") return true;
    if (names(e).some((n) => n.some((w) => /^pull|quote$/.test(w)))) return true;
  }
  return false;
}

function isLinkList(el: Element, s: { tokens: number; linkTokens: number }): boolean {
  const tag = tagOf(el);
  if (!/^(?:ul|ol|dl|table|div|section|p|span)$/.test(tag)) return false;
  const links = el.querySelectorAll("a[href]").length;
  return links >= 2 && s.linkTokens >= s.tokens * 0.6;
}

/**
 * A link list that is chrome: after the article's text, nothing but links before it (a navigation bar, a table
 * of contents) that no heading of the article introduces, or introduced by a chrome heading.
 */
function chromeList(page: PageBlocks, el: Element, s: { tokens: number; linkTokens: number; first: number; last: number }, first: number, last: number): boolean {
  if (s.first > last) return true;
  const prev = page.blocks[s.first - 1];
  // before the text, a list of nothing but links is navigation, unless a heading of the article introduces it
  if (s.last < first && s.linkTokens >= s.tokens * 0.9 && !(prev?.heading && !isChromeHeading(prev.text))) return true;
  if (prev && prev.heading && isChromeHeading(prev.text)) return true;
  if (prev && /:$/.test(prev.text) && isChromeHeading(prev.text.replace(/:$/, ""))) return true;
  return false;
}

const DATE_WORDS_RE =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|updated|published|posted|\d{1,2}:\d{2}|\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|ago|hours?|minutes?|min read|read time|lesedauer|heure|hier|aujourd|šodien|před)\b|\d{4}年\d{1,2}月/i;

const BY_RE = /^(?:by|par|von|por|di|door|av|af|autor(?:es|ka|i)?:?|autori:?|text:?|texte:?|words by)\s/i;

/** "By Jane Roe", "Jane Roe · 12 March 2019", "Updated 3 hours ago", "5 min read". */
function looksLikeByline(text: string, tokens: number): boolean {
  if (tokens > 20) return false;
  if (BY_RE.test(text)) return true;
  return DATE_WORDS_RE.test(text) && !/[.!?]$/.test(text.trim());
}

/**
 * The text's closing line ("The End", "Fin", "おしまい"): the block right after the last prose, a sibling of
 * the same tag under the same parent (the text's own paragraphs, not a box after them), very short, no links,
 * not a date or a byline.
 */
function closingLine(page: PageBlocks, b: TextBlock, last: number): boolean {
  const prev = page.blocks[last];
  if (!prev || b.index !== last + 1 || b.linkTokens > 0 || b.tokens > 3) return false;
  if (b.el.parentElement !== prev.el.parentElement || tagOf(b.el) !== tagOf(prev.el) || tagOf(b.el) !== "p") return false;
  if (/\d/.test(b.text) || looksLikeByline(b.text, b.tokens) || chromeName(b.el)) return false;
  // a news agency's or a photographer's credit ("AFP", "(Reuters)", "— AP") is not the text's
  if (/^\s*[([{—–-]|^\s*\p{Lu}{2,5}\s*$/u.test(b.text)) return false;
  return b.el.previousElementSibling === prev.el;
}

/** After the article: short lines that are not sentences (tags, "Posted in", share counts, bios). */
function trailingChrome(text: string, b: TextBlock): boolean {
  if (b.linkTokens >= b.tokens * 0.5) return true;
  // a short closing sentence of the article ("The lesson, as always: you are what you search.") stays
  const sentence = /^["“‘'(]?\p{Lu}/u.test(text) && /[.!?…]["”’')]?$/.test(text) && b.tokens >= 4;
  return b.tokens <= 12 && !sentence;
}

/**
 * Outside the container but part of the article: the standfirst printed under the headline (it matches the
 * declared description, or sits between the headline and the text in the article's header) and the caption
 * of the lead picture.
 */
function leadElements(page: PageBlocks, body: Element, root: Element, headline: Element | null, opts: PlanOptions): { lead: Element[]; bylines: Element[] } {
  const out: Element[] = [];
  const bylines: Element[] = [];
  const startIdx = page.stats.get(root)!.first;
  if (startIdx < 0) return { lead: out, bylines };
  // the article's scope: the nearest ancestor of the container that also holds the headline (or the container's parent)
  let scope: Element | null = root.parentElement;
  if (headline) for (let e: Element | null = root.parentElement; e; e = e.parentElement) if (e.contains(headline)) { scope = e; break; }
  if (!scope || scope === body.parentElement) return { lead: out, bylines };
  const headIdx = headline ? (page.stats.get(headline)?.first ?? -1) : -1;
  const description = opts.description ? norm(opts.description) : "";
  const inRoot = new Set(page.blocks.filter((b) => root.contains(b.el)).map((b) => norm(b.text)));
  for (const b of page.blocks) {
    if (b.index >= startIdx) break;
    if (!scope.contains(b.el) || root.contains(b.el) || b.heading && b.el === headline) continue;
    if (headline && b.index <= headIdx && !isCaption(b.el)) continue;
    if (chromeTagOrRole(b.el)) continue;
    if (headline && b.index > headIdx && b.tokens <= 30 && (looksLikeByline(b.text, b.tokens) || bylineAncestor(b.el, scope))) { bylines.push(b.el); continue; }
    if (b.tokens < 5 || inRoot.has(norm(b.text))) continue;
    const isDescription = !!description && scoreText(b.text, opts.description!).f1 >= 0.8;
    if (!isDescription && hasChromeAncestor(b.el, scope, headline)) continue;
    const standfirst = isDescription || (headline && b.index > headIdx && b.tokens <= 80 && b.linkTokens <= b.tokens * 0.2 && isStandfirstName(b.el));
    if (standfirst || (isCaption(b.el) && b.linkTokens <= b.tokens * 0.3)) out.push(b.el);
  }
  return { lead: out, bylines };
}

function bylineAncestor(el: Element, stop: Element): boolean {
  for (let e: Element | null = el; e && e !== stop; e = e.parentElement) if (bylineName(e)) return true;
  return false;
}

/** Under a chrome tag or name, short of `stop`; a <header> holding the headline is the article's header, whatever its name ("banner-headline"). */
function hasChromeAncestor(el: Element, stop: Element, headline: Element | null = null): boolean {
  for (let e: Element | null = el; e && e !== stop; e = e.parentElement) {
    if (headline && tagOf(e) === "header" && e.contains(headline)) continue;
    if (chromeTagOrRole(e)) return true;
    const n = chromeName(e);
    if (n && !/caption/.test(n)) return true;
  }
  return false;
}

const STANDFIRST_WORDS = new Set(["dek", "deck", "standfirst", "subhead", "subheadline", "subtitle", "summary", "intro", "lede", "lead", "excerpt", "description", "perex", "bajada", "teaser", "abstract", "sapo", "chapo", "chapeau", "strapline", "subhed"]);

function isStandfirstName(el: Element): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) {
    if (names(e).some((n) => n.some((w) => STANDFIRST_WORDS.has(w)))) return true;
    if (tagOf(e) === "h2" || tagOf(e) === "p") continue;
    if (tagOf(e) === "header" || tagOf(e) === "body") break;
  }
  return tagOf(el) === "h2" && !isChromeHeading(el.textContent ?? "");
}
