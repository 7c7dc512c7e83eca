"use client";
/**
 * A paragraph's own text in the DOM — what passage offsets count: the text nodes of the
 * [data-paragraph] element, without footnote markers ([data-nontext]), exactly the block
 * text the server checks quotes against.
 */

/** Text of `root` before the boundary (node, offset), footnote markers excluded. */
export function textBefore(root: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(root, 0);
  range.setEnd(node, offset);
  const fragment = range.cloneContents();
  fragment.querySelectorAll("[data-nontext]").forEach((n) => n.remove());
  return fragment.textContent?.length ?? 0;
}

export function paragraphText(root: HTMLElement): string {
  const clone = root.cloneNode(true) as HTMLElement;
  clone.querySelectorAll("[data-nontext]").forEach((n) => n.remove());
  return clone.textContent ?? "";
}

/** The DOM range covering [start, end) of the paragraph's own text. */
export function rangeFor(root: HTMLElement, start: number, end: number): Range | null {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement?.closest("[data-nontext]") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const range = document.createRange();
  let at = 0;
  let started = false;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const len = n.textContent?.length ?? 0;
    if (!started && start <= at + len) {
      range.setStart(n, start - at);
      started = true;
    }
    if (started && end <= at + len) {
      range.setEnd(n, end - at);
      return range;
    }
    at += len;
  }
  return null;
}

/** Paint a passage that arrived live (another reader's new thread) without touching the
 *  server-rendered text: the CSS Custom Highlight API marks a Range (where supported; the
 *  real <mark> comes with the next load). */
export function paintLivePassage(blockId: string, start: number, end: number) {
  if (typeof CSS === "undefined" || !("highlights" in CSS) || typeof Highlight === "undefined") return;
  const root = document.querySelector<HTMLElement>(`[data-block-row="${CSS.escape(blockId)}"] [data-paragraph]`);
  const range = root ? rangeFor(root, start, end) : null;
  if (!range) return;
  const highlight = CSS.highlights.get("colloquy-live") ?? new Highlight();
  highlight.add(range);
  CSS.highlights.set("colloquy-live", highlight);
}
