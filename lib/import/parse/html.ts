/**
 * HTML → raw blocks. Page chrome (navigation, link tables, footers, share bars) is removed first;
 * when a page is still mostly links, Readability picks the article. Legacy markup (<font>, <center>,
 * <br><br> paragraphs, layout tables) is read for its text.
 */
import { parseHTML } from "linkedom";
import { Readability } from "@mozilla/readability";
import { Report, type RawBlock, type RawDoc, type RawMeta } from "../raw";
import { EM_CLOSE, EM_OPEN, noteMarker, STRONG_CLOSE, STRONG_OPEN } from "../sentinel";
import { NOTE_LABEL_RE } from "../repair/debris";
import { parseText } from "./text";
import { looksLikePersonName } from "../text-utils";

export interface HtmlOptions {
  /** Remove navigation/chrome (web pages). Off for HTML we generated ourselves (DOCX). */
  stripChrome: boolean;
}

const SKIP = new Set([
  "script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "button", "input", "select",
  "textarea", "img", "video", "audio", "object", "embed", "map", "head", "title", "meta", "link", "picture", "source",
]);
const BLOCKS = new Set([
  "p", "div", "section", "article", "main", "center", "address", "figure", "figcaption", "dd", "dt", "dl", "td", "th",
  "tr", "tbody", "thead", "tfoot", "table", "caption", "header", "footer", "body", "html", "details", "summary", "hgroup",
]);
const EMPHASIS = new Set(["em", "i", "cite", "dfn", "var"]);
const STRONG = new Set(["strong", "b"]);

const CHROME_TOKENS = new Set([
  "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "sidebar", "footer", "social", "share", "sharing",
  "subscribe", "subscription", "paywall", "newsletter", "cookie", "cookies", "advert", "advertisement", "ads", "ad",
  "promo", "related", "comments", "masthead", "toolbar", "skip", "pagination", "pager", "signup", "banner",
]);
const CHROME_ROLES = new Set(["navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"]);
const NOTE_CONTAINER_RE = /(?:^|[-_\s])(?:foot|end)?notes?(?:$|[-_\s])|footnotes|endnotes|fn-?list/i;
const NOTE_ITEM_ID_RE = /^(?:fn|footnote|note|endnote|ftn|en)[-_:]?(\d+|[a-z])$/i;
/** Marks chrome the user kept (an undone removal): its blocks are marked `keep`. */
const KEEP_ATTR = "data-colloquy-keep";
const BACKLINK_RE = /^\s*(?:↩|↑|\^|⤴|back|return)\s*\uFE0E?\s*$/i;

