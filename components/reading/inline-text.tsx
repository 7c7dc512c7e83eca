import { Fragment } from "react";
import type { Mark, NoteRef } from "@/lib/import/types";

/** A block's text with emphasis and footnote markers. Markers are not part of the text
 *  (so passage anchors never include them); they render as superscript links to the note. */
export function InlineText({
  text,
  marks,
  noteRefs,
  blockKey,
  notes,
}: {
  text: string;
  marks: Mark[];
  noteRefs: NoteRef[];
  blockKey: string;
  notes?: Map<string, string>;
}) {
  const cuts = new Set<number>([0, text.length]);
  for (const m of marks) {
    cuts.add(Math.max(0, Math.min(text.length, m.start)));
    cuts.add(Math.max(0, Math.min(text.length, m.end)));
  }
  for (const r of noteRefs) cuts.add(Math.max(0, Math.min(text.length, r.offset)));
  const points = [...cuts].sort((a, b) => a - b);
  const out: React.ReactNode[] = [];
  points.forEach((at, i) => {
    for (const ref of noteRefs.filter((r) => r.offset === at)) {
      const note = notes?.get(ref.label);
      const popId = `notepop-${blockKey}-${ref.label}`;
      // The note opens in a popover (native Popover API: no JavaScript, Esc closes it);
      // the full list of notes stays at the end of the reading.
      out.push(
        <sup key={`ref-${blockKey}-${ref.label}-${at}`} className="ml-0.5 font-sans text-xs">
          {note ? (
            <>
              <button type="button" popoverTarget={popId} className="text-accent hover:underline" aria-label={`Note ${ref.label}`}>
                {ref.label}
              </button>
              <span
                id={popId}
                popover="auto"
                className="note-popover rounded-lg border border-stone-300 bg-white p-4 font-serif text-base leading-relaxed text-stone-900 shadow-xl backdrop:bg-black/10 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-100"
              >
                <strong className="mr-2 font-sans text-sm">Note {ref.label}</strong>
                {note}
              </span>
            </>
          ) : (
            <a href={`#note-${encodeURIComponent(ref.label)}`} className="text-accent hover:underline" aria-label={`Note ${ref.label}`}>
              {ref.label}
            </a>
          )}
        </sup>,
      );
    }
    const next = points[i + 1];
    if (next === undefined || next === at) return;
    const piece = text.slice(at, next);
    const em = marks.some((m) => m.kind === "em" && m.start <= at && m.end >= next);
    const strong = marks.some((m) => m.kind === "strong" && m.start <= at && m.end >= next);
    let node: React.ReactNode = piece;
    if (em) node = <em>{node}</em>;
    if (strong) node = <strong>{node}</strong>;
    out.push(<Fragment key={`t-${at}`}>{node}</Fragment>);
  });
  return <>{out}</>;
}
