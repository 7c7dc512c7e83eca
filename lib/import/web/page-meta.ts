/**
 * Metadata a web page declares about itself: <meta> tags (citation_*, Dublin Core, Open Graph, article:*,
 * name=author/date), JSON-LD (schema.org Article, NewsArticle, BlogPosting …) and microdata. Never
 * invented: a field the page does not state stays empty.
 */
import type { RawMeta } from "../raw";

export interface PageMeta extends RawMeta {
  /** og:description / description: recognises the standfirst */
  description?: string | null;
}

const MAX_JSONLD_CHARS = 200_000;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2015-03-18T13:00:00Z", "20160729", "2017-03-13|19h18" → "18 March 2015"; anything else as written (trimmed). */
export function displayDate(value: string): string | null {
  const t = value.trim();
  if (!t) return null;
  const m = t.match(/^(\d{4})-?(\d{2})-?(\d{2})(?:$|[T\s|_])/);
  if (m) {
    const month = Number(m[2]), day = Number(m[3]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) return `${day} ${MONTHS[month - 1]} ${m[1]}`;
  }
  if (/^\d{4}$/.test(t)) return t;
  // "Fri Mar 13 21:30:09 EST 2015", "Saturday, December 27, 2014, 12:06 PM", "March 18, 2015"
  const words = t.match(/\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})\b[^\d]*?(\d{4})\b/i);
  if (words) {
    const month = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].indexOf(words[1]!.toLowerCase());
    return `${Number(words[2])} ${MONTHS[month]} ${words[3]}`;
  }
  return t.length <= 40 ? t : null;
}

function clean(s: string | null | undefined): string | null {
  const t = (s ?? "").replace(/\s+/g, " ").trim();
  return t || null;
}

/** An author value: no URLs, no "(http://…)" or "(@handle)" tails, no trailing ", CNN"-style publisher. */
export function cleanAuthor(value: string | null | undefined): string | null {
  let t = clean(value);
  if (!t || /^https?:\/\//i.test(t) || /^@/.test(t)) return null;
  t = t.replace(/\s*\((?:https?:\/\/|@)[^)]*\)\s*$/, "").replace(/\s+(?:https?:\/\/\S+)$/, "");
  t = t.replace(/^by\s+/i, "");
  return clean(t);
}

interface JsonLdFacts {
  headline?: string;
  author?: string;
  date?: string;
  publisher?: string;
  description?: string;
}

const ARTICLE_TYPES = /^(?:Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|ScholarlyArticle|TechArticle|Report|WebPage|Blog|SocialMediaPosting|LiveBlogPosting)$/;

function nameOf(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (Array.isArray(v)) {
    const parts = v.map(nameOf).filter((x): x is string => !!x);
    return parts.length ? parts.join(", ") : undefined;
  }
  if (v && typeof v === "object" && typeof (v as { name?: unknown }).name === "string") return (v as { name: string }).name;
  return undefined;
}

function jsonLdFacts(document: Document): JsonLdFacts {
  const facts: JsonLdFacts = {};
  for (const script of Array.from(document.querySelectorAll('script[type*="ld+json" i]')) as Element[]) {
    const raw = (script.textContent ?? "").replace(/^\s*(?:<!\[CDATA\[|\/\/\s*<!\[CDATA\[)/, "").replace(/\]\]>\s*$/, "");
    if (!raw.trim() || raw.length > MAX_JSONLD_CHARS) continue;
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      continue;
    }
    // breadth-first over at most 200 objects, 6 levels deep: @graph arrays and nested mainEntity
    const queue: { v: unknown; depth: number }[] = [{ v: data, depth: 0 }];
    let seen = 0;
    while (queue.length && seen < 200) {
      const { v, depth } = queue.shift()!;
      seen++;
      if (Array.isArray(v)) { if (depth < 6) for (const x of v) queue.push({ v: x, depth: depth + 1 }); continue; }
      if (!v || typeof v !== "object") continue;
      const o = v as Record<string, unknown>;
      const types = ([] as unknown[]).concat(o["@type"] ?? []).filter((x): x is string => typeof x === "string");
      if (types.some((t) => ARTICLE_TYPES.test(t))) {
        const article = !types.every((t) => /^(?:WebPage|Blog)$/.test(t));
        if (article || !facts.headline) {
          if (typeof o.headline === "string" && (article || !facts.headline)) facts.headline = o.headline;
          const author = nameOf(o.author) ?? nameOf(o.creator);
          if (author && (article || !facts.author)) facts.author = author;
          const date = typeof o.datePublished === "string" ? o.datePublished : typeof o.dateCreated === "string" ? o.dateCreated : undefined;
          if (date && (article || !facts.date)) facts.date = date;
          const pub = nameOf(o.publisher) ?? nameOf(o.isPartOf);
          if (pub && (article || !facts.publisher)) facts.publisher = pub;
          if (typeof o.description === "string" && (article || !facts.description)) facts.description = o.description;
        }
      }
      if (depth < 6) for (const key of ["@graph", "mainEntity", "mainEntityOfPage", "itemListElement"]) if (o[key]) queue.push({ v: o[key], depth: depth + 1 });
    }
  }
  return facts;
}

export function readPageMeta(document: Document): PageMeta {
  const m = (...keys: string[]): string | null => {
    for (const key of keys) {
      // name=, property=, itemprop=; a few sites write value= instead of content=
      const el = document.querySelector(`meta[name="${key}" i], meta[property="${key}" i], meta[itemprop="${key}" i]`);
      const v = clean(el?.getAttribute("content") ?? el?.getAttribute("value"));
      if (v) return v;
    }
    return null;
  };
  const ld = jsonLdFacts(document);
  const itemprop = (prop: string): string | null => {
    const el = document.querySelector(`[itemprop="${prop}"]`);
    if (!el) return null;
    return clean(el.getAttribute("content") ?? el.getAttribute("datetime") ?? (el.querySelector('[itemprop="name"]')?.textContent ?? el.textContent));
  };
  const meta: PageMeta = {};
  const title = m("citation_title", "dc.title", "og:title", "twitter:title") ?? clean(ld.headline);
  const author =
    cleanAuthor(m("citation_author", "dc.creator", "author", "article:author", "parsely-author", "sailthru.author", "byl")) ??
    cleanAuthor(ld.author) ??
    cleanAuthor(itemprop("author"));
  const date =
    m("citation_publication_date", "citation_date", "dc.date", "dc.date.issued", "dc.date.created", "article:published_time", "og:article:published_time",
      "article:published", "article:publicationdate", "datepublished", "publishdate", "pubdate", "date", "sailthru.date", "parsely-pub-date") ??
    clean(ld.date) ??
    itemprop("datePublished");
  const source = m("citation_journal_title", "dc.source", "og:site_name", "application-name", "dc.publisher") ?? clean(ld.publisher);
  if (title) meta.title = title;
  if (author) meta.author = author;
  const shown = date ? displayDate(date) : null;
  if (shown) meta.date = shown;
  if (source) meta.source = source;
  meta.description = m("og:description", "description", "twitter:description", "dc.description") ?? clean(ld.description);
  return meta;
}
