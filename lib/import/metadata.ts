/**
 * Title, author, source and date from the lines a document opens and closes with: bylines
 * ("Isaac Deutscher 1955"), "Source: …", "First Published: …", memo "SUBJECT:" lines, date lines,
 * datelines and author bios at the end. Credits (transcribed/scanned by …) go to the report.
 */
import type { RawBlock, RawMeta, Report } from "./raw";
import { plain } from "./sentinel";
import { withoutTrailingCodes } from "./repair/headers";
import {
  DATE_RE, endsSentence, isDateLine, looksLikePersonName, normalizeNameCase, normalizeTitleCase, wordCount, YEAR_RE,
} from "./text-utils";

const KEY_RE =
  /^(source|first published|originally published|published by|published|publication|publisher|written|date|dated|release date|posting date|last updated|updated|language|character set encoding|produced by|credits|transcribed|transcription|transcribed by|translated|translation|html markup|markup|online version|proofread|proofreading|copyleft|public domain|scanned|stable url|url|doi|accessed|subject|re|title|by|author\(s\)|author|authors|writer|from|to|cc|attn|attention|delivered|classification)\s*:\s*(.+)$/i;
const CREDIT_SENTENCE_RE =
  /^(?:scanned|transcribed|transcription|prepared|digiti[sz]ed|html|proofread|marked up|mark-up|converted|typed|ocr|edited for the)\b/i;

type Key = "source" | "published" | "date" | "credit" | "title" | "author" | "memo";

/**
 * What the metadata rules need to apply one repair taken from one line or block: the report, the block
 * (for removals, the block the text stood in) and whether the user undid any repair taken from it —
 * then the line stays in the body (the repairs from it the user did not undo still apply).
 */
interface Ctx {
  report: Report;
  block: RawBlock | null;
  kept: boolean;
  /** The line stays in the body (a memo's header lines): metadata is read from it, nothing is removed. */
  stays?: boolean;
}

/**
 * Report metadata taken from `line`. The entry reads as a move — the line, then `field: value` — never
 * "X → X". A line that stays in the body (a memo's header) is pointed at by its block.
 */
function addMeta(ctx: Ctx, rule: string, field: string, line: string, value: string, id: string): void {
  ctx.report.add(rule, ctx.stays ? ctx.block : null, line, `${field}: ${value}`, { id });
}

/** The id of a repair `rule` makes from `subject`, or null when the user undid it (the line is then kept). */
function take(ctx: Ctx, rule: string, subject: string): string | null {
  const id = ctx.report.id(rule, subject);
  if (ctx.report.skips(id)) { ctx.kept = true; return null; }
  return id;
}

/** A removal (credits, duplicates, navigation …) is reported next to the block it stood in. */
function nearOf(ctx: Ctx): { near?: RawBlock } {
  return ctx.block ? { near: ctx.block } : {};
}

function keyKind(key: string): Key {
  const k = key.toLowerCase();
  if (k === "source") return "source";
  if (k === "published by" || k === "publisher") return "credit"; // the publisher is not the source (the journal is)
  if (/published|publication|written/.test(k)) return "published";
  if (k === "date" || k === "dated" || /release date|posting date|updated/.test(k)) return "date";
  if (k === "subject" || k === "re" || k === "title") return "title";
  if (k === "by" || /^author|^writer/.test(k)) return "author";
  if (/^(from|to|cc|attn|attention|delivered|classification)$/.test(k)) return "memo";
  return "credit";
}

function setDate(meta: RawMeta, value: string, ctx: Ctx, evidence: string): void {
  const m = value.match(DATE_RE);
  const d = m ? m[0] : value.match(YEAR_RE)?.[0];
  if (!d) return;
  // a full date beats a bare year
  if (!meta.date || (/^\d{4}$/.test(meta.date) && d.length > 4)) {
    const id = take(ctx, "metadata-date", evidence);
    if (!id) return;
    meta.date = normalizeDate(d);
    addMeta(ctx, "metadata-date", "date", evidence, meta.date, id);
  }
}

