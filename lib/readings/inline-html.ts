import type { Mark, NoteRef } from "@/lib/import/types";
import { segmentInline, type InlineHighlight } from "@/lib/readings/segment-inline";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** Escape text and attribute values (everything from the reading or its readers). */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export interface InlineHighlightWithTip extends InlineHighlight {
  tip?: string;
}

/**
 * A block's text with emphasis, footnote markers and passage highlights, as one HTML string
 * (set as the paragraph's innerHTML by components/reading/reading-body.tsx).
 *
 * A string, not React elements, because of size and time: a paragraph with 5,000 emphasis
 * marks is 10,000 pieces, and 40 such paragraphs as React elements made 36 MB of HTML plus
 * flight data and minutes of rendering; as a string it is the text plus its tags, built in
 * one pass over segmentInline's pieces. Every piece of text and every attribute value is
 * escaped here; nothing else is inserted.
 *
 * Markers are not part of the text (passage offsets never include them): they render as
 * superscript note buttons opening a popover (the native Popover API) and carry
 * data-nontext so selections skip them. Highlights are <mark class="hl">; overlapping
 * passages deepen the shade (data-depth, left out at 1) instead of nesting; the first
 * piece of each passage is focusable (passages starting at the same place share it), and
 * the browser describes it by its threads' first lines once it has loaded them
 * (components/reading/highlight-tips.tsx: the description is not in the page's bytes).
 */
export function inlineHtml(options: { text: string; marks: Mark[]; noteRefs: NoteRef[]; highlights?: InlineHighlight[]; blockKey: string; notes?: Map<string, string> }): string {
  const out: string[] = [];
  for (const segment of segmentInline(options.text, options.marks, options.noteRefs, options.highlights ?? [])) {
    if (segment.type === "note") {
      out.push(noteMarker(segment.label, options.blockKey, options.notes?.get(segment.label)));
      continue;
    }
    let html = escapeHtml(segment.text);
    if (segment.em) html = `<em>${html}</em>`;
    if (segment.strong) html = `<strong>${html}</strong>`;
    if (segment.threads.length > 0) {
      const depth = segment.threads.length > 1 ? ` data-depth="${Math.min(segment.threads.length, 3)}"` : "";
      const first = segment.anchors.length ? ` tabindex="0"` : "";
      html = `<mark class="hl" data-threads="${escapeHtml(segment.threads.join(" "))}"${depth}${first}>${html}</mark>`;
    }
    out.push(html);
  }
  return out.join("");
}

function noteMarker(label: string, blockKey: string, note: string | undefined): string {
  const l = escapeHtml(label);
  if (note === undefined) {
    return `<sup data-nontext="" class="ml-0.5 font-sans text-xs"><a href="#note-${escapeHtml(encodeURIComponent(label))}" class="text-accent hover:underline" aria-label="Note ${l}">${l}</a></sup>`;
  }
  const id = escapeHtml(`notepop-${blockKey}-${label}`);
  return (
    `<sup data-nontext="" class="ml-0.5 font-sans text-xs">` +
    `<button type="button" popovertarget="${id}" class="text-accent hover:underline" aria-label="Note ${l}">${l}</button>` +
    `<span id="${id}" popover="auto" class="note-popover rounded-lg border border-stone-300 bg-white p-4 font-serif text-base leading-relaxed text-stone-900 shadow-xl backdrop:bg-black/10 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-100">` +
    `<strong class="mr-2 font-sans text-sm">Note ${l}</strong>${escapeHtml(note)}</span></sup>`
  );
}
