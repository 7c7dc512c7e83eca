"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { MessageSquarePlusIcon } from "@/components/ui/icons";
import { useDiscussion, type PendingPassage } from "@/components/reading/discussion-context";
import { paragraphText, rangeFor, textBefore } from "@/components/reading/paragraph-text";

/**
 * "Comment on selection": selecting text inside a paragraph — with a mouse, a finger, the
 * browser's caret browsing, or our keyboard selection mode (`s`) — shows a button next to
 * the selection (on `selectionchange`, not only pointer events); the button, or `c`, opens
 * that paragraph's panel with the passage quoted above the composer. A selection that runs
 * into the next paragraph is cut at the end of the first, with a note.
 *
 * Offsets count the paragraph's own text only: footnote markers ([data-nontext]) are not
 * part of it, exactly as on the server, which checks the quote against its text.
 */

type Found = PendingPassage & { rect: DOMRect };

const paragraphOf = (node: Node | null) => (node instanceof Element ? node : node?.parentElement)?.closest<HTMLElement>("[data-paragraph]") ?? null;

/** The current selection as a passage of one paragraph, or null. */
function findPassage(): Found | null {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  let root = paragraphOf(range.startContainer);
  let clipped = false;
  let startNode: Node = range.startContainer;
  let startOffset = range.startOffset;
  if (!root) {
    // Started outside any paragraph (a gutter, a heading): use the paragraph it ends in.
    root = paragraphOf(range.endContainer);
    if (!root) return null;
    startNode = root;
    startOffset = 0;
  }
  if (!root.closest(".reading-text")) return null;
  const text = paragraphText(root);
  let start = textBefore(root, startNode, startOffset);
  let end: number;
  if (root.contains(range.endContainer)) end = textBefore(root, range.endContainer, range.endOffset);
  else {
    end = text.length;
    clipped = true;
  }
  // Whole words without the spaces around them.
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end <= start) return null;
  const row = root.closest("[data-block-row]");
  const blockId = row?.getAttribute("data-block-row");
  const number = Number(root.dataset.paragraph);
  if (!blockId || !Number.isFinite(number)) return null;
  const shown = rangeFor(root, start, end);
  const rects = shown?.getClientRects();
  const rect = rects && rects.length ? rects[rects.length - 1]! : root.getBoundingClientRect();
  return { blockId, number, start, end, quote: text.slice(start, end), clipped, rect };
}

const words = (text: string): { start: number; end: number }[] => {
  const out: { start: number; end: number }[] = [];
  if (typeof Intl !== "undefined" && "Segmenter" in Intl) {
    for (const s of new Intl.Segmenter(undefined, { granularity: "word" }).segment(text)) if (s.isWordLike) out.push({ start: s.index, end: s.index + s.segment.length });
  } else {
    for (const m of text.matchAll(/\S+/g)) out.push({ start: m.index!, end: m.index! + m[0].length });
  }
  return out;
};

