import "server-only";
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { ReadingContent } from "@/lib/readings/get-reading";
import type { PassageHighlight } from "@/lib/comments/get-reading-discussion";
import { escapeHtml, inlineHtml } from "@/lib/readings/inline-html";
import { markerHtml } from "@/components/reading/marker-html";

/**
 * The reading's text — every paragraph with its number, emphasis, note markers and passage
 * highlights, and the notes — as one HTML string, built here and not by React.
 *
 * Why: rendered as React elements the text is written twice into every page (once as HTML,
 * once more as the RSC payload the browser hydrates from) and walked by React on every
 * view; it was most of the reading page's bytes and CPU. Built as a string it goes into
 * the HTML once (components/reading/static-article.tsx hands it to server rendering
 * outside the payload), and the parts that are the same for everyone who sees the same
 * highlights are kept per revision: a class reading one text costs one build.
 *
 * Per viewer, only the gutter markers differ (their counts); they are spliced in
 * between the cached pieces. Every piece of text and every attribute value is escaped
 * (inlineHtml for the text; escapeHtml here); nothing else is inserted.
 */
export interface ArticleSource {
  title: string;
  content: ReadingContent;
}

interface ArticleParts {
  /** Changes with the text, the title or the highlights shown. */
  version: string;
  /** html = pieces[0] + marker(0) + pieces[1] + … + marker(n-1) + pieces[n] */
  pieces: string[];
  markers: { blockId: string; number: number }[];
}

const parts = new LRUCache<string, ArticleParts>({
  maxSize: 64 * 1024 * 1024,
  sizeCalculation: (p) => 2 * p.pieces.reduce((n, s) => n + s.length, 64),
});

const headingTag = (level: number | null) => (level && level <= 2 ? "h2" : level === 3 ? "h3" : "h4");

/** The version of the article a viewer with these highlights sees. */
export function articleVersion(source: ArticleSource, highlights: Record<string, PassageHighlight[]>): string {
  const h = createHash("sha256").update(source.content.key).update("\0").update(source.title).update("\0");
  for (const [blockId, list] of Object.entries(highlights)) {
    h.update(blockId);
    for (const x of list) h.update(`,${x.threadId}:${x.start}:${x.end}`);
    h.update(";");
  }
  return h.digest("base64url").slice(0, 22);
}

function buildParts(source: ArticleSource, highlights: Record<string, PassageHighlight[]>, version: string): ArticleParts {
  const { blocks, notes } = source.content;
  const noteText = new Map(notes.map((n) => [n.label, n.text]));
  const pieces: string[] = [];
  const markers: ArticleParts["markers"] = [];
  let out = `<article aria-label="${escapeHtml(source.title)}" class="max-w-none"><div class="reading-text" data-article-version="${version}">`;
  for (const block of blocks) {
    const inline = inlineHtml({ text: block.text, marks: block.marks, noteRefs: block.noteRefs, highlights: highlights[block.id], blockKey: block.id, notes: noteText });
    if (block.kind === "HEADING") {
      const tag = headingTag(block.level);
      out += `<${tag} class="mb-3 mt-10 px-12 font-sans text-xl font-semibold leading-snug">${inline}</${tag}>`;
      continue;
    }
    const n = block.number!;
    const anchor = `p-${n}`;
    const body =
      block.kind === "QUOTE"
        ? `<blockquote id="${anchor}" data-paragraph="${n}" class="scroll-mt-20 border-l-4 border-stone-300 pl-4 italic text-stone-700 dark:border-stone-700 dark:text-stone-300">${inline}</blockquote>`
        : block.kind === "LIST"
          ? `<ul class="list-disc pl-6"><li id="${anchor}" data-paragraph="${n}" class="scroll-mt-20">${inline}</li></ul>`
          : `<p id="${anchor}" data-paragraph="${n}" class="scroll-mt-20">${inline}</p>`;
    out += `<div data-block-row="${escapeHtml(block.id)}" class="reading-row"><a href="#${anchor}" class="reading-num" aria-label="Link to paragraph ${n}">${n}</a><div class="min-w-0">${body}</div><div class="no-print pl-1">`;
    pieces.push(out);
    markers.push({ blockId: block.id, number: n });
    out = `</div></div>`;
  }
  out += `</div></article>`;
  if (notes.length > 0) {
    out += `<section aria-labelledby="notes-heading" class="mt-12 border-t border-stone-200 px-10 pt-6 sm:px-12 dark:border-stone-800"><h2 id="notes-heading" class="font-sans text-lg font-semibold">Notes</h2><ol class="mt-3 space-y-2 font-serif text-base leading-relaxed">`;
    for (const note of notes) {
      out += `<li id="note-${escapeHtml(encodeURIComponent(note.label))}" class="scroll-mt-20"><span class="mr-2 font-sans text-sm font-semibold">${escapeHtml(note.label)}.</span>${escapeHtml(note.text)}</li>`;
    }
    out += `</ol></section>`;
  }
  pieces.push(out);
  return { version, pieces, markers };
}

/**
 * The article for one viewer: the cached pieces for (text, highlights) with this viewer's
 * counts in the markers. Returns its version too (the browser compares it to decide
 * whether the HTML it holds is current).
 */
export function articleHtml(source: ArticleSource, highlights: Record<string, PassageHighlight[]>, counts: Record<string, { total: number; fresh: number }>): { html: string; version: string } {
  const version = articleVersion(source, highlights);
  let p = parts.get(version);
  if (!p) {
    p = buildParts(source, highlights, version);
    parts.set(version, p);
  }
  let html = p.pieces[0]!;
  for (let i = 0; i < p.markers.length; i++) {
    const m = p.markers[i]!;
    const c = counts[m.blockId];
    html += markerHtml(m.number, { count: c?.total ?? 0, fresh: c?.fresh ?? 0, open: false }) + p.pieces[i + 1]!;
  }
  return { html, version };
}
