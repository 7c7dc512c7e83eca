"use client";
import { useDiscussion } from "@/components/reading/discussion-context";

/** The right-gutter marker. Always rendered and focusable (touch screens have no hover);
 *  faint when empty, stronger with discussion ("heat"), a dot when some of it is new to the
 *  reader. */
export function DiscussButton({ blockId, number }: { blockId: string; number: number }) {
  const { counts, openBlockId, open } = useDiscussion();
  const count = counts[blockId]?.total ?? 0;
  const fresh = Math.min(counts[blockId]?.fresh ?? 0, count);
  const isOpen = openBlockId === blockId;
  const heat = count === 0 ? "discuss-empty" : count < 3 ? "discuss-warm" : "discuss-hot";
  return (
    <button
      type="button"
      data-discuss={number}
      aria-label={`Discuss paragraph ${number}: ${count} ${count === 1 ? "comment" : "comments"}${fresh ? `, ${fresh} new` : ""}`}
      aria-expanded={isOpen}
      aria-controls="discussion-panel"
      onClick={(e) => open(blockId, number, { opener: e.currentTarget })}
      className={`discuss ${heat}${isOpen ? " discuss-open" : ""}`}
    >
      <Bubble filled={count > 0} />
      {count > 0 ? <span aria-hidden>{count}</span> : null}
      {fresh > 0 ? <span aria-hidden className="discuss-new" /> : null}
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