export function parseHtml(html: string, report: Report, opts: HtmlOptions): RawDoc {
  const wrapped = /<html[\s>]/i.test(html) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(wrapped);
  const meta = readMeta(document);
  const body = (document.body as Element | null) ?? document.documentElement;
  const notes = noteTargets(body);
  let root: Element = (document.querySelector("article, main, [role=main]") as Element | null) ?? body;
  let readability = false;
  if (opts.stripChrome) {
    stripChrome(body, report, notes);
    if (!document.querySelector("article, main, [role=main]") && linkDensity(root) > 0.3) {
      const article = readabilityRoot(html, report);
      if (article) { root = article; readability = true; }
    }
  }
  const builder = new Builder(notes);
  const ctx: Ctx = { quote: false, blockKind: "paragraph" };
  if (opts.stripChrome && !readability && root !== body) {
    // the article element leaves out the page's own title (one <h1>) and byline when they stand in a
    // <header> before it: read them first, so the metadata rules take (and report) them
    const h1s = Array.from(body.querySelectorAll("h1")) as Element[];
    const h1 = h1s.length === 1 && !root.contains(h1s[0]!) ? h1s[0]! : null;
    const h1Text = h1 ? (h1.textContent ?? "").replace(/\s+/g, " ").trim() : "";
    if (h1Text && !meta.title) {
      const id = report.id("metadata-title", h1Text);
      if (report.skips(id)) {
        // undone: the heading stays, at the top (and no later rule takes it as the title)
        const start = builder.blocks.length;
        builder.walkSeparately(h1!, ctx);
        for (const b of builder.blocks.slice(start)) b.keep = true;
      } else {
        meta.title = h1Text;
        report.add("metadata-title", null, h1Text, `title: ${h1Text}`, { id });
      }
    }
    const byline = bylineOf(body);
    if (byline && !root.contains(byline) && !byline.contains(root)) builder.walkSeparately(byline, ctx);
  }
  builder.walk(root, ctx);
  builder.flush();
  if (!readability) {
    // footnotes the article element left out (a <section class="footnotes"> after it): their definitions
    for (const el of outsideNoteDefinitions(notes, root)) builder.walkSeparately(el, ctx);
  }
  if (opts.stripChrome && !meta.title) {
    const pageTitle = pageTitleOf(document, meta);
    if (pageTitle && body.querySelectorAll("h1").length > 1) {
      // no one main <h1> (sections are h1s): the page's <title> names the reading
      const id = report.id("metadata-title", pageTitle.raw);
      if (!report.skips(id)) {
        meta.title = pageTitle.title;
        report.add("metadata-title", null, pageTitle.raw, `title: ${pageTitle.title}`, { id });
      }
    } else if (pageTitle) meta.pageTitle = pageTitle; // used when the text itself yields no title
  }
  return { blocks: builder.blocks, notes: [], meta };
}

/**
 * In-text note links: an anchor to "#id" whose text is a note label ("1", "[1]", "*") and whose target is
 * not the anchor's own block. Maps the id of the element the note is written in (its <li>, <p>, <div>,
 * <aside>) to the label the marker shows, so markers and definitions share labels by construction.
 */
interface NoteTargets {
  /** definition element → label */
  label: Map<Element, string>;
  /** the definitions and every element containing one (chrome stripping leaves them alone) */
  protect: Set<Element>;
  /** every element with an id, by id (first wins, as getElementById); built once per document */
  byId: Map<string, Element>;
}

/** Tags a note definition is written in. Not <section>/<td>: those hold body text, not notes. */
const NOTE_DEF_TAGS = new Set(["li", "p", "div", "aside", "dd"]);
/** Climbing from a link target to its definition stops at (and rejects) any of these. */
const NOTE_CLIMB_STOP = new Set([...BLOCKS, "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre", "nav"]);
/** A note longer than this (outside a notes container) is body text an in-page link points at. */
const MAX_NOTE_TEXT = 2500;

/** `decodeURIComponent`, or the input as written when it is not valid percent-encoding ("#%"). */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function idMap(root: Element): Map<string, Element> {
  const byId = new Map<string, Element>();
  for (const el of Array.from(root.querySelectorAll("[id]")) as Element[]) {
    const id = el.getAttribute("id");
    if (id && !byId.has(id)) byId.set(id, el);
  }
  return byId;
}

/** Inside (or itself) a recognised notes container: footnotes/endnotes/notes class/id/role, doc-endnotes, <aside>. */
function inNotesContainer(el: Element): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) {
    if (e.tagName.toLowerCase() === "aside" || isNoteContainer(e)) return true;
    if (/\b(?:doc-(?:end|foot)notes?|(?:foot|end)?notes?)\b/i.test(e.getAttribute("role") ?? "")) return true;
  }
  return false;
}

