/**
 * HTML → raw blocks. On a web page the article is found first (lib/import/web/article.ts: its container,
 * the chrome inside it, the standfirst and lead caption outside it); the page's declared metadata is read
 * (lib/import/web/page-meta.ts). Legacy markup (<font>, <center>, <br><br> paragraphs, layout tables) is
 * read for its text. Footnotes: in-text note links are matched to their definitions wherever they are.
 */
import { parseHTML } from "linkedom";
import { Report, type RawBlock, type RawDoc, type RawMeta } from "../raw";
import { EM_CLOSE, EM_OPEN, noteMarker, STRONG_CLOSE, STRONG_OPEN } from "../sentinel";
import { NOTE_LABEL_RE } from "../repair/debris";
import { parseText } from "./text";
import { planArticle } from "../web/article";
import { readPageMeta } from "../web/page-meta";
import { isHiddenElement, textOf } from "../web/dom";
import { bylineFacts } from "../web/byline";
import { creditElements, creditLength, cutTail, isCaptionElement, withoutCredit } from "../web/captions";

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

const NOTE_CONTAINER_RE = /(?:^|[-_\s])(?:foot|end)?notes?(?:$|[-_\s])|footnotes|endnotes|fn-?list/i;
const NOTE_ITEM_ID_RE = /^(?:fn|footnote|note|endnote|ftn|en)[-_:]?(\d+|[a-z])$/i;
/** Marks chrome the user kept (an undone removal): its blocks are marked `keep`. */
const KEEP_ATTR = "data-colloquy-keep";
const BACKLINK_RE = /^\s*(?:↩|↑|\^|⤴|back|return)\s*\uFE0E?\s*$/i;

export function parseHtml(html: string, report: Report, opts: HtmlOptions): RawDoc {
  const { document } = parseHTML(wellFormed(html));
  mergeBodies(document);
  const declared = readPageMeta(document);
  const { description, ...meta } = declared;
  const body = (document.body as Element | null) ?? document.documentElement;
  const notes = noteTargets(body);
  const builder = new Builder(notes, report);
  const ctx: Ctx = { quote: false, blockKind: "paragraph" };
  if (!opts.stripChrome) {
    builder.walk(body, ctx);
    builder.flush();
    return { blocks: builder.blocks, notes: [], meta };
  }
  const pageTitle = pageTitleOf(document, meta);
  const plan = planArticle(body, { protect: notes.protect, title: meta.title ?? pageTitle?.title ?? null, description: description ?? null });
  let root = plan.root;
  if (!plan.wholePage) {
    // everything around the article (menus, sidebars, footer) is one repair; undoing it reads the whole page
    const around = outsideText(body, root, plan.lead, notes);
    if (around) {
      const id = report.id("drop-navigation", "page around the article");
      if (report.skips(id)) root = body;
      else report.add("drop-navigation", null, around, "the page around the article (menus, sidebars, footer)", { id });
    }
  }
  applyDrops(plan.drops, report, root);
  dropPictureCredits([root, ...plan.lead], report);
  const headline = plan.headline;
  if (headline && headline.isConnected) {
    // the page's own headline is the title; undone, it stays as a heading at the top
    const text = (headline.textContent ?? "").replace(/\s+/g, " ").trim();
    const id = report.id("metadata-title", text);
    if (report.skips(id)) {
      const start = builder.blocks.length;
      builder.walkSeparately(headline, ctx);
      for (const b of builder.blocks.slice(start)) b.keep = true;
    } else {
      meta.title = text;
      report.add("metadata-title", null, text, `title: ${text}`, { id });
    }
    headline.remove();
  }
  // bylines and date lines: the author and date they state go to the metadata, the line leaves the text
  for (const el of plan.metaLines) {
    if (!el.isConnected) continue;
    if (!takeBylineFacts(el, meta, report)) {
      const start = builder.blocks.length;
      builder.walkSeparately(el, ctx);
      for (const b of builder.blocks.slice(start)) b.keep = true;
    }
    el.remove();
  }
  for (const el of plan.lead) if (el.isConnected && !root.contains(el)) builder.walkSeparately(el, ctx);
  const firstBody = builder.blocks.length;
  builder.walk(root, ctx);
  builder.flush();
  // a section heading that opens the article (no headline was found) is not the reading's title
  const opening = builder.blocks[firstBody];
  if (!headline && opening?.kind === "heading" && (opening.level ?? 1) > 1) opening.keep = true;
  // footnotes the article element left out (a <section class="footnotes"> after it): their definitions
  for (const el of outsideNoteDefinitions(notes, root)) builder.walkSeparately(el, ctx);
  if (!meta.title && pageTitle) {
    if (body.querySelectorAll("h1").length > 1) {
      // no one main <h1> (sections are h1s): the page's <title> names the reading
      const id = report.id("metadata-title", pageTitle.raw);
      if (!report.skips(id)) {
        meta.title = pageTitle.title;
        report.add("metadata-title", null, pageTitle.raw, `title: ${pageTitle.title}`, { id });
      }
    } else meta.pageTitle = pageTitle; // used when the text itself yields no title
  }
  return { blocks: builder.blocks, notes: [], meta };
}

