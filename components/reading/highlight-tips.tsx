"use client";
import { useEffect, useRef, useState } from "react";
import { ARTICLE_LOADED_EVENT, paragraphNumberOf, useDiscussion } from "@/components/reading/discussion-context";
import { callApi } from "@/components/reading/client-api";
import { livePassagesAt, type LivePassage } from "@/components/reading/paragraph-text";
import type { CommentView } from "@/lib/comments/comment-view";

/**
 * Passage highlights (<mark class="hl">, rendered on the server): hovering or focusing one
 * shows its thread's first line; clicking it (or Enter on a focused one) opens that thread.
 * Overlapping passages list each thread. The tips are hidden elements (#tip-<threadId>) that
 * also describe the focusable marks to screen readers (aria-describedby). They are not part
 * of the server's page: on a busy reading they were a third of its bytes, twice over (in the
 * HTML and again in the RSC payload), for text most readers never hover. This component
 * loads them right after the page (GET /api/readings/:id/discussion?only=tips, the same
 * visibility and anonymity rules) and renders them; a mark whose tip is not there yet (the
 * load is under way, or the passage is newer than it) fetches its own. A passage that
 * arrived live (painted with the CSS Highlight API until the next load) is hit-tested by
 * pointer position and behaves the same.
 */
const liveTips = new Map<string, Promise<string>>();

function liveTip(threadId: string): Promise<string> {
  let tip = liveTips.get(threadId);
  if (!tip) {
    tip = callApi<{ comment: CommentView }>(`/api/comments/${encodeURIComponent(threadId)}`).then((r) => {
      if (!r.ok) return "";
      const c = r.data.comment;
      const text = (new DOMParser().parseFromString(c.html ?? "", "text/html").body.textContent ?? "").trim().split("\n")[0] ?? "";
      return c.author ? `${c.author.name}: ${text.length > 140 ? `${text.slice(0, 139)}…` : text}` : c.state === "deleted" ? "Comment deleted" : "";
    });
    liveTips.set(threadId, tip);
  }
  return tip;
}
/** Every passage tip of the reading, as the viewer may see it: loaded once per page. */
function loadReadingTips(readingId: string): Promise<Record<string, string>> {
  return callApi<{ highlights: Record<string, { threadId: string; tip?: string }[]> }>(`/api/readings/${encodeURIComponent(readingId)}/discussion?only=tips`).then((r) => {
    const tips: Record<string, string> = {};
    if (r.ok) for (const list of Object.values(r.data.highlights)) for (const h of list) if (h.tip) tips[h.threadId] = h.tip;
    return tips;
  });
}

