"use client";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";

interface DiscussionState {
  readingId: string;
  openBlockId: string | null;
  openNumber: number | null;
  /** The opened paragraph's text, shown at the top of the panel so the thread has its context. */
  openExcerpt: string;
  counts: Record<string, number>;
  open(blockId: string, number: number, opener?: HTMLElement | null, focus?: "heading" | "composer"): void;
  /** Where focus goes when the panel opens: the heading (a click) or the composer (`c`). */
  focusTarget: "heading" | "composer";
  /** Bumped on every open, so pressing `c` again on the open paragraph still moves focus. */
  focusRequest: number;
  close(): void;
  setCount(blockId: string, count: number): void;
  /** One more comment on a block (functional, so concurrent posts and loads never undercount). */
  bumpCount(blockId: string): void;
  announce(message: string): void;
}

const Ctx = createContext<DiscussionState | null>(null);

export function useDiscussion() {
  const value = useContext(Ctx);
  if (!value) throw new Error("useDiscussion outside DiscussionProvider");
  return value;
}

const isTyping = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));

/**
 * Which paragraph's discussion is open, the live comment counts, keyboard shortcuts
 * (j/k next/previous paragraph, c discuss it, Esc close) and the polite live region.
 * Wraps the server-rendered reading; the text column shifts left when the panel opens.
 */
export function DiscussionProvider({
  readingId,
  initialCounts,
  children,
  panel,
}: {
  readingId: string;
  initialCounts: Record<string, number>;
  children: React.ReactNode;
  panel: React.ReactNode;
}) {
  const [openBlockId, setOpenBlockId] = useState<string | null>(null);
  const [openNumber, setOpenNumber] = useState<number | null>(null);
  const [openExcerpt, setOpenExcerpt] = useState("");
  const [focusTarget, setFocusTarget] = useState<"heading" | "composer">("heading");
  const [focusRequest, setFocusRequest] = useState(0);
  const [counts, setCounts] = useState<Record<string, number>>(initialCounts);
  const [message, setMessage] = useState("");
  const opener = useRef<HTMLElement | null>(null);

  const open = useCallback((blockId: string, number: number, from?: HTMLElement | null, focus: "heading" | "composer" = "heading") => {
    opener.current = from ?? (document.activeElement as HTMLElement | null);
    setFocusTarget(focus);
    setFocusRequest((n) => n + 1);
    setOpenBlockId(blockId);
    setOpenNumber(number);
    setOpenExcerpt((document.getElementById(`p-${number}`)?.textContent ?? "").trim());
    history.replaceState(null, "", `#p-${number}`);
  }, []);

  const close = useCallback(() => {
    setOpenBlockId(null);
    setOpenNumber(null);
    const back = opener.current;
    opener.current = null;
    // Return focus to the marker that opened the panel.
    requestAnimationFrame(() => back?.focus());
  }, []);

  const setCount = useCallback((blockId: string, count: number) => setCounts((c) => ({ ...c, [blockId]: count })), []);
  const bumpCount = useCallback((blockId: string) => setCounts((c) => ({ ...c, [blockId]: (c[blockId] ?? 0) + 1 })), []);
  const announce = useCallback((text: string) => {
    setMessage("");
    requestAnimationFrame(() => setMessage(text));
  }, []);

  // Soft background on the open paragraph so the reader keeps their place.
  useEffect(() => {
    document.querySelectorAll("[data-block-row][data-open]").forEach((el) => el.removeAttribute("data-open"));
    if (openBlockId) document.querySelector(`[data-block-row="${openBlockId}"]`)?.setAttribute("data-open", "true");
  }, [openBlockId]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
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
        const target = markers[next];
        target?.focus();
        target?.closest("[data-block-row]")?.scrollIntoView({ block: "center", behavior: "smooth" });
      } else if (event.key === "c" && current >= 0) {
        event.preventDefault();
        const marker = markers[current]!;
        const number = Number(marker.dataset.discuss);
        const blockId = marker.closest("[data-block-row]")?.getAttribute("data-block-row");
        // `c` means "I want to write": land in the composer, as Hypothesis does.
        if (blockId) open(blockId, number, marker, "composer");
      }
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [openBlockId, close, open]);

  const value = useMemo<DiscussionState>(
    () => ({ readingId, openBlockId, openNumber, openExcerpt, focusTarget, focusRequest, counts, open, close, setCount, bumpCount, announce }),
    [readingId, openBlockId, openNumber, openExcerpt, focusTarget, focusRequest, counts, open, close, setCount, bumpCount, announce],
  );

  return (
    <Ctx.Provider value={value}>
      <div className={`transition-[padding] duration-200 ${openBlockId ? "lg:pr-[400px]" : ""}`}>{children}</div>
      {panel}
      <div aria-live="polite" role="status" className="sr-only">
        {message}
      </div>
    </Ctx.Provider>
  );
}