/**
 * A byline or date line: the author and date it states fill what the page did not declare (each reported,
 * undoable); a line that only repeats them is reported as a repeat. Returns false when the user undid the
 * repair, so the line stays in the text.
 */
function takeBylineFacts(el: Element, meta: RawMeta, report: Report): boolean {
  const line = (el.textContent ?? "").replace(/\s+/g, " ").trim();
  if (!line) return true;
  const facts = bylineFacts(line);
  const fields: ["title" | "author" | "date", string][] = [];
  if (facts.title && !meta.title) fields.push(["title", facts.title]);
  if (facts.author && !meta.author) fields.push(["author", facts.author]);
  if (facts.date && !meta.date) fields.push(["date", facts.date]);
  if (!fields.length) {
    const known = facts.title || facts.author || facts.date;
    const rule = known ? "metadata-duplicate" : "drop-navigation";
    const id = report.id(rule, line);
    if (report.skips(id)) return false;
    report.add(rule, null, line, known ? "" : "byline or date line", { id });
    return true;
  }
  let kept = true;
  for (const [field, value] of fields) {
    const id = report.id(`metadata-${field}`, line);
    if (report.skips(id)) { kept = false; continue; }
    meta[field] = value;
    report.add(`metadata-${field}`, null, line, `${field}: ${value}`, { id });
  }
  return kept;
}

/**
 * The page as an HTML document linkedom reads the way a browser does: a fragment is wrapped; text before
 * <html> (a PHP warning printed ahead of the page) goes to the start of the body instead of becoming the root.
 */
