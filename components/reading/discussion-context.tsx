"use client";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { LiveClient, type LiveEvent, type LiveStatus } from "@/components/reading/live-client";
import { callApi } from "@/components/reading/client-api";
import { LivePill } from "@/components/reading/live-pill";
import { forgetPassage, hasPassage, paintLivePassage, paragraphText, rangeFor } from "@/components/reading/paragraph-text";

export interface BlockCount {
  total: number;
  fresh: number;
}

/** A passage chosen for a new comment (offsets into the paragraph's text). */
export interface PendingPassage {
  blockId: string;
  number: number;
  start: number;
  end: number;
  quote: string;
  /** The selection ran past the paragraph and was cut at its end. */
  clipped: boolean;
}

/** Where the panel should take the reader once it has loaded: a comment (deep link) or a
 *  passage's thread (a highlight was clicked). */
export interface PanelTarget {
  commentId: string;
  request: number;
}

type OpenOptions = { opener?: HTMLElement | null; focus?: "heading" | "composer"; target?: string; passage?: PendingPassage | null };

interface DiscussionState {
  readingId: string;
  readingPath: string;
  viewerId: string;
  openBlockId: string | null;
  openNumber: number | null;
  /** The opened paragraph's text, shown at the top of the panel so the thread has its context. */
  openExcerpt: string;
  counts: Record<string, BlockCount>;
  passage: PendingPassage | null;
  setPassage(passage: PendingPassage | null): void;
  target: PanelTarget | null;
  open(blockId: string, number: number, options?: OpenOptions): void;
  /** Where focus goes when the panel opens: the heading (a click) or the composer (`c`). */
  focusTarget: "heading" | "composer";
  /** Bumped on every open, so pressing `c` again on the open paragraph still moves focus. */
  focusRequest: number;
  close(): void;
  setCounts(counts: Record<string, BlockCount>): void;
  /** The reader has seen this paragraph's discussion. */
  markSeen(blockId: string): void;
  announce(message: string): void;
  /** Why this viewer cannot post here (reading closed, course archived); null when they can. */
  closedReason: string | null;
  /** Live events of this reading, for the panel and extensions (moderation, notifications). */
  subscribe(listener: (event: LiveEvent) => void): () => void;
  liveStatus: LiveStatus;
  /** The passage thread the reader is looking at (its highlight is shown stronger). */
  setActiveThread(threadId: string | null): void;
  /** Load the reading's text again so new passage highlights appear as <mark>s. */
  refreshReading(): void;
}

const Ctx = createContext<DiscussionState | null>(null);

/** Ask the reading's text (components/reading/static-article.tsx) to load again: new passage highlights. */
export const RELOAD_ARTICLE_EVENT = "colloquy:reload-article";
/** The browser put the text in (not on hydration; `detail.first` when the page had none, so
 *  deep links look for their paragraph again). */
export const ARTICLE_LOADED_EVENT = "colloquy:article-loaded";

export function useDiscussion() {
  const value = useContext(Ctx);
  if (!value) throw new Error("useDiscussion outside DiscussionProvider");
  return value;
}

/** The discussion, or null outside one (the composer's mention suggestions need the reading). */
export const useDiscussionIfAny = () => useContext(Ctx);

/** Subscribe to the reading's live events for as long as the component is mounted. */
export function useLiveEvents(listener: (event: LiveEvent) => void) {
  const { subscribe } = useDiscussion();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => subscribe((e) => latest.current(e)), [subscribe]);
}

const isTyping = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));

const markerFor = (blockId: string) => document.querySelector<HTMLButtonElement>(`[data-block-row="${CSS.escape(blockId)}"] button[data-discuss]`);
export const paragraphNumberOf = (blockId: string) => Number(markerFor(blockId)?.dataset.discuss ?? NaN);

/**
 * The reading page's discussion state: which paragraph's panel is open, the live comment
 * counts and unread counts, the live stream (one per page), deep links (#c-<id>,
 * #p-N:discuss), keyboard shortcuts (j/k next/previous paragraph, c discuss it, Esc close)
 * and the polite live region. Wraps the server-rendered reading; the text column shifts
 * left when the panel opens.
 */
/** A comment left the reader's view (deleted, hidden): when its thread carried a passage and
 *  the whole thread is now gone (no tombstone kept for replies), stop highlighting it. */
async function dropGonePassage(threadId: string) {
  if (!hasPassage(threadId)) return;
  const r = await callApi(`/api/comments/${encodeURIComponent(threadId)}`);
  if (!r.ok && r.status === 404) forgetPassage(threadId);
}