function noteTargets(body: Element): NoteTargets {
  const label = new Map<Element, string>();
  const protect = new Set<Element>();
  const root = body.ownerDocument?.documentElement ?? body;
  const byId = idMap(root as Element);
  for (const a of Array.from(body.querySelectorAll('a[href^="#"]')) as Element[]) {
    const text = (a.textContent ?? "").trim();
    const m = text.match(NOTE_LABEL_RE);
    if (!m || BACKLINK_RE.test(text)) continue;
    const id = safeDecode((a.getAttribute("href") ?? "").slice(1));
    if (!id) continue;
    let target: Element | null = byId.get(id) ?? null;
    if (!target) continue;
    // an anchor inside the definition (<li><a id="fn1"></a>…) stands for the block it is in;
    // never climb past the first block: a section, table cell or heading is no note
    while (target && !NOTE_DEF_TAGS.has(target.tagName.toLowerCase())) {
      target = NOTE_CLIMB_STOP.has(target.tagName.toLowerCase()) ? null : target.parentElement;
    }
    if (!target || target === body || target.contains(a) || label.has(target)) continue;
    const length = textLength(target);
    if (length <= m[0].trim().length) continue; // an empty target: nothing to read
    // a chapter, section or long passage an in-page link points at is body text, unless it sits in the notes
    if ((target.querySelector("h1, h2, h3, h4, h5, h6") || length > MAX_NOTE_TEXT) && !inNotesContainer(target)) continue;
    // a paragraph-number or table-of-contents link is no note: the link must be marked as a note
    // reference, or be written as a marker (superscript, [1]) and point at something that reads as a note
    const link = noteLink(a, text);
    if (link === "none" || (link === "written" && !noteDefinition(target, a, m[1]!))) continue;
    label.set(target, m[1]!);
    for (let e: Element | null = target; e && e !== body; e = e.parentElement) protect.add(e);
  }
  return { label, protect, byId };
}

/** Note-reference markings (class/id/rel/role): fnref, noteref, footnote, doc-noteref, endnote … — not bare "ref"/"cite". */
const NOTEISH_RE = /(?:^|[\s_:-])(?:fn|fnref|fn-?ref|footnote(?:-?ref)?s?|foot-?note|noteref|note-?ref|doc-noteref|endnote(?:-?ref)?s?|end-?note|ftn(?:ref)?)(?:\d*)(?=$|[\s_:-]|\d)/i;

/** Is the anchor marked as a note reference (class/id/rel/role), written as a marker (superscript, "[1]"), or neither? */
function noteLink(a: Element, text: string): "marked" | "written" | "none" {
  const attrs = `${a.getAttribute("id") ?? ""} ${a.getAttribute("class") ?? ""} ${a.getAttribute("rel") ?? ""} ${a.getAttribute("role") ?? ""}`;
  if (NOTEISH_RE.test(attrs) || /doc-noteref/.test(attrs)) return "marked";
  if (a.closest("sup") || /^\[.*\]$/.test(text)) return "written";
  return "none";
}

/** The target reads as a note: in a notes container, named as a note, linking back, or opening with the label. */
function noteDefinition(target: Element, a: Element, label: string): boolean {
  for (let e: Element | null = target; e; e = e.parentElement) if (isNoteContainer(e)) return true;
  const attrs = `${target.getAttribute("id") ?? ""} ${target.getAttribute("class") ?? ""} ${target.getAttribute("role") ?? ""}`;
  if (NOTEISH_RE.test(attrs) || NOTE_ITEM_ID_RE.test(target.getAttribute("id") ?? "") || /doc-(?:end|foot)note/.test(attrs)) return true;
  const back = a.getAttribute("id");
  if (back && target.querySelector(`a[href="#${back.replace(/["\\]/g, "")}"]`)) return true;
  const opening = (target.textContent ?? "").trim().slice(0, 8);
  return opening.startsWith(`[${label}]`) || new RegExp(`^${label.replace(/[*†‡§¶#]/g, "\\$&")}[.)\\s]`).test(opening);
}

/** Note definitions outside the article root, outermost first, in document order. */
function outsideNoteDefinitions(notes: NoteTargets, root: Element): Element[] {
  const defs = [...notes.label.keys()].filter((el) => el.isConnected && !root.contains(el) && !el.contains(root));
  return defs.filter((el) => !defs.some((o) => o !== el && o.contains(el)));
}

const BYLINE_SELECTOR = '[rel="author"], [itemprop="author"], .byline, .by-line, .author, .authors, .article-author';