export function HighlightTips() {
  const { open, readingId } = useDiscussion();
  const [tip, setTip] = useState<{ lines: string[]; top: number; left: number } | null>(null);
  const [tips, setTips] = useState<Record<string, string>>({});
  const loaded = useRef<Promise<Record<string, string>> | null>(null);

  useEffect(() => {
    let live = true;
    loaded.current = loadReadingTips(readingId);
    void loaded.current.then((all) => live && setTips((now) => ({ ...all, ...now })));
    return () => {
      live = false;
    };
  }, [readingId]);

  // Each focusable highlight is described by its threads' first lines, once they are here
  // (and again when the text was loaded anew).
  useEffect(() => {
    const describe = () => {
      for (const mark of document.querySelectorAll<HTMLElement>("mark.hl[tabindex]")) {
        const ids = (mark.dataset.threads ?? "").split(" ").filter((id) => tips[id]);
        if (ids.length) mark.setAttribute("aria-describedby", ids.map((id) => `tip-${id}`).join(" "));
      }
    };
    describe();
    window.addEventListener(ARTICLE_LOADED_EVENT, describe);
    return () => window.removeEventListener(ARTICLE_LOADED_EVENT, describe);
  }, [tips]);

  useEffect(() => {
    const markOf = (t: EventTarget | null) => (t instanceof Element ? t.closest<HTMLElement>("mark.hl:not([data-gone])") : null);
    const threadsOf = (mark: HTMLElement) => (mark.dataset.threads ?? "").split(" ").filter(Boolean);
    let shown: HTMLElement | null = null;
    async function show(mark: HTMLElement) {
      shown = mark;
      const all = (await loaded.current) ?? {};
      // A passage newer than the page's tips (posted since, or arrived live) fetches its own.
      const tipOf = async (id: string) => {
        if (all[id]) return all[id];
        const line = await liveTip(id);
        if (line) setTips((now) => ({ ...now, [id]: line }));
        return line;
      };
      const lines = (await Promise.all(threadsOf(mark).map(tipOf))).filter(Boolean);
      if (shown !== mark) return;
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
    let hovered: LivePassage | null = null;
    async function showLive(p: LivePassage, x: number, y: number) {
      const line = await liveTip(p.threadId);
      if (hovered !== p || !line) return;
      setTip({ lines: [line], top: y + window.scrollY + 18, left: Math.max(8, Math.min(x + window.scrollX, document.documentElement.clientWidth - 330)) });
    }
    const over = (e: Event) => {
      const mark = markOf(e.target);
      if (mark) void show(mark);
    };
    // Live passages have no element to hover: check the pointer against their ranges.
    let frame = 0;
    const move = (e: MouseEvent) => {
      if (frame || markOf(e.target) || !(e.target instanceof Element) || !e.target.closest("[data-paragraph]")) {
        if (hovered && !(e.target instanceof Element && e.target.closest("[data-paragraph]"))) {
          hovered = null;
          setTip(null);
        }
        return;
      }
      const { clientX: x, clientY: y } = e;
      const paragraph = e.target.closest<HTMLElement>("[data-paragraph]")!;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const hit = livePassagesAt(x, y).at(-1) ?? null;
        paragraph.style.cursor = hit ? "pointer" : "";
        if (hit === hovered) return;
        hovered = hit;
        if (hit) void showLive(hit, x, y);
        else setTip(null);
      });
    };
    const out = (e: Event) => {
      if (markOf(e.target)) {
        shown = null;
        setTip(null);
      }
    };
    const click = (e: MouseEvent) => {
      const mark = markOf(e.target);
      // A drag that selected text is a selection, not a click on the highlight.
      if (document.getSelection()?.isCollapsed === false) return;
      if (mark) return go(mark);
      const live = e.target instanceof Element && e.target.closest("[data-paragraph]") ? livePassagesAt(e.clientX, e.clientY).at(-1) : undefined;
      const number = live ? paragraphNumberOf(live.blockId) : NaN;
      if (live && Number.isFinite(number)) open(live.blockId, number, { target: live.threadId });
    };
    const key = (e: KeyboardEvent) => {
      const mark = markOf(e.target);
      if (mark && (e.key === "Enter" || e.key === " ")) {
        e.preventDefault();
        go(mark);
      }
    };
    document.addEventListener("mouseover", over);
    document.addEventListener("mousemove", move, { passive: true });
    document.addEventListener("mouseout", out);
    document.addEventListener("focusin", over);
    document.addEventListener("focusout", out);
    document.addEventListener("click", click);
    document.addEventListener("keydown", key);
    return () => {
      document.removeEventListener("mouseover", over);
      document.removeEventListener("mousemove", move);
      cancelAnimationFrame(frame);
      document.removeEventListener("mouseout", out);
      document.removeEventListener("focusin", over);
      document.removeEventListener("focusout", out);
      document.removeEventListener("click", click);
      document.removeEventListener("keydown", key);
    };
  }, [open]);

  return (
    <>
      {/* What each highlight's tooltip and its screen-reader description say. */}
      <div hidden>
        {Object.entries(tips).map(([threadId, line]) => (
          <span key={threadId} id={`tip-${threadId}`}>
            {line}
          </span>
        ))}
      </div>
      {tip ? <Tooltip tip={tip} /> : null}
    </>
  );
}

function Tooltip({ tip }: { tip: { lines: string[]; top: number; left: number } }) {
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