export function SelectionCommenter() {
  const { open, announce } = useDiscussion();
  const [found, setFound] = useState<Found | null>(null);
  const frame = useRef(0);
  // Keyboard selection mode: which paragraph, and which words [from, to] are selected.
  const keyboard = useRef<{ root: HTMLElement; words: { start: number; end: number }[]; from: number; to: number; marker: HTMLElement | null } | null>(null);

  const commentOn = useCallback(
    (passage: Found | PendingPassage) => {
      const marker = document.querySelector<HTMLButtonElement>(`[data-block-row="${CSS.escape(passage.blockId)}"] button[data-discuss]`);
      const { blockId, number, start, end, quote, clipped } = passage;
      open(blockId, number, { opener: keyboard.current?.marker ?? marker, focus: "composer", passage: { blockId, number, start, end, quote, clipped } });
      keyboard.current = null;
      document.getSelection()?.removeAllRanges();
      setFound(null);
    },
    [open],
  );

  useEffect(() => {
    const onChange = () => {
      cancelAnimationFrame(frame.current);
      frame.current = requestAnimationFrame(() => setFound(findPassage()));
    };
    document.addEventListener("selectionchange", onChange);
    return () => {
      document.removeEventListener("selectionchange", onChange);
      cancelAnimationFrame(frame.current);
    };
  }, []);

  // Keys: `c` comments on a selection; `s` starts selecting in the focused paragraph; in
  // that mode → / ← grow or shrink the end by a word, Shift+→ / Shift+← move the start,
  // Enter or c comment, Esc stops. Capture phase: these win over j/k/c of the page.
  useEffect(() => {
    function select(mode: NonNullable<typeof keyboard.current>) {
      const a = mode.words[mode.from]!;
      const b = mode.words[mode.to]!;
      const range = rangeFor(mode.root, a.start, b.end);
      if (!range) return;
      const selection = document.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      announce(`Selected: “${range.toString()}”`);
    }
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      if (event.metaKey || event.ctrlKey || event.altKey || (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)))) return;
      const mode = keyboard.current;
      if (mode) {
        const last = mode.words.length - 1;
        let handled = true;
        if (event.key === "ArrowRight" && event.shiftKey) mode.from = Math.min(mode.from + 1, mode.to);
        else if (event.key === "ArrowLeft" && event.shiftKey) mode.from = Math.max(mode.from - 1, 0);
        else if (event.key === "ArrowRight") mode.to = Math.min(mode.to + 1, last);
        else if (event.key === "ArrowLeft") mode.to = Math.max(mode.to - 1, mode.from);
        else if (event.key === "Escape") {
          keyboard.current = null;
          document.getSelection()?.removeAllRanges();
          announce("Selection cancelled.");
        } else if (event.key === "Enter" || event.key === "c") {
          const passage = findPassage();
          if (passage) commentOn(passage);
        } else handled = false;
        if (handled) {
          event.preventDefault();
          event.stopImmediatePropagation();
          if (keyboard.current) select(keyboard.current);
        }
        return;
      }
      if (event.key === "c") {
        const passage = findPassage();
        if (passage) {
          event.preventDefault();
          event.stopImmediatePropagation();
          commentOn(passage);
        }
      } else if (event.key === "s") {
        const row = document.activeElement?.closest("[data-block-row]");
        const root = row?.querySelector<HTMLElement>("[data-paragraph]");
        if (!root) return;
        const list = words(paragraphText(root));
        if (list.length === 0) return;
        event.preventDefault();
        event.stopImmediatePropagation();
        keyboard.current = { root, words: list, from: 0, to: 0, marker: document.activeElement as HTMLElement };
        select(keyboard.current);
        announce(`Selecting in paragraph ${root.dataset.paragraph}: → and ← change the end, Shift with them the start, c or Enter to comment, Escape to stop.`);
      }
    }
    document.addEventListener("keydown", onKey, true);
    return () => document.removeEventListener("keydown", onKey, true);
  }, [announce, commentOn]);

  if (!found) return null;
  // Below the selection's last line: on touch screens the browser's own menu sits above.
  const top = found.rect.bottom + window.scrollY + 6;
  const left = Math.max(8, Math.min(found.rect.right + window.scrollX - 40, document.documentElement.clientWidth - 264));
  return (
    // One solid card (button and, for a clipped selection, the note under it), so it stays
    // readable over the text it floats on.
    <div className="no-print absolute z-30 max-w-[16rem] rounded-2xl bg-white p-1 shadow-lg ring-1 ring-stone-200 dark:bg-stone-900 dark:ring-stone-700" style={{ top, left }}>
      <button
        type="button"
        // Keep the selection: a mousedown on a button would otherwise clear it.
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => commentOn(found)}
        className="inline-flex items-center gap-1.5 rounded-full bg-stone-900 px-3 py-1.5 font-sans text-sm font-medium text-white hover:bg-stone-700 dark:bg-stone-100 dark:text-stone-900"
      >
        <MessageSquarePlusIcon className="h-4 w-4" /> Comment on selection
      </button>
      {found.clipped ? <p className="px-2 pb-1 pt-1.5 font-sans text-xs text-stone-700 dark:text-stone-300">Only paragraph {found.number} is quoted.</p> : null}
    </div>
  );
}