function wellFormed(html: string): string {
  if (!/<html[\s>]/i.test(html)) return `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  const start = html.search(/<!doctype|<html[\s>]/i);
  const before = start > 0 ? html.slice(0, start) : "";
  if (!before.trim() || /^\s*(?:<\?xml[^>]*>|<!--[\s\S]*?-->\s*)*\s*$/.test(before)) return html;
  const rest = html.slice(start);
  // after <body>, or (no <body> tag) after <html>, where mergeBodies gathers it into the body
  const open = rest.match(/<body\b[^>]*>/i) ?? rest.match(/<html\b[^>]*>/i)!;
  return rest.replace(open[0], open[0] + before);
}

/** Markup between <html> and <head> makes linkedom open an empty <body> first: gather every body into the first. */
function mergeBodies(document: Document): void {
  const root = document.documentElement as Element | null;
  if (!root) return;
  const kids = Array.from(root.children) as Element[];
  const bodies = kids.filter((k) => k.tagName.toLowerCase() === "body");
  if (bodies.length < 2 && kids.every((k) => /^(?:head|body)$/i.test(k.tagName))) return;
  const target = bodies[0] ?? root.appendChild(document.createElement("body"));
  for (const k of kids) {
    const tag = k.tagName.toLowerCase();
    if (k === target || tag === "head") continue;
    if (tag === "body") { while (k.firstChild) target.appendChild(k.firstChild); k.remove(); continue; }
    target.appendChild(k);
  }
}

/** Picture credits at the end of captions ("(Reuters)", "Photo: …") and credit elements inside them. */
function dropPictureCredits(scopes: Element[], report: Report): void {
  for (const scope of scopes) {
    const captions = [scope, ...(Array.from(scope.querySelectorAll("*")) as Element[])].filter(isCaptionElement);
    for (const cap of captions) {
      if (!cap.isConnected) continue;
      for (const el of creditElements(cap)) {
        const text = (el.textContent ?? "").replace(/\s+/g, " ").trim();
        if (!text) continue;
        const id = report.id("drop-boilerplate", text);
        if (report.skips(id)) continue;
        report.add("drop-boilerplate", null, text, "picture credit", { id });
        el.remove();
      }
      const text = (cap.textContent ?? "").replace(/\s+/g, " ").trim();
      const n = creditLength(text);
      if (!n) continue;
      const id = report.id("drop-boilerplate", text);
      if (report.skips(id)) continue;
      report.addDiff("drop-boilerplate", null, text, withoutCredit(text) ?? text, { id });
      cutTail(cap, n);
    }
  }
}

/** Remove what the plan judged chrome, reporting each removal; an undone removal keeps the element (marked kept). */
function applyDrops(drops: { el: Element; why: string }[], report: Report, root: Element): void {
  for (const { el, why } of drops) {
    if (!el.isConnected || !root.contains(el)) continue;
    // as a reader saw it: words of neighbouring cells and items apart ("Home Archive", not "HomeArchive")
    const text = textOf(el);
    if (text) {
      const id = report.id("drop-navigation", text);
      if (report.skips(id)) { el.setAttribute(KEEP_ATTR, ""); continue; }
      report.add("drop-navigation", null, text, why, { id });
    }
    el.remove();
  }
}

/** The text of the page outside the article, its lead elements and its notes (clipped), or "" when there is none. */
function outsideText(body: Element, root: Element, lead: Element[], notes: NoteTargets): string {
  const parts: string[] = [];
  let length = 0;
  const stack: Element[] = [body];
  while (stack.length && length < 400) {
    const el = stack.pop()!;
    if (el === root || lead.includes(el) || notes.label.has(el)) continue;
    if (el.contains(root) || lead.some((l) => el.contains(l)) || notes.protect.has(el)) {
      const kids = Array.from(el.childNodes);
      for (let i = kids.length - 1; i >= 0; i--) {
        const k = kids[i]!;
        if (k.nodeType === 1) stack.push(k as Element);
        else if (k.nodeType === 3 && k.nodeValue?.trim()) { parts.push(k.nodeValue.trim()); length += k.nodeValue.length; }
      }
      continue;
    }
    if (SKIP.has(el.tagName.toLowerCase())) continue;
    const t = (el.textContent ?? "").replace(/\s+/g, " ").trim();
    if (t) { parts.push(t); length += t.length; }
  }
  return parts.join(" | ").slice(0, 400);
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
    const length = (target.textContent ?? "").replace(/\s+/g, " ").trim().length;
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

function isNoteContainer(el: Element): boolean {
  return NOTE_CONTAINER_RE.test(`${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`);
}

interface Ctx {
  quote: boolean;
  /** kind given to text blocks found inside the current container */
  blockKind: "paragraph" | "quote" | "list";
}

class Builder {
  blocks: RawBlock[] = [];

  constructor(
    private readonly notes: NoteTargets = { label: new Map(), protect: new Set(), byId: new Map() },
    /** where the plain-text reading of a <pre> reports what it changed (dropped furniture lines, joined hyphens) */
    private readonly report: Report = new Report(),
  ) {}

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
      if (t.replace(/[\uE002-\uE005\s]/g, "")) this.blocks.push({ kind, text: t, markup: true });
    }
  }

  /** <pre> elements already read as later pages of a paged <pre> run (see preRunText). */
  private readonly prePages = new Set<Element>();

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
    if (SKIP.has(tag) || isHiddenElement(el)) return;
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
    if (tag === "tr" && isDataRow(el)) {
      // a row of a data table reads as one line ("Herbert Dürr / 63 / 16.6%"), not a paragraph per cell (" | " would read as a navigation line)
      this.flush();
      const cells = (Array.from(el.children) as Element[]).filter((c) => /^t[dh]$/i.test(c.tagName));
      const text = cells.map((c) => this.inlineOf(c, ctx).replace(/\s+/g, " ").trim()).filter(Boolean).join(" / ");
      if (text) this.blocks.push({ kind: ctx.blockKind, text, markup: true });
      return;
    }
    if (tag === "li") { this.item(el, ctx, undefined, false); return; }
    if (tag === "pre") {
      if (this.prePages.has(el)) return; // read as a page of the <pre> run it belongs to
      this.flush();
      const text = preRunText(el, this.prePages);
      // one <pre> without page breaks is a stretch of preformatted text (code, a transcript), not pages: it is
      // read as it stands (no page furniture, and no later repair joins, unwraps or drops its blocks)
      const paged = text.includes("\f");
      const sub = parseText(text, this.report, { pages: paged });
      for (const b of sub.blocks) this.blocks.push({ ...(ctx.quote ? { ...b, kind: "quote" as const } : b), ...(paged ? {} : { keep: true }) });
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

const ROW_BLOCK_CHILDREN = "p, div, ul, ol, table, blockquote, h1, h2, h3, h4, h5, h6, pre, section, article";

/** A row of a data table: several short cells of inline text (a layout table's cells hold paragraphs). */
function isDataRow(tr: Element): boolean {
  const cells = (Array.from(tr.children) as Element[]).filter((c) => /^t[dh]$/i.test(c.tagName));
  if (cells.length < 2) return false;
  return cells.every((c) => !c.querySelector(ROW_BLOCK_CHILDREN) && (c.textContent ?? "").trim().split(/\s+/).length <= 25);
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

/**
 * The text of a <pre> and of the page <pre>s that follow it: a paged text (an Internet-Draft or RFC as
 * rfcmarkup/xml2rfc print it) is one <pre> per page, `<pre class="newpage">`, with nothing but white
 * space or comments between them. They are one text with a page break (form feed) between pages, so
 * the plain-text reader's page-aware rules (running heads at page edges, page numbers, paragraphs
 * running on across a page) apply. The later pages are added to `taken`.
 */
function preRunText(first: Element, taken: Set<Element>): string {
  const pages = [preText(first)];
  for (let node = first.nextSibling; node; node = node.nextSibling) {
    if (node.nodeType === 8 || (node.nodeType === 3 && !(node.nodeValue ?? "").trim())) continue;
    if (node.nodeType !== 1) break;
    const el = node as Element;
    if (el.tagName.toLowerCase() !== "pre" || !/(?:^|\s)newpage(?:\s|$)/i.test(el.getAttribute("class") ?? "") || isHiddenElement(el)) break;
    taken.add(el);
    pages.push(preText(el));
  }
  return pages.join("\n\f\n");
}

/** A <pre>'s text as shown: its text with a line break for each <br> (highlighters write code lines so). */
function preText(pre: Element): string {
  if (!pre.getElementsByTagName("br").length) return pre.textContent ?? "";
  let out = "";
  const stack: Node[] = [pre];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.nodeType === 3) { out += node.nodeValue ?? ""; continue; }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    if (el.tagName.toLowerCase() === "br") { out += "\n"; continue; }
    const children = Array.from(el.childNodes);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}
