"use client";
import { MessageSquare, MessageSquarePlus } from "lucide-react";
import { useDiscussion } from "@/components/reading/discussion-context";

/** The right-gutter marker. Always rendered and focusable (touch screens have no hover);
 *  faint when empty, stronger with discussion ("heat"). */
export function DiscussButton({ blockId, number, initialCount }: { blockId: string; number: number; initialCount: number }) {
  const { counts, openBlockId, open } = useDiscussion();
  const count = counts[blockId] ?? initialCount;
  const isOpen = openBlockId === blockId;
  const heat = count === 0 ? "text-stone-400 opacity-60 group-hover:opacity-100" : count < 3 ? "text-accent" : "text-accent-strong font-semibold";
  return (
    <button
      type="button"
      data-discuss={number}
      aria-label={`Discuss paragraph ${number} (${count} ${count === 1 ? "comment" : "comments"})`}
      aria-expanded={isOpen}
      aria-controls="discussion-panel"
      onClick={(e) => open(blockId, number, e.currentTarget)}
      className={`inline-flex min-h-9 min-w-9 items-center justify-center gap-1 rounded-md px-1.5 font-sans text-sm hover:bg-stone-200 focus-visible:opacity-100 dark:hover:bg-stone-800 ${heat} ${isOpen ? "bg-stone-200 opacity-100 dark:bg-stone-800" : ""}`}
    >
      {count > 0 ? <MessageSquare aria-hidden className="h-4 w-4" /> : <MessageSquarePlus aria-hidden className="h-4 w-4" />}
      {count > 0 ? <span aria-hidden>{count}</span> : null}
    </button>
  );
}
