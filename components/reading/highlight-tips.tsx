"use client";
import { useEffect, useState } from "react";
import { useDiscussion } from "@/components/reading/discussion-context";

/**
 * Passage highlights (<mark class="hl">, rendered on the server): hovering or focusing one
 * shows its thread's first line; clicking it (or Enter on a focused one) opens that thread.
 * Overlapping passages list each thread. The tips come from hidden elements the server
 * renders beside each paragraph (#tip-<threadId>), which also describe the focusable marks
 * to screen readers.
 */
export function HighlightTips() {
  const { open } = useDiscussion();
  const [tip, setTip] = useState<{ lines: string[]; top: number; left: number } | null>(null);

  useEffect(() => {
    const markOf = (t: EventTarget | null) => (t instanceof Element ? t.closest<HTMLElement>("mark.hl") : null);
    const threadsOf = (mark: HTMLElement) => (mark.dataset.threads ?? "").split(" ").filter(Boolean);
    function show(mark: HTMLElement) {
      const lines = threadsOf(mark)
        .map((id) => document.getElementById(`tip-${id}`)?.textContent ?? "")
        .filter(Boolean);
      const r = mark.getBoundingClientRect();
      setTip(lines.length ? { lines, top: r.bottom + window.scrollY + 4, left: Math.max(8, Math.min(r.left + window.scrollX, document.documentElement.clientWidth - 330)) } : null);
    }
    function go(mark: HTMLElement) {
      // The passage that starts innermost (the last listed) is the one the reader pointed at.
      const threads = threadsOf(mark);
      const threadId = threads[threads.length - 1];
      const row = mark.closest("[data-block-row]");
      const blockId = row?.getAttribute("data-block-row");
      const number = Number(row?.querySelector<HTMLElement>("[data-paragraph]")?.dataset.paragraph);
      if (threadId && blockId && Number.isFinite(number)) open(blockId, number, { opener: mark, target: threadId });
    }
    const over = (e: Event) => {
      const mark = markOf(e.target);
      if (mark) show(mark);
    };
    const out = (e: Event) => {
      if (markOf(e.target)) setTip(null);
    };
    const click = (e: MouseEvent) => {
      const mark = markOf(e.target);
      // A drag that selected text is a selection, not a click on the highlight.
      if (mark && document.getSelection()?.isCollapsed !== false) go(mark);
    };
    const key = (e: KeyboardEvent) => {
      const mark = markOf(e.target);
      if (mark && (e.key === "Enter" || e.key === " ")) {
        e.preventDefault();
        go(mark);
      }
    };
    document.addEventListener("mouseover", over);
    document.addEventListener("mouseout", out);
    document.addEventListener("focusin", over);
    document.addEventListener("focusout", out);
    document.addEventListener("click", click);
    document.addEventListener("keydown", key);
    return () => {
      document.removeEventListener("mouseover", over);
      document.removeEventListener("mouseout", out);
      document.removeEventListener("focusin", over);
      document.removeEventListener("focusout", out);
      document.removeEventListener("click", click);
      document.removeEventListener("keydown", key);
    };
  }, [open]);

  if (!tip) return null;
  return (
    <div role="tooltip" className="no-print pointer-events-none absolute z-30 max-w-xs rounded-md bg-stone-900 px-3 py-2 font-sans text-sm text-white shadow-lg dark:bg-stone-100 dark:text-stone-900" style={{ top: tip.top, left: tip.left }}>
      {tip.lines.map((l, i) => (
        <p key={i} className="line-clamp-2">
          {l}
        </p>
      ))}
    </div>
  );
}