/** "1st January, 1957" → "1 January 1957"; other forms are kept as written. */
export function normalizeDate(d: string): string {
  const t = d.replace(/\s+/g, " ").trim();
  const m = t.match(/^(\d{1,2})(?:st|nd|rd|th)?\s+(\p{L}+)\.?,?\s+(\d{4})$/u);
  return m ? `${m[1]} ${m[2]} ${m[3]}` : t;
}

function splitSentences(s: string): string[] {
  return s.split(/(?<=[.!?])\s+(?=[A-Z])/).map((x) => x.trim()).filter(Boolean);
}

/** Split a "Source:" style value into what it is and who scanned/transcribed it. */
function withoutCredits(value: string, ctx: Ctx): string {
  const kept: string[] = [];
  for (const sentence of splitSentences(value)) {
    if (CREDIT_SENTENCE_RE.test(sentence)) {
      const id = take(ctx, "move-credits", sentence);
      if (id) ctx.report.add("move-credits", null, sentence, "", { id, ...nearOf(ctx) });
    } else kept.push(sentence);
  }
  return kept.join(" ");
}

/** A "Source:" value without its date, issue date and page range: "Journal of Cold War Studies, Vol. 9, No. 2 (Spring 2007), pp. 45-52" → "Journal of Cold War Studies, Vol. 9, No. 2". */
function sourceName(v: string): string {
  return cleanValue(
    v.replace(DATE_RE, "").replace(/,?\s*\bpp?\.\s*\d+(?:\s*[-–]\s*\d+)?/g, "").replace(/\(\s*\)/g, "").replace(/\s+,/g, ","),
  ).replace(/\s+(?:in|on|of|at|from|dated)$/i, "");
}

const SMALL_WORDS = new Set(["a", "an", "the", "of", "on", "in", "at", "to", "for", "and", "or", "de", "du", "des", "la", "le", "der", "die", "und", "vol", "no"]);

/** A publication's name: a few words, capitalised as names are ("Foreign Affairs", "Journal of Cold War Studies, Vol. 9"). */
function isPublicationName(s: string): boolean {
  const words = s.split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}]/gu, "")).filter(Boolean);
  if (!words.length || words.length > 14 || !/^["“‘]?[\p{Lu}\p{N}]/u.test(s)) return false;
  return words.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || SMALL_WORDS.has(w.toLowerCase()));
}

/**
 * A note about how a text was published ("Written and first published (in French, German …)", "First
 * published in June 1956"), not the name of a source — whether the line says "Source:" (as the PDF and
 * its scan do) or "First Published:" (as the seed's text does).
 */
function isPublicationNote(s: string): boolean {
  return /^(?:written|(?:first|originally|initially)\s+(?:published|printed|issued)|published|printed|issued|delivered|composed)\b/i.test(s.trim()) &&
    !/^published\s+by\b/i.test(s.trim());
}

function cleanValue(s: string): string {
  return s.replace(/\s+/g, " ").replace(/[\s,;:.]+$/, "").trim();
}

/** Group a block's lines into logical lines: a line that does not open a new field continues an open "Key:" line. */
function logicalLines(text: string): string[] {
  const lines = plain(text).split("\n").map((l) => l.trim()).filter(Boolean);
  const out: string[] = [];
  let openKey = false;
  for (const l of lines) {
    const prev = out[out.length - 1];
    if (prev !== undefined && openKey && !KEY_RE.test(l) && !endsSentence(prev) && !isDateLine(l)) {
      out[out.length - 1] = prev + " " + l;
      continue;
    }
    out.push(l);
    openKey = KEY_RE.test(l);
  }
  return out;
}

function isBodyStart(b: RawBlock): boolean {
  const t = plain(b.text);
  if (KEY_RE.test(t.trim())) return false;
  const words = wordCount(t);
  return words > 25 || (endsSentence(t) && words > 12);
}

/** Same words, ignoring case, spacing and punctuation — in any script (`\W` would erase Japanese or Arabic text whole). */
const letters = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
const SAME = (a: string | null | undefined, b: string) => !!a && letters(b) !== "" && letters(a) === letters(b);