/** The page's byline element (its paragraph, when the match is a link or span inside one). */
function bylineOf(body: Element): Element | null {
  let el = body.querySelector(BYLINE_SELECTOR) as Element | null;
  if (!el) return null;
  for (let e: Element | null = el; e && e !== body; e = e.parentElement) {
    const tag = e.tagName.toLowerCase();
    if (tag === "p" || tag === "div" || tag === "address") { el = e; break; }
  }
  const text = (el.textContent ?? "").replace(/\s+/g, " ").trim();
  const words = text.split(" ").filter(Boolean).length;
  if (words === 0 || words > 16) return null;
  // only what reads as a byline ("By …", or a name, perhaps with a date after a separator)
  const name = text.replace(/^by\s+/i, "").split(/\s*(?:[·•|,;(]|\s[-–—]\s)\s*/)[0] ?? "";
  return /^by\s/i.test(text) || looksLikePersonName(name) ? el : null;
}

const PLACEHOLDER_TITLE_RE = /^(?:untitled(?: document)?|new document|document|home|index|page|reading|article)$/i;

/** `<title>` without the site's name (" | Site", " — Site", "Site: …"), or null. */
function pageTitleOf(document: Document, meta: RawMeta): { title: string; raw: string } | null {
  const raw = (document.querySelector("title")?.textContent ?? "").replace(/\s+/g, " ").trim();
  if (!raw) return null;
  const parts = raw.split(/\s+(?:[|•·»]|::|[-–—])\s+/).map((p) => p.trim()).filter(Boolean);
  const site = (meta.source ?? "").toLowerCase();
  const kept = parts.filter((p) => p.toLowerCase() !== site);
  // "Title | Site", "Title — Site": the site's name comes last
  const title = kept[0] ?? "";
  if (!title || PLACEHOLDER_TITLE_RE.test(title) || !/\s/.test(title)) return null; // one generic word is no title
  return { title, raw };
}

function readabilityRoot(html: string, report: Report): Element | null {
  try {
    const { document } = parseHTML(/<html[\s>]/i.test(html) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`);
    const article = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
    if (!article?.content) return null;
    report.add("drop-navigation", null, "page chrome (Readability)", "");
    const { document: clean } = parseHTML(`<!DOCTYPE html><html><head></head><body>${article.content}</body></html>`);
    return clean.body as Element;
  } catch {
    return null;
  }
}

function readMeta(document: Document): RawMeta {
  const m = (name: string): string | null => {
    const el = document.querySelector(`meta[name="${name}" i], meta[property="${name}" i]`);
    const v = el?.getAttribute("content")?.trim();
    return v ? v : null;
  };
  const meta: RawMeta = {};
  const title = m("citation_title") ?? m("dc.title") ?? m("og:title");
  const author = m("citation_author") ?? m("dc.creator") ?? m("author") ?? m("article:author");
  const date = m("citation_publication_date") ?? m("dc.date") ?? m("article:published_time") ?? m("date");
  const source = m("citation_journal_title") ?? m("dc.source") ?? m("og:site_name");
  if (title) meta.title = title;
  if (author && !/^https?:/.test(author)) meta.author = author;
  if (date) meta.date = date;
  if (source) meta.source = source;
  return meta;
}

function tokens(el: Element): string[] {
  return `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`
    .toLowerCase()
    .split(/[\s_-]+/)
    .filter(Boolean);
}

function isNoteContainer(el: Element): boolean {
  return NOTE_CONTAINER_RE.test(`${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`);
}

function textLength(el: Element): number {
  return (el.textContent ?? "").replace(/\s+/g, " ").trim().length;
}

function linkTextLength(el: Element): number {
  let n = 0;
  for (const a of Array.from(el.querySelectorAll("a[href]"))) n += textLength(a as Element);
  return n;
}

function linkDensity(el: Element): number {
  const total = textLength(el);
  return total === 0 ? 0 : linkTextLength(el) / total;
}

/** Remove navigation, link tables, share bars … Returns nothing; records what it removed. */
function stripChrome(body: Element, report: Report, notes: NoteTargets): void {
  /** chrome the user kept (an undone removal): nothing inside it is removed either */
  const kept = new Set<Element>();
  const remove = (el: Element, why: string) => {
    const text = (el.textContent ?? "").replace(/\s+/g, " ").trim();
    if (text) {
      const id = report.id("drop-navigation", text);
      if (report.skips(id)) { kept.add(el); el.setAttribute(KEEP_ATTR, ""); return; } // undone: the element stays in the page
      report.add("drop-navigation", null, text, why, { id });
    }
    el.remove();
  };
  for (const el of Array.from(body.querySelectorAll("*")) as Element[]) {
    if (!el.isConnected) continue;
    if (kept.size && [...kept].some((k) => k.contains(el))) continue;
    const tag = el.tagName.toLowerCase();
    if (SKIP.has(tag) && tag !== "img") { el.remove(); continue; }
    if (isNoteContainer(el) || notes.protect.has(el) || el.querySelector("h1")) continue;
    const role = (el.getAttribute("role") ?? "").toLowerCase();
    if (tag === "nav" || tag === "menu" || tag === "dialog" || CHROME_ROLES.has(role)) { remove(el, ""); continue; }
    if ((tag === "aside" || tag === "footer") && !el.querySelector("p, blockquote") ) { remove(el, ""); continue; }
    if (tag === "aside" || tag === "footer") { if (linkDensity(el) > 0.3 || textLength(el) < 400) { remove(el, ""); continue; } }
    if (tag === "header" && linkDensity(el) > 0.5) { remove(el, ""); continue; }
    if (tokens(el).some((t) => CHROME_TOKENS.has(t)) && tag !== "body" && tag !== "html") { remove(el, ""); continue; }
    if (tag === "table" || tag === "ul" || tag === "ol" || tag === "dl") {
      const len = textLength(el);
      const links = el.querySelectorAll("a[href]").length;
      if (links >= 2 && len < 600 && linkDensity(el) > 0.5) { remove(el, ""); continue; }
    }
    if (tag === "p" || tag === "div" || tag === "td" || tag === "center" || tag === "font" || tag === "span") {
      const len = textLength(el);
      if (len > 0 && len <= 80 && el.querySelector("a[href]") && linkDensity(el) > 0.85 && !el.querySelector("sup")) {
        const onlyNoteLink = /^\s*\[?\d{1,3}\]?\s*$/.test(el.textContent ?? "");
        if (!onlyNoteLink) { remove(el, ""); continue; }
      }
    }
  }
}

interface Ctx {
  quote: boolean;
  /** kind given to text blocks found inside the current container */
  blockKind: "paragraph" | "quote" | "list";
}

class Builder {
  blocks: RawBlock[] = [];

  constructor(private readonly notes: NoteTargets = { label: new Map(), protect: new Set(), byId: new Map() }) {}

  /** Read one element as blocks of its own (a title, byline or notes section outside the article). */
  walkSeparately(el: Element, ctx: Ctx): void {
    this.flush();
    this.walk(el, ctx);
    this.flush();
  }
  private buf = "";
  private kind: RawBlock["kind"] = "paragraph";

  flush(): void {
    const text = this.buf;
    this.buf = "";
    const kind = this.kind;
    this.kind = "paragraph";
    // <br><br> separates paragraphs in legacy pages
    for (const part of text.split(/\n[ \t]*\n/)) {
      const t = part.replace(/[ \t]+/g, " ").replace(/ *\n */g, "\n").trim();
      if (t.replace(/[\uE002-\uE005\s]/g, "")) this.blocks.push({ kind, text: t });
    }
  }

  /** >0 while collecting one block's inline text: nested block elements are read as inline. */
  private inlineDepth = 0;

  private inlineOf(el: Element, ctx: Ctx): string {
    const saved = this.buf;
    const savedKind = this.kind;
    this.buf = "";
    this.inlineDepth++;
    try {
      this.walkChildren(el, ctx);
    } finally {
      this.inlineDepth--;
    }
    const out = this.buf;
    this.buf = saved;
    this.kind = savedKind;
    return out;
  }

  walkChildren(el: Element, ctx: Ctx): void {
    for (const child of Array.from(el.childNodes)) this.walk(child, ctx);
  }

  walk(node: Node, ctx: Ctx): void {
    if (node.nodeType === 3) {
      this.buf += (node.nodeValue ?? "").replace(/[\s]+/g, " ");
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const tag = el.tagName.toLowerCase();
    if (SKIP.has(tag)) return;
    if (this.inlineDepth === 0 && el.hasAttribute(KEEP_ATTR)) {
      // chrome the user kept: its own blocks, which no later rule removes
      el.removeAttribute(KEEP_ATTR);
      this.flush();
      const start = this.blocks.length;
      this.walk(el, ctx);
      this.flush();
      for (const b of this.blocks.slice(start)) if (b.kind !== "break") b.keep = true;
      return;
    }
    if (tag === "br") { this.buf += "\n"; return; }
    if (this.inlineDepth > 0 && (BLOCKS.has(tag) || /^(h[1-6]|blockquote|ul|ol|li|pre|hr)$/.test(tag))) {
      this.buf += " ";
      this.walkChildren(el, ctx);
      this.buf += " ";
      return;
    }
    if (tag === "hr") { this.flush(); this.blocks.push({ kind: "break", text: "" }); return; }
    if (/^h[1-6]$/.test(tag)) {
      this.flush();
      const text = this.inlineOf(el, ctx).replace(/\s+/g, " ").trim();
      if (text) this.blocks.push({ kind: ctx.quote ? "quote" : "heading", level: Number(tag[1]), text, explicit: true });
      return;
    }
    if (tag === "blockquote") {
      this.flush();
      this.kind = "quote";
      this.walkChildren(el, { ...ctx, quote: true, blockKind: "quote" });
      this.kind = "quote";
      this.flush();
      return;
    }
    if (this.inlineDepth === 0 && tag !== "li" && this.notes.label.has(el)) {
      // a note definition written as a paragraph/div/aside an in-text note link points at
      this.flush();
      const label = this.notes.label.get(el)!;
      const text = withoutLabel(this.inlineOf(el, ctx).replace(/\s+/g, " ").trim(), label);
      if (text) this.blocks.push({ kind: "note", label, text });
      return;
    }
    if (tag === "ul" || tag === "ol") { this.list(el, ctx); return; }
    if (tag === "li") { this.item(el, ctx, undefined, false); return; }
    if (tag === "pre") {
      this.flush();
      const sub = parseText(el.textContent ?? "", new Report());
      for (const b of sub.blocks) this.blocks.push(ctx.quote ? { ...b, kind: "quote" } : b);
      return;
    }
    if (tag === "sup") {
      const label = (el.textContent ?? "").trim();
      const m = label.match(NOTE_LABEL_RE);
      if (m) { this.buf = this.buf.replace(/\s+$/, ""); this.buf += noteMarker(m[1]!); return; }
      this.walkChildren(el, ctx);
      return;
    }
    if (tag === "a") {
      const href = el.getAttribute("href") ?? "";
      const text = (el.textContent ?? "").trim();
      if (href.startsWith("#") && BACKLINK_RE.test(text)) return;
      const target = href.startsWith("#") ? noteLabelOfLink(el, this.notes) : null;
      if (target) {
        this.buf = this.buf.replace(/\s+$/, "");
        this.buf += noteMarker(target);
        return;
      }
      if (href.startsWith("#") && /^\[\d{1,3}\]$|^[*†‡]$/.test(text)) {
        this.buf = this.buf.replace(/\s+$/, "");
        this.buf += noteMarker(text.replace(/[\[\]]/g, ""));
        return;
      }
      this.walkChildren(el, ctx);
      return;
    }
    if (EMPHASIS.has(tag)) { this.wrap(el, ctx, EM_OPEN, EM_CLOSE); return; }
    if (STRONG.has(tag)) { this.wrap(el, ctx, STRONG_OPEN, STRONG_CLOSE); return; }
    if (BLOCKS.has(tag)) {
      this.flush();
      this.kind = ctx.blockKind;
      this.walkChildren(el, ctx);
      this.kind = ctx.blockKind;
      this.flush();
      this.kind = ctx.blockKind;
      return;
    }
    this.walkChildren(el, ctx); // font, span, u, small … : transparent
  }

  private wrap(el: Element, ctx: Ctx, open: string, close: string): void {
    const inner = this.inlineOf(el, ctx);
    if (!inner.trim()) { this.buf += inner; return; }
    // keep surrounding spaces outside the marks
    const lead = inner.match(/^\s*/)![0];
    const trail = inner.match(/\s*$/)![0];
    this.buf += lead + open + inner.trim() + close + trail;
  }

  private list(el: Element, ctx: Ctx): void {
    this.flush();
    const ordered = el.tagName.toLowerCase() === "ol";
    const notes = isNoteContainer(el) || (el.parentElement ? isNoteContainer(el.parentElement) : false);
    let n = Number(el.getAttribute("start") ?? "1") || 1;
    for (const child of Array.from(el.children) as Element[]) {
      if (child.tagName.toLowerCase() !== "li") { this.walk(child, ctx); continue; }
      this.item(child, ctx, ordered ? `${n}.` : undefined, notes, String(n));
      n++;
    }
  }

  private item(li: Element, ctx: Ctx, ordinal: string | undefined, inNotes: boolean, position?: string): void {
    this.flush();
    const id = li.getAttribute("id") ?? "";
    const idMatch = id.match(NOTE_ITEM_ID_RE);
    const linked = this.notes.label.get(li);
    if (inNotes || idMatch || linked) {
      const label = linked ?? (idMatch ? idMatch[1]! : position ?? String(this.blocks.length));
      const text = withoutLabel(this.inlineOf(li, ctx).replace(/\s+/g, " ").trim(), label);
      if (text) this.blocks.push({ kind: "note", label, text });
      return;
    }
    // nested lists become their own items after this one
    const nested = Array.from(li.children).filter((c) => /^(ul|ol)$/i.test(c.tagName)) as Element[];
    for (const n of nested) n.remove();
    const before = this.blocks.length;
    const itemCtx: Ctx = { ...ctx, blockKind: ctx.quote ? "quote" : "list" };
    this.kind = itemCtx.blockKind;
    this.walkChildren(li, itemCtx);
    this.kind = itemCtx.blockKind;
    this.flush();
    if (ordinal && this.blocks.length > before) {
      const first = this.blocks[before]!;
      if (first.kind === "list") { first.text = `${ordinal} ${first.text}`; first.ordinal = ordinal; }
    }
    for (let i = before; i < this.blocks.length; i++) if (this.blocks[i]!.kind === "list") this.blocks[i]!.explicit = true;
    for (const n of nested) this.list(n, ctx);
  }
}

/** The label of the note an in-text link points at (see `noteTargets`), or null. */
function noteLabelOfLink(a: Element, notes: NoteTargets): string | null {
  if (notes.label.size === 0) return null;
  const id = safeDecode((a.getAttribute("href") ?? "").slice(1));
  let target = id ? notes.byId.get(id) ?? null : null;
  while (target && !notes.label.has(target)) target = target.parentElement;
  return target ? notes.label.get(target)! : null;
}

/** A note's text without the label it repeats at its start ("[1] Minutes …", "1. Minutes …" → "Minutes …"). */
function withoutLabel(text: string, label: string): string {
  const l = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const stripped = text.replace(new RegExp(`^(?:\\[${l}\\]|${l}[.)])\\s*|^${l}\\s+(?=\\S)`), "");
  return stripped || text;
}
