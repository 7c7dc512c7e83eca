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

/** A passage that arrived live (another reader's new thread): painted with the CSS Custom
 *  Highlight API, without touching the server-rendered text (the real <mark> comes with the
 *  next load). Kept here so the highlight tips can hit-test it: hover shows its thread's
 *  first line, a click opens the thread, like a server-rendered mark. */
export interface LivePassage {
  threadId: string;
  blockId: string;
  range: Range;
}

const livePassages = new Map<string, LivePassage>();

function repaint() {
  if (typeof CSS === "undefined" || !("highlights" in CSS) || typeof Highlight === "undefined") return;
  if (livePassages.size === 0) {
    CSS.highlights.delete("colloquy-live");
    return;
  }
  CSS.highlights.set("colloquy-live", new Highlight(...[...livePassages.values()].map((p) => p.range)));
}

export function paintLivePassage(blockId: string, start: number, end: number, threadId: string) {
  const root = document.querySelector<HTMLElement>(`[data-block-row="${CSS.escape(blockId)}"] [data-paragraph]`);
  const range = root ? rangeFor(root, start, end) : null;
  if (!range) return;
  livePassages.set(threadId, { threadId, blockId, range });
  repaint();
}

/** A thread is gone (deleted with nothing under it, hidden): its passage stops being
 *  highlighted now — a live one is unpainted, a server-rendered <mark> is switched off
 *  (attributes only: the paragraph's markup belongs to the server render). */
export function forgetPassage(threadId: string) {
  if (livePassages.delete(threadId)) repaint();
  document.querySelectorAll<HTMLElement>(`mark.hl[data-threads~="${CSS.escape(threadId)}"]`).forEach((mark) => {
    const rest = (mark.dataset.threads ?? "").split(" ").filter((t) => t && t !== threadId);
    mark.dataset.threads = rest.join(" ");
    if (rest.length === 0) {
      mark.dataset.gone = "true";
      mark.removeAttribute("tabindex");
      mark.removeAttribute("aria-describedby");
    } else {
      mark.dataset.depth = String(Math.min(3, rest.length));
      const described = (mark.getAttribute("aria-describedby") ?? "").split(" ").filter((t) => t && t !== `tip-${threadId}`);
      if (described.length) mark.setAttribute("aria-describedby", described.join(" "));
      else mark.removeAttribute("aria-describedby");
    }
  });
}

/** Whether a thread's passage is highlighted on the page (server-rendered or live). */
export function hasPassage(threadId: string): boolean {
  return livePassages.has(threadId) || document.querySelector(`mark.hl[data-threads~="${CSS.escape(threadId)}"]:not([data-gone])`) !== null;
}

/** The live passages under a point of the viewport (innermost last: shortest range). */
export function livePassagesAt(x: number, y: number): LivePassage[] {
  const hits: LivePassage[] = [];
  for (const p of livePassages.values()) {
    if (!p.range.startContainer.isConnected) continue;
    for (const r of p.range.getClientRects()) {
      if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) {
        hits.push(p);
        break;
      }
    }
  }
  return hits.sort((a, b) => b.range.toString().length - a.range.toString().length);
}
