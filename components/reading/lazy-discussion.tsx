"use client";
import { lazy, Suspense, useEffect, useState } from "react";
import { useDiscussion } from "@/components/reading/discussion-context";

/**
 * The reading page ships the text, the markers and the live stream; the discussion panel
 * (threads, composer, Markdown preview, history) loads when a reader first opens one, and
 * the Detached list only on readings that have Detached threads — keeping the page's own
 * script small (issue 9: reading JS ≤ 120 KB gzip). React's own `lazy` + `Suspense` rather
 * than next/dynamic, whose loader machinery was ~2 KB gzip of the page's script.
 */
const loadPanel = () => import("@/components/reading/discussion-panel");
const Panel = lazy(() => loadPanel().then((m) => ({ default: m.DiscussionPanel })));

export function LazyDiscussionPanel() {
  const { openBlockId } = useDiscussion();
  const [wanted, setWanted] = useState(false);
  if (openBlockId && !wanted) setWanted(true);
  // Fetch the panel's code as soon as a reader shows intent (a marker hovered or focused,
  // text selected), so the first open is instant.
  useEffect(() => {
    const warm = (e: Event) => {
      if (e.type === "selectionchange" ? document.getSelection()?.isCollapsed === false : (e.target as Element | null)?.closest?.("button[data-discuss], mark.hl")) {
        void loadPanel();
        stop();
      }
    };
    const stop = () => ["pointerover", "focusin", "selectionchange"].forEach((t) => document.removeEventListener(t, warm));
    ["pointerover", "focusin", "selectionchange"].forEach((t) => document.addEventListener(t, warm));
    return stop;
  }, []);
  // Rendered only after the reader asked for it (never on the server).
  return wanted ? (
    <Suspense fallback={<PanelLoading />}>
      <Panel />
    </Suspense>
  ) : null;
}

function PanelLoading() {
  return (
    <aside aria-busy="true" aria-label="Discussion" className="no-print fixed inset-x-0 bottom-0 z-40 h-[70vh] rounded-t-2xl border-t border-stone-200 bg-white p-4 shadow-2xl lg:inset-x-auto lg:right-0 lg:top-14 lg:h-auto lg:w-[400px] lg:rounded-none lg:border-l lg:border-t-0 lg:shadow-none dark:border-stone-800 dark:bg-stone-900">
      <div className="h-5 w-32 animate-pulse rounded bg-stone-200 dark:bg-stone-800" />
      <div className="mt-6 h-4 w-2/3 animate-pulse rounded bg-stone-200 dark:bg-stone-800" />
      <div className="mt-3 h-4 w-1/2 animate-pulse rounded bg-stone-200 dark:bg-stone-800" />
    </aside>
  );
}

const Detached = lazy(() => import("@/components/reading/detached-comments").then((m) => ({ default: m.DetachedComments })));

/** The Detached list, rendered on the server like any component; in the browser its code
 *  loads in parallel with hydration (the server's HTML stays in place meanwhile). */
export function LazyDetachedComments(props: React.ComponentProps<typeof Detached>) {
  return (
    <Suspense fallback={null}>
      <Detached {...props} />
    </Suspense>
  );
}
