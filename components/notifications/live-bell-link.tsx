"use client";
import { useEffect, useState } from "react";
import Link from "next/link";
import { Bell } from "lucide-react";

/** "Notifications: 2 unread" / "none unread" / (count unknown) "Notifications". */
export function bellLabel(unread: number | null): { label: string; shown: string } {
  const shown = unread === null ? "" : unread >= 100 ? "99+" : String(unread);
  const label = unread === null ? "Notifications" : unread > 0 ? `Notifications: ${shown} unread` : "Notifications: none unread";
  return { label, shown };
}

/**
 * The bell's link, kept current without a reload: a stream of the user's own
 * `notifications.changed` pings (GET /api/notifications/events, no content), after each
 * (bursts coalesced) the count from GET /api/notifications/unread. docs/NOTIFICATIONS.md.
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
    const source = new EventSource("/api/notifications/events");
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refetch = async () => {
      const answer = await fetch("/api/notifications/unread", { cache: "no-store" }).catch(() => null);
      if (!answer?.ok) return;
      const body = (await answer.json().catch(() => null)) as { unread?: unknown } | null;
      if (typeof body?.unread === "number") setUnread(body.unread);
    };
    source.onmessage = (event: MessageEvent<string>) => {
      let kind: unknown;
      try {
        kind = (JSON.parse(event.data) as { kind?: unknown }).kind;
      } catch {
        return;
      }
      if (kind === "live.end") return source.close();
      if (kind !== "notifications.changed") return;
      clearTimeout(timer);
      timer = setTimeout(() => void refetch(), 200);
    };
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, []);
  const { label, shown } = bellLabel(unread);
  return (
    <Link href="/notifications" aria-label={label} title={label} className="relative rounded-md p-1.5 text-stone-700 hover:bg-stone-200 dark:text-stone-300 dark:hover:bg-stone-800">
      <Bell aria-hidden className="h-5 w-5" />
      {unread ? (
        <span aria-hidden className="absolute -right-1 -top-1 min-w-5 rounded-full bg-accent px-1 text-center text-xs font-semibold leading-5 text-white">
          {shown}
        </span>
      ) : null}
    </Link>
  );
}
