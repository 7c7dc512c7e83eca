"use client";
import { useDiscussion } from "@/components/reading/discussion-context";

/** The right-gutter marker. Always rendered and focusable (touch screens have no hover);
 *  faint when empty, stronger with discussion ("heat"). */
export function DiscussButton({ blockId, number }: { blockId: string; number: number }) {
  const { counts, openBlockId, open } = useDiscussion();
  const count = counts[blockId] ?? 0;
  const isOpen = openBlockId === blockId;
  const heat = count === 0 ? "discuss-empty" : count < 3 ? "discuss-warm" : "discuss-hot";
  return (
    <button
      type="button"
      data-discuss={number}
      aria-label={`Discuss paragraph ${number}: ${count} ${count === 1 ? "comment" : "comments"}`}
      aria-expanded={isOpen}
      aria-controls="discussion-panel"
      onClick={(e) => open(blockId, number, e.currentTarget)}
      className={`discuss ${heat}${isOpen ? " discuss-open" : ""}`}
    >
      <Bubble filled={count > 0} />
      {count > 0 ? <span aria-hidden>{count}</span> : null}
    </button>
  );
}

/** A speech bubble drawn with one short path: this marker repeats on every paragraph, so it
 *  stays a few bytes (the icon set's version is ~500 bytes per paragraph). */
function Bubble({ filled }: { filled: boolean }) {
  return (
    <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4" fill={filled ? "currentColor" : "none"} stroke="currentColor" strokeWidth="1.5">
      <path d="M2 3h12v8H6l-3 3v-3H2z" strokeLinejoin="round" />
    </svg>
  );
}