/** Consume metadata lines at the top of the document. Returns the remaining blocks. */
export function extractHeadMeta(blocks: RawBlock[], meta: RawMeta, report: Report): RawBlock[] {
  const memo = isMemoHead(blocks);
  const out: RawBlock[] = [];
  let i = 0;
  let scanned = 0;
  for (; i < blocks.length && scanned < 12; i++, scanned++) {
    const b = blocks[i]!;
    if (b.kind === "break") continue;
    if (b.keep) { out.push(b); continue; } // the user kept it in the body: look past it
    if (b.kind === "note" || isBodyStart(b)) break;
    if (b.kind === "heading" && b.explicit && meta.title && !SAME(meta.title, plain(b.text))) break;
    const kept: string[] = [];
    let stop = false;
    for (const line of logicalLines(b.text)) {
      if (stop) { kept.push(line); continue; }
      // a memo's header (date, TO, FROM, SUBJECT) stays readable in the body: the memo refers to it
      const ctx: Ctx = { report, block: b, kept: false, stays: memo && isMemoHeaderLine(line) };
      const r = headLine(line, meta, ctx);
      if (ctx.kept && r === "consumed") b.keep = true; // a repair from this line was undone: it stays in the body
      if (r === "keep" || (ctx.kept && r === "consumed")) kept.push(line);
      else if (r === "stop") { kept.push(line); stop = true; }
    }
    if (kept.length) {
      const remaining = kept.join("\n");
      if (remaining !== plain(b.text)) b.text = remaining; // some lines were consumed (markup was only in consumed lines or none)
      out.push(b);
    }
    if (stop) { i++; break; }
  }
  return [...out, ...blocks.slice(i)];
}

const MEMO_FIELD_RE = /^(?:to|from|subject|re|cc|attn|attention)\s*:\s*\S/i;

/**
 * The document opens with a memo header: at least two of TO:, FROM:, SUBJECT:/RE:, CC: among its
 * opening lines.
 */
