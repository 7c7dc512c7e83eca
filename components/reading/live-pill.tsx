"use client";
import { XIcon } from "@/components/ui/icons";
import type { LiveStatus } from "@/components/reading/live-client";

/**
 * Quiet news from elsewhere in the reading ("2 new comments on ¶ 14"), fixed at the bottom
 * so the text never moves under the reader; and the live connection's state when it is
 * not simply working.
 */
export function LivePill({
  items,
  status,
  endReason,
  onOpen,
  onDismiss,
}: {
  items: { blockId: string; number: number; count: number }[];
  status: LiveStatus;
  endReason: string | null;
  onOpen(item: { blockId: string; number: number }): void;
  onDismiss(): void;
}) {
  const first = items[0];
  const others = items.length - 1;
  return (
    <div className="no-print pointer-events-none fixed inset-x-0 bottom-4 z-30 flex flex-col items-center gap-2 px-4 font-sans text-sm lg:bottom-6">
      {status === "ended" ? (
        <p className="pointer-events-auto rounded-full bg-stone-800 px-4 py-2 text-white shadow-lg dark:bg-stone-200 dark:text-stone-900">
          Live updates stopped{endReason === "signed-out" || endReason === "expired" ? ": your session ended. " : ". "}
          <a href={`/signin?callbackUrl=${encodeURIComponent(typeof location === "undefined" ? "/" : location.pathname)}`} className="underline">
            Sign in again
          </a>
        </p>
      ) : status === "reconnecting" ? (
        <p role="status" className="pointer-events-auto rounded-full bg-stone-200 px-3 py-1 text-stone-700 shadow dark:bg-stone-800 dark:text-stone-200">
          Reconnecting…
        </p>
      ) : null}
      {first ? (
        <div className="pointer-events-auto flex items-center gap-1 rounded-full bg-accent text-white shadow-lg">
          <button type="button" className="rounded-l-full py-2 pl-4 pr-2 font-medium" onClick={() => onOpen(first)}>
            {first.count} new {first.count === 1 ? "comment" : "comments"} on ¶ {first.number}
            {others > 0 ? ` and ${others} more ${others === 1 ? "paragraph" : "paragraphs"}` : ""}
          </button>
          <button type="button" aria-label="Dismiss new comment notice" className="rounded-r-full py-2 pl-1 pr-3" onClick={onDismiss}>
            <XIcon className="h-4 w-4" />
          </button>
        </div>
      ) : null}
    </div>
  );
}