export function DiscussionProvider({
  readingId,
  readingPath,
  viewerId,
  initialCounts,
  livePosition,
  children,
  panel,
  closedReason = null,
}: {
  readingId: string;
  closedReason?: string | null;
  readingPath: string;
  viewerId: string;
  initialCounts: Record<string, BlockCount>;
  livePosition: string;
  children: React.ReactNode;
  panel: React.ReactNode;
}) {
  const [openBlockId, setOpenBlockId] = useState<string | null>(null);
  const [openNumber, setOpenNumber] = useState<number | null>(null);
  const [openExcerpt, setOpenExcerpt] = useState("");
  const [focusTarget, setFocusTarget] = useState<"heading" | "composer">("heading");
  const [focusRequest, setFocusRequest] = useState(0);
  const [counts, setCountsState] = useState<Record<string, BlockCount>>(initialCounts);
  const [passage, setPassage] = useState<PendingPassage | null>(null);
  const [target, setTarget] = useState<PanelTarget | null>(null);
  const [message, setMessage] = useState("");
  const [liveStatus, setLiveStatus] = useState<LiveStatus>("connecting");
  const [endReason, setEndReason] = useState<string | null>(null);
  const [elsewhere, setElsewhere] = useState<{ blockId: string; number: number; count: number }[]>([]);
  const opener = useRef<HTMLElement | null>(null);
  const listeners = useRef(new Set<(event: LiveEvent) => void>());
  const openBlockRef = useRef<string | null>(null);
  useEffect(() => {
    openBlockRef.current = openBlockId;
  }, [openBlockId]);

  const open = useCallback((blockId: string, number: number, options: OpenOptions = {}) => {
    opener.current = options.opener ?? (document.activeElement as HTMLElement | null);
    setFocusTarget(options.focus ?? "heading");
    setFocusRequest((n) => n + 1);
    setOpenBlockId(blockId);
    setOpenNumber(number);
    setPassage(options.passage ?? null);
    setTarget(options.target ? { commentId: options.target, request: Date.now() } : null);
    // The paragraph's own words: footnote markers and their popover text are not part of it.
    const paragraph = document.getElementById(`p-${number}`);
    setOpenExcerpt(paragraph ? paragraphText(paragraph).trim() : "");
    setElsewhere((list) => list.filter((e) => e.blockId !== blockId));
    // Phones: the panel is a bottom sheet over 70 % of the screen — bring the paragraph (or
    // the passage being commented on) to the top, so it stays in view above the sheet.
    if (window.matchMedia("(max-width: 1023.98px)").matches) {
      const row = document.getElementById(`p-${number}`);
      const mark = options.target ? row?.querySelector<HTMLElement>(`mark.hl[data-threads~="${CSS.escape(options.target)}"]`) : null;
      // A passage being commented on: its first line goes to the top, not the paragraph's.
      const quoted = options.passage && row ? rangeFor(row, options.passage.start, options.passage.end) : null;
      requestAnimationFrame(() => {
        const top = quoted?.getClientRects()[0]?.top;
        if (top !== undefined) window.scrollBy({ top: top - 80 });
        else (mark ?? row)?.scrollIntoView({ block: "start" });
      });
    }
    if (!location.hash.startsWith("#c-") || !options.target) history.replaceState(null, "", `#p-${number}:discuss`);
  }, []);

  const close = useCallback(() => {
    setOpenBlockId(null);
    setOpenNumber((n) => {
      if (n !== null) history.replaceState(null, "", `#p-${n}`);
      return null;
    });
    setPassage(null);
    setTarget(null);
    const back = opener.current;
    const blockId = openBlockRef.current;
    opener.current = null;
    // Return focus to the marker (or highlight) that opened the panel — or, when the text was
    // loaded anew meanwhile (a passage posted), to that paragraph's marker.
    requestAnimationFrame(() => (back?.isConnected ? back : blockId ? markerFor(blockId) : null)?.focus());
  }, []);

  // New counts from the server (a refresh after posting a passage) replace ours; the live
  // stream restarts from the position they were taken at.
  const [shownCounts, setShownCounts] = useState(initialCounts);
  if (shownCounts !== initialCounts) {
    setShownCounts(initialCounts);
    setCountsState(initialCounts);
  }

  const setCounts = useCallback((next: Record<string, BlockCount>) => setCountsState(next), []);

  // Counts have one source: the server's snapshot (taken with the live position the stream
  // starts from) plus the stream's events after it — the poster's own comments included.
  // Nothing else adds or subtracts, so nothing is counted twice or lost, whatever arrives first.
  const applyDelta = useCallback((blockId: string, delta: number) => {
    setCountsState((c) => {
      const cur = c[blockId] ?? { total: 0, fresh: 0 };
      return { ...c, [blockId]: { total: Math.max(0, cur.total + delta), fresh: Math.min(cur.fresh, Math.max(0, cur.total + delta)) } };
    });
  }, []);

  const markSeen = useCallback((blockId: string) => {
    setCountsState((c) => (c[blockId]?.fresh ? { ...c, [blockId]: { ...c[blockId]!, fresh: 0 } } : c));
  }, []);

  const announce = useCallback((text: string) => {
    setMessage("");
    requestAnimationFrame(() => setMessage(text));
  }, []);

  const subscribe = useCallback((listener: (event: LiveEvent) => void) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);

  const setActiveThread = useCallback((threadId: string | null) => {
    document.querySelectorAll("mark.hl[data-active]").forEach((m) => m.removeAttribute("data-active"));
    if (threadId) document.querySelectorAll(`mark.hl[data-threads~="${CSS.escape(threadId)}"]`).forEach((m) => m.setAttribute("data-active", "true"));
  }, []);

  const refreshReading = useCallback(() => void window.dispatchEvent(new Event(RELOAD_ARTICLE_EVENT)), []);

  // The live stream: counts and markers here; the open panel listens for its own paragraph.
  useEffect(() => {
    const reload = async () => {
      const r = await callApi<{ counts: Record<string, BlockCount> }>(`/api/readings/${readingId}/discussion`);
      if (r.ok) setCounts(r.data.counts);
    };
    const client = new LiveClient(
      `/api/readings/${readingId}/events`,
      livePosition,
      (event) => {
        if (event.kind === "live.reset" || event.kind === "discussion.changed") void reload();
        else if (event.kind.startsWith("comment.") && event.blockId && event.commentId && event.delta) {
          const blockId = event.blockId;
          applyDelta(blockId, event.delta);
          if (event.delta > 0 && !event.mine && event.kind === "comment.created" && event.passage) paintLivePassage(blockId, event.passage.start, event.passage.end, event.commentId);
          if (event.delta < 0) void dropGonePassage(event.rootId ?? event.commentId);
          if (event.delta > 0 && !event.mine && event.kind === "comment.created" && openBlockRef.current !== blockId) {
            setCountsState((c) => ({ ...c, [blockId]: { total: c[blockId]?.total ?? 1, fresh: (c[blockId]?.fresh ?? 0) + 1 } }));
            const number = paragraphNumberOf(blockId);
            if (Number.isFinite(number)) {
              setElsewhere((list) => [{ blockId, number, count: (list.find((e) => e.blockId === blockId)?.count ?? 0) + 1 }, ...list.filter((e) => e.blockId !== blockId)]);
              announce(`New ${event.rootId ? "reply" : "comment"} on paragraph ${number}.`);
              const marker = markerFor(blockId);
              marker?.classList.remove("discuss-arrived");
              void marker?.offsetWidth;
              marker?.classList.add("discuss-arrived");
            }
          }
        }
        for (const l of listeners.current) l(event);
      },
      (status, reason) => {
        setLiveStatus(status);
        if (status === "ended") setEndReason(reason ?? "ended");
      },
    );
    client.start();
    return () => client.stop();
  }, [readingId, livePosition, applyDelta, setCounts, announce]);


  // Soft background on the open paragraph so the reader keeps their place (again when the text is loaded anew).
  useEffect(() => {
    const mark = () => {
      document.querySelectorAll("[data-block-row][data-open]").forEach((el) => el.removeAttribute("data-open"));
      if (openBlockId) document.querySelector(`[data-block-row="${CSS.escape(openBlockId)}"]`)?.setAttribute("data-open", "true");
    };
    mark();
    window.addEventListener(ARTICLE_LOADED_EVENT, mark);
    return () => window.removeEventListener(ARTICLE_LOADED_EVENT, mark);
  }, [openBlockId]);

  // Deep links: #c-<id> opens the comment's thread; #p-N:discuss opens paragraph N.
  useEffect(() => {
    async function follow() {
      const hash = decodeURIComponent(location.hash.slice(1));
      const comment = /^c-([A-Za-z0-9_-]{1,64})$/.exec(hash);
      const paragraph = /^p-(\d{1,6}):discuss$/.exec(hash);
      if (paragraph) {
        const marker = document.querySelector<HTMLButtonElement>(`button[data-discuss="${paragraph[1]}"]`);
        const blockId = marker?.closest("[data-block-row]")?.getAttribute("data-block-row");
        if (marker && blockId) {
          marker.closest("[data-block-row]")?.scrollIntoView({ block: "center" });
          open(blockId, Number(paragraph[1]), { opener: marker });
        }
      } else if (comment) {
        const id = comment[1]!;
        const r = await callApi<{ comment: { blockId: string | null }; number: number | null; detached: boolean }>(`/api/comments/${id}`);
        if (!r.ok) return announce(r.status === 404 ? "That comment no longer exists, or you cannot see it." : r.message);
        if (r.data.detached) {
          document.getElementById("detached-heading")?.scrollIntoView({ block: "start" });
          window.dispatchEvent(new CustomEvent("colloquy:focus-detached", { detail: id }));
          return;
        }
        const blockId = r.data.comment.blockId;
        if (!blockId || r.data.number === null) return;
        document.querySelector(`[data-block-row="${CSS.escape(blockId)}"]`)?.scrollIntoView({ block: "center" });
        open(blockId, r.data.number, { opener: markerFor(blockId), target: id });
      }
    }
    // The text arrived after the page (a client-side navigation): the browser found nothing to
    // scroll to for #p-N or #note-…, so do it now, and follow the deep links.
    const loaded = (event: Event) => {
      if (!(event as CustomEvent<{ first: boolean }>).detail?.first) return;
      const id = decodeURIComponent(location.hash.slice(1));
      if (/^(p-\d{1,6}|note-.{1,200})$/.test(id)) document.getElementById(id)?.scrollIntoView({ block: "start" });
      void follow();
    };
    void follow();
    window.addEventListener("hashchange", follow);
    window.addEventListener(ARTICLE_LOADED_EVENT, loaded);
    return () => {
      window.removeEventListener("hashchange", follow);
      window.removeEventListener(ARTICLE_LOADED_EVENT, loaded);
    };
  }, [open, announce]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented) return;
      if (event.key === "Escape" && openBlockId) {
        event.preventDefault();
        close();
        return;
      }
      if (event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target)) return;
      const markers = [...document.querySelectorAll<HTMLButtonElement>("button[data-discuss]")];
      if (markers.length === 0) return;
      const current = markers.findIndex((m) => m.closest("[data-block-row]")?.contains(document.activeElement));
      if (event.key === "j" || event.key === "k") {
        event.preventDefault();
        const next = event.key === "j" ? Math.min(markers.length - 1, current + 1) : Math.max(0, current === -1 ? 0 : current - 1);
        const marker = markers[next];
        marker?.focus();
        marker?.closest("[data-block-row]")?.scrollIntoView({ block: "center", behavior: "smooth" });
      } else if (event.key === "c" && current >= 0) {
        event.preventDefault();
        const marker = markers[current]!;
        const number = Number(marker.dataset.discuss);
        const blockId = marker.closest("[data-block-row]")?.getAttribute("data-block-row");
        // `c` means "I want to write": land in the composer, as Hypothesis does.
        if (blockId) open(blockId, number, { opener: marker, focus: "composer" });
      }
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [openBlockId, close, open]);

  const value = useMemo<DiscussionState>(
    () => ({
      readingId,
      readingPath,
      viewerId,
      openBlockId,
      openNumber,
      openExcerpt,
      counts,
      passage,
      setPassage,
      target,
      open,
      focusTarget,
      focusRequest,
      close,
      setCounts,
      markSeen,
      announce,
      subscribe,
      liveStatus,
      setActiveThread,
      refreshReading,
      closedReason,
    }),
    [readingId, readingPath, viewerId, openBlockId, openNumber, openExcerpt, counts, passage, target, open, focusTarget, focusRequest, close, setCounts, markSeen, announce, subscribe, liveStatus, setActiveThread, refreshReading, closedReason],
  );

  return (
    <Ctx.Provider value={value}>
      <div className={`transition-[padding] duration-200 ${openBlockId ? "lg:pr-[400px]" : ""}`}>{children}</div>
      {panel}
      <LivePill
        items={elsewhere}
        status={liveStatus}
        endReason={endReason}
        onOpen={(item) => {
          const marker = markerFor(item.blockId);
          marker?.closest("[data-block-row]")?.scrollIntoView({ block: "center" });
          open(item.blockId, item.number, { opener: marker });
        }}
        onDismiss={() => setElsewhere([])}
      />
      <div aria-live="polite" role="status" className="sr-only">
        {message}
      </div>
    </Ctx.Provider>
  );
}