function isMemoHead(blocks: RawBlock[]): boolean {
  const fields = new Set<string>();
  let scanned = 0;
  for (const b of blocks) {
    if (b.kind === "break") continue;
    if (++scanned > 12 || b.kind === "note" || isBodyStart(b)) break;
    for (const line of logicalLines(b.text)) {
      const m = line.replace(/^#+\s*/, "").match(MEMO_FIELD_RE);
      if (m) fields.add(m[0].split(/\s*:/)[0]!.toLowerCase().replace(/^re$/, "subject").replace(/^attn$/, "attention"));
    }
  }
  return fields.size >= 2 && (fields.has("to") || fields.has("from"));
}

/** A memo header line that stays in the body: a field line or the date. */
function isMemoHeaderLine(line: string): boolean {
  const t = line.replace(/^#+\s*/, "").trim();
  return MEMO_FIELD_RE.test(t) || /^dated?\s*:/i.test(t) || isDateLine(t);
}

/** Metadata objects whose title is a guess from a title-like line (an explicit "Title:" replaces it). */
const guessedTitles = new WeakSet<RawMeta>();

/** What to do with one opening line: it was consumed as metadata, kept in the body, or it starts the body. */
function headLine(line: string, meta: RawMeta, ctx: Ctx): "consumed" | "keep" | "stop" {
  const report = ctx.report;
  const t = line.replace(/^#+\s*/, "").trim();
  const kv = t.match(KEY_RE);
  if (kv) {
    const kind = keyKind(kv[1]!);
    const value = kv[2]!.trim();
    switch (kind) {
      case "source": {
        const v = withoutCredits(value, ctx);
        setDate(meta, v, ctx, t);
        const src = sourceName(v);
        const id = !meta.source && src && !isPublicationNote(src) ? take(ctx, "metadata-source", t) : null;
        if (id) { meta.source = src; addMeta(ctx, "metadata-source", "source", t, src, id); }
        return "consumed";
      }
      case "published": {
        const v = withoutCredits(value, ctx);
        setDate(meta, v, ctx, t);
        // "First published: The Reporter, 16 June 1955" names a source; "Written and first published
        // (in French, German …)" is a note about the publication, not a source
        const src = sourceName(v.replace(/^(?:in|by)\s+/i, ""));
        const id = !meta.source && src && isPublicationName(src) && !isPublicationNote(src) ? take(ctx, "metadata-source", t) : null;
        if (id) { meta.source = src; addMeta(ctx, "metadata-source", "source", t, meta.source, id); }
        return "consumed";
      }
      case "date":
        setDate(meta, value, ctx, t);
        return ctx.stays ? "keep" : "consumed";
      case "title":
        if (/^(subject|re)$/i.test(kv[1]!)) meta.memo ??= {};
        if (!meta.title || guessedTitles.has(meta)) {
          const id = take(ctx, "metadata-title", t);
          if (id) { guessedTitles.delete(meta); meta.title = cleanValue(value); addMeta(ctx, "metadata-title", "title", t, meta.title, id); }
        }
        return ctx.stays ? "keep" : "consumed";
      case "author":
        if (!meta.author) {
          const id = take(ctx, "metadata-author", t);
          if (id) { meta.author = normalizeNameCase(cleanValue(value)); addMeta(ctx, "metadata-author", "author", t, meta.author, id); }
        }
        return "consumed";
      case "memo": {
        ctx.stays = true; // TO:/FROM: lines always stay in the body
        const field = kv[1]!.toLowerCase();
        meta.memo ??= {};
        if (field === "from" && !meta.memo.from) {
          meta.memo.from = cleanValue(value);
          const id = !meta.author ? take(ctx, "metadata-author", t) : null;
          if (id) { meta.author = meta.memo.from; addMeta(ctx, "metadata-author", "author", t, meta.author, id); }
        }
        return "keep";
      }
      case "credit":
        const id = take(ctx, "move-credits", t);
        if (id) report.add("move-credits", null, t, "", { id, ...nearOf(ctx) });
        return "consumed";
    }
  }
  if (SAME(meta.title, t) || SAME(meta.author, t)) {
    const id = take(ctx, "metadata-duplicate", t);
    if (id) report.add("metadata-duplicate", null, t, "", { id, ...nearOf(ctx) });
    return "consumed";
  }
  if (isDateLine(t)) { setDate(meta, t, ctx, t); return ctx.stays ? "keep" : "consumed"; }
  // a byline: "By John Stuart Mill", "By A. Rossi, Moscow", "By J. S. Mill · 1859"
  const by = t.match(/^by\s+(.+)$/i);
  const byParts = by ? by[1]!.split(/\s*(?:[·•|,;(]|\s[-–—]\s)\s*/) : [];
  if (by && looksLikePersonName(byParts[0]!)) {
    const r = bylineAuthor(byParts[0]!, t, meta, ctx);
    const rest = byParts.slice(1).join(" ");
    if (r === "consumed" && rest) setDate(meta, rest, ctx, t);
    return r;
  }
  const nameYear = t.match(/^(.+?),?\s+\(?(1[5-9]\d\d|20\d\d)\)?$/);
  if (nameYear && looksLikePersonName(nameYear[1]!)) {
    const r = bylineAuthor(nameYear[1]!, t, meta, ctx);
    if (r === "consumed") setDate(meta, nameYear[2]!, ctx, t);
    return r;
  }
  if (looksLikePersonName(t) && !meta.author) {
    const id = take(ctx, "metadata-author", t);
    if (id) { meta.author = normalizeNameCase(t); addMeta(ctx, "metadata-author", "author", t, meta.author, id); }
    return "consumed";
  }
  if (!meta.title && isTitleLike(t)) {
    const id = take(ctx, "metadata-title", t);
    if (id) {
      guessedTitles.add(meta);
      meta.title = normalizeTitleCase(t.replace(/[\uE002-\uE005]/g, ""));
      addMeta(ctx, "metadata-title", "title", t, meta.title, id);
    }
    return "consumed";
  }
  return "stop";
}

/**
 * The author named by byline `line`: taken as the author (reported), or — when the author is already
 * known — removed as a repeat of it (reported). A byline naming someone else stays in the body.
 */
function bylineAuthor(name: string, line: string, meta: RawMeta, ctx: Ctx): "consumed" | "keep" {
  if (!meta.author) {
    const id = take(ctx, "metadata-author", line);
    if (id) { meta.author = normalizeNameCase(name); addMeta(ctx, "metadata-author", "author", line, meta.author, id); }
    return "consumed";
  }
  if (!SAME(meta.author, name) && !SAME(meta.author, normalizeNameCase(name))) return "keep";
  const id = take(ctx, "metadata-duplicate", line);
  if (id) ctx.report.add("metadata-duplicate", null, line, "", { id, ...nearOf(ctx) });
  return "consumed";
}

function isTitleLike(t: string): boolean {
  const words = wordCount(t);
  if (words === 0 || words > 20 || t.length > 160) return false;
  if (/[.;,:]$/.test(t) && !/\.\.\.$/.test(t)) return false;
  if (endsSentence(t) && !/[?!]["”’']?$/.test(t)) return false;
  if (/[a-z]{2}[.!?]["”’']?\s+\p{Lu}/u.test(t)) return false; // two sentences: prose, not a title
  return /^[\p{Lu}\p{N}"“‘'«(]/u.test(t);
}

// ---------------------------------------------------------------- tail

const NAV_RE =
  /\b(?:archive|archives|home|index|contents|back|top|next|previous|prev|menu|main page|return|sitemap|print|share|e-?mail|tweet|facebook|subscribe|login|log in|sign in|newsletter)\b/i;

/** A short line that is only a link back to somewhere: "Isaac Deutscher Archive", "Home | Next | Contents". */
export function isNavLine(s: string): boolean {
  const t = plain(s).trim();
  if (!t || wordCount(t) > 8 || /[.!?:;,]["”’']?$/.test(t)) return false;
  if ((t.match(/\s[|•·]\s/g) ?? []).length >= 1 && t.split(/\s[|•·]\s/).every((p) => wordCount(p) <= 4)) return true;
  if (/^[«<‹←]|[»>›→]$/.test(t)) return true;
  return NAV_RE.test(t);
}

const BIO_RE = /^(.{3,60}?),\s+(?:a|an|the|is|was|who|has|author|professor|editor|writer|journalist|historian|formerly|former|senior|research)\b/i;
const MORE_BY_RE = /^(?:more|other (?:articles|essays|works)|also|read more)\s+(?:by|from)\s+(.+)$/i;
const COPYRIGHT_RE = /^(?:©|\(c\)\s|copyright\b)|all rights reserved|copyright reserved|world copyright/i;

/** Datelines, copyright notices, author bios, "More by …" and navigation at the end of the document. */
export function extractTailMeta(blocks: RawBlock[], meta: RawMeta, report: Report): RawBlock[] {
  const drop = new Set<RawBlock>();
  const window = blocks.slice(Math.max(0, blocks.length - 14));
  // Author bios and "More by" lines anywhere in the closing stretch (often after a paywall).
  for (const b of window) {
    if ((b.kind === "heading" && b.explicit) || b.keep) continue;
    const t = plain(b.text).replace(/\s+/g, " ").trim();
    if (wordCount(t) > 80) continue;
    const ctx: Ctx = { report, block: b, kept: false };
    const more = t.match(MORE_BY_RE);
    if (more && looksLikePersonName(more[1]!)) {
      const name = normalizeNameCase(more[1]!);
      const rule = meta.author ? "drop-boilerplate" : "metadata-author";
      const id = take(ctx, rule, b.source ?? t);
      if (!id) { b.keep = true; continue; } // undone: the line stays in the body
      if (!meta.author) { meta.author = name; report.add("metadata-author", null, t, `author: ${name}`, { id }); }
      else report.add("drop-boilerplate", null, t, "", { id, near: b });
      drop.add(b);
      continue;
    }
    const bio = t.match(BIO_RE);
    if (bio && looksLikePersonName(bio[1]!) && /\p{Lu}{2}/u.test(bio[1]!) ) {
      const name = normalizeNameCase(bio[1]!);
      const id = take(ctx, "metadata-author-bio", b.source ?? t);
      if (!id) { b.keep = true; continue; }
      if (!meta.author) meta.author = name;
      report.add("metadata-author-bio", null, t, `author: ${name}`, { id, near: b });
      drop.add(b);
    }
  }
  // Contiguous furniture at the very end.
  for (let i = blocks.length - 1; i >= 0 && i >= blocks.length - 8; i--) {
    const b = blocks[i]!;
    if (drop.has(b) || b.kind === "break") continue;
    if (b.kind === "note" || b.keep) continue; // a block the user kept is looked past, like a note
    const t = plain(b.text).replace(/\s+/g, " ").trim();
    const ctx: Ctx = { report, block: b, kept: false };
    if (isNavLine(t)) {
      const id = take(ctx, "drop-navigation", b.source ?? t);
      if (!id) { b.keep = true; continue; }
      report.add("drop-navigation", null, t, "", { id, near: b });
      drop.add(b);
      continue;
    }
    if (wordCount(t) <= 25 && (COPYRIGHT_RE.test(t) || isDateline(t))) {
      for (const s of splitSentences(t)) {
        if (!COPYRIGHT_RE.test(s)) { setDate(meta, s, ctx, s); continue; }
        const id = take(ctx, "drop-boilerplate", s);
        if (id) report.add("drop-boilerplate", null, s, "", { id, near: b });
      }
      if (ctx.kept) b.keep = true; // something in it was undone: the whole line stays
      else drop.add(b);
      continue;
    }
    if (/^\[?\d{1,3}\]|^\uE000/.test(b.text)) continue; // a trailing note: look past it
    break;
  }
  return blocks.filter((b) => !drop.has(b));
}

/** "London, 1st January, 1957." — place and date, optionally followed by a copyright sentence. */
function isDateline(t: string): boolean {
  const sentences = splitSentences(t);
  if (!sentences.length) return false;
  return sentences.every((s) => {
    if (COPYRIGHT_RE.test(s)) return true;
    const m = s.match(DATE_RE);
    if (!m) return false;
    const rest = s.replace(m[0], "").replace(/[\s,.]+/g, " ").trim();
    return rest === "" || (wordCount(rest) <= 4 && /^(?:\p{Lu}[\p{L}'’-]*\s?)+$/u.test(rest));
  }) && sentences.some((s) => DATE_RE.test(s));
}

/**
 * A memo names its sender in a signature line after the body ("Chief, Counter Intelligence Staff"):
 * a short line that does not end like a sentence, right after a finished paragraph. It stays in the
 * body (the memo must read whole) and becomes the author; "TO:" becomes the source.
 */
export function memoMeta(blocks: RawBlock[], meta: RawMeta, report: Report): void {
  // (a memo's TO: line names its addressees, not a source: the source stays unknown unless the text says it)
  if (!meta.memo || meta.author) return;
  const limit = Math.min(blocks.length, 30);
  for (let i = 1; i < limit; i++) {
    const b = blocks[i]!;
    if (b.kind === "heading" && b.explicit) break;
    if (b.keep) continue;
    // blocks the user kept (undone removals of page furniture) are not the paragraph before the signature
    let p = i - 1;
    while (p > 0 && blocks[p]!.keep) p--;
    const prev = blocks[p]!;
    const t = plain(b.text).replace(/\s+/g, " ").trim();
    const words = wordCount(t);
    if (words === 0 || words > 8 || endsSentence(t) || /[:;]$/.test(t) || KEY_RE.test(t)) continue;
    // (a trailing redaction code the user chose to keep does not make the paragraph unfinished)
    const prevText = withoutTrailingCodes(plain(prev.text).trim());
    if (!endsSentence(prevText) || wordCount(prevText) < 8) continue;
    if (!/^\p{Lu}/u.test(t)) continue;
    const id = report.id("metadata-author", t);
    if (report.skips(id)) return; // undone: the memo has no author (the line was never removed)
    meta.author = t;
    report.add("metadata-author", b, t, `author: ${t}`, { id }); // the signature stays in the body
    return;
  }
}
