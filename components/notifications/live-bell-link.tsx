"use client";
import { useEffect, useState } from "react";
import Link from "next/link";
import { BellIcon } from "@/components/ui/icons";

/** "Notifications: 2 unread" / "none unread" / (count unknown) "Notifications". */
export function bellLabel(unread: number | null): { label: string; shown: string } {
  const shown = unread === null ? "" : unread >= 100 ? "99+" : String(unread);
  const label = unread === null ? "Notifications" : unread > 0 ? `Notifications: ${shown} unread` : "Notifications: none unread";
  return { label, shown };
}

/**
 * The bell's link, kept current without a reload: while the tab is visible, a stream of the
 * user's own `notifications.changed` pings (GET /api/notifications/events, no content), after
 * each (bursts coalesced) the count from GET /api/notifications/unread. docs/NOTIFICATIONS.md.
 */
export function LiveBellLink({ initial }: { initial: number | null }) {
  const [unread, setUnread] = useState(initial);
  const [seen, setSeen] = useState(initial);
  if (seen !== initial) {
    // The server rendered the header again (navigation, refresh): follow it.
    setSeen(initial);
    setUnread(initial);
  }
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    // The stream is open only while this tab is visible: over HTTP/1.1 a browser keeps at most
    // six connections to a host, and a stream in every background tab (besides each reading
    // page's own) left new tabs unable to load. A tab coming back asks for the count once.
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ended = false;
    const refetch = async () => {
      const answer = await fetch("/api/notifications/unread", { cache: "no-store" }).catch(() => null);
      if (!answer?.ok) return;
      const body = (await answer.json().catch(() => null)) as { unread?: unknown } | null;
      if (typeof body?.unread === "number") setUnread(body.unread);
    };
    const open = () => {
      if (source || ended) return;
      source = new EventSource("/api/notifications/events");
      source.onmessage = (event: MessageEvent<string>) => {
        let kind: unknown;
        try {
          kind = (JSON.parse(event.data) as { kind?: unknown }).kind;
        } catch {
          return;
        }
        if (kind === "live.end") {
          ended = true;
          return close();
        }
        if (kind !== "notifications.changed") return;
        clearTimeout(timer);
        timer = setTimeout(() => void refetch(), 200);
      };
    };
    const close = () => {
      source?.close();
      source = null;
    };
    const follow = () => {
      if (document.visibilityState === "visible") {
        if (!source && !ended) void refetch();
        open();
      } else close();
    };
    if (document.visibilityState === "visible") open();
    document.addEventListener("visibilitychange", follow);
    return () => {
      document.removeEventListener("visibilitychange", follow);
      clearTimeout(timer);
      close();
    };
  }, []);
  const { label, shown } = bellLabel(unread);
  return (
    <Link href="/notifications" aria-label={label} title={label} className="relative rounded-md p-1.5 text-stone-700 hover:bg-stone-200 dark:text-stone-300 dark:hover:bg-stone-800">
      <BellIcon className="h-5 w-5" />
      {unread ? (
        <span aria-hidden className="absolute -right-1 -top-1 min-w-5 rounded-full bg-accent px-1 text-center text-xs font-semibold leading-5 text-white">
          {shown}
        </span>
      ) : null}
    </Link>
  );
}
