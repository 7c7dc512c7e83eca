"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { ARTICLE_LOADED_EVENT, RELOAD_ARTICLE_EVENT, useDiscussion } from "@/components/reading/discussion-context";
import { callApi } from "@/components/reading/client-api";
import { stashedArticle } from "@/components/reading/article-handoff";
import { syncMarker } from "@/components/reading/marker-html";

/**
 * The reading's text (lib/readings/article-html.ts builds it on the server). On the server
 * this renders the HTML the page stashed for this request (components/reading/article-
 * handoff.ts says why it is not a prop); in the browser it renders nothing of its own, and
 * hydration keeps the server's HTML as it is (React does not compare or replace an
 * element's inner HTML when hydrating, and never touches it while the prop stays "").
 *
 * It also loads the HTML itself when there is none or it is out of date: after a
 * client-side navigation or back/forward (the router has only the RSC payload), or when
 * `version` changed (the text or its highlights) or the discussion asks
 * (RELOAD_ARTICLE_EVENT, after the reader posted or deleted a passage comment).
 *
 * The gutter markers inside it are plain buttons: this component keeps them in step with
 * the live counts and the open panel, and opens a paragraph's discussion when one is
 * pressed (one listener for all of them).
 */
export function StaticArticle({ readingId, version, token }: { readingId: string; version: string; token: string | null }) {
  const { counts, openBlockId, open, setCounts } = useDiscussion();
  const ref = useRef<HTMLDivElement>(null);
  const [serverHtml] = useState(() => (typeof window === "undefined" && token ? (stashedArticle(token) ?? "") : ""));
  const [generation, setGeneration] = useState(0);
  // Loads may overlap (a new version and a reload request): only the latest one's answer is put in.
  const latest = useRef(0);

  const load = useCallback(
    async (signal: { live: boolean }) => {
      const el = ref.current;
      if (!el) return;
      const first = !el.querySelector("[data-article-version]");
      if (first) el.innerHTML = `<p class="px-12 text-stone-600 dark:text-stone-400" role="status">Loading the reading…</p>`;
      const ticket = ++latest.current;
      const r = await callApi<{ html: string; version: string; counts: Record<string, { total: number; fresh: number }> }>(`/api/readings/${encodeURIComponent(readingId)}/article`);
      if (!signal.live || ticket !== latest.current) return;
      if (!r.ok) {
        if (first) {
          el.innerHTML = "";
          const p = document.createElement("p");
          p.setAttribute("role", "alert");
          p.className = "px-12 text-red-700 dark:text-red-400";
          p.textContent = `The reading could not be loaded: ${r.message} Reload the page to try again.`;
          el.append(p);
        }
        return;
      }
      el.innerHTML = r.data.html;
      setCounts(r.data.counts);
      setGeneration((g) => g + 1);
      window.dispatchEvent(new CustomEvent(ARTICLE_LOADED_EVENT, { detail: { first } }));
    },
    [readingId, setCounts],
  );

  // Mounted without the server's HTML, or the page now shows another version of it.
  useEffect(() => {
    const have = ref.current?.querySelector<HTMLElement>("[data-article-version]")?.dataset.articleVersion;
    if (have === version) return;
    const signal = { live: true };
    void load(signal);
    return () => void (signal.live = false);
  }, [version, load]);

  useEffect(() => {
    const signal = { live: true };
    const reload = () => void load(signal);
    window.addEventListener(RELOAD_ARTICLE_EVENT, reload);
    return () => {
      signal.live = false;
      window.removeEventListener(RELOAD_ARTICLE_EVENT, reload);
    };
  }, [load]);

  // Markers follow the live counts, unread dots and the open paragraph.
  useEffect(() => {
    for (const button of ref.current?.querySelectorAll<HTMLButtonElement>("button[data-discuss]") ?? []) {
      const blockId = button.closest("[data-block-row]")?.getAttribute("data-block-row");
      if (!blockId) continue;
      const c = counts[blockId];
      syncMarker(button, Number(button.dataset.discuss), { count: c?.total ?? 0, fresh: c?.fresh ?? 0, open: openBlockId === blockId });
    }
  }, [counts, openBlockId, generation]);

  const onClick = (event: React.MouseEvent<HTMLDivElement>) => {
    const button = event.target instanceof Element ? event.target.closest<HTMLButtonElement>("button[data-discuss]") : null;
    const blockId = button?.closest("[data-block-row]")?.getAttribute("data-block-row");
    if (!button || !blockId || !event.currentTarget.contains(button)) return;
    open(blockId, Number(button.dataset.discuss), { opener: button });
  };

  // The click listener serves the marker buttons inside (a key press on a button arrives as a click).
  return <div ref={ref} onClick={onClick} dangerouslySetInnerHTML={{ __html: serverHtml }} suppressHydrationWarning />;
}
