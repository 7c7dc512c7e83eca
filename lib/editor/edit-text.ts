import type { DraftBlock } from "./block-ops";

/** `a`, or undefined when it is empty (a block without markers has no `noteRefs`). */
export const nonEmpty = <T>(a: T[] | undefined) => (a && a.length ? a : undefined);

/**
 * Replace a block's text (a typo fix). The edit is the stretch between what the old and new text
 * share at the start and at the end: markers and emphasis before it stay, those after it move with
 * their words. A marker inside the replaced stretch goes to its end; emphasis keeps only its
 * untouched part (emphasis entirely inside it goes).
 */
export function editText(blocks: DraftBlock[], i: number, text: string): DraftBlock[] {
  const block = blocks[i];
  if (!block) return blocks;
  const old = block.text;
  let p = 0;
  while (p < old.length && p < text.length && old[p] === text[p]) p++;
  let s = 0;
  while (s < old.length - p && s < text.length - p && old[old.length - 1 - s] === text[text.length - 1 - s]) s++;
  const oldEnd = old.length - s;
  const newEnd = text.length - s;
  const delta = text.length - old.length;
  const move = (o: number, side: "start" | "end") => {
    const at = o <= p ? o : o >= oldEnd ? o + delta : side === "end" ? p : newEnd;
    return Math.max(0, Math.min(text.length, at));
  };
  return blocks.map((b, j) =>
    j === i
      ? {
          ...b,
          text,
          noteRefs: nonEmpty(b.noteRefs?.map((r) => ({ ...r, offset: move(r.offset, "start") }))),
          marks: nonEmpty(b.marks?.map((m) => ({ ...m, start: move(m.start, "start"), end: move(m.end, "end") })).filter((m) => m.end > m.start)),
        }
      : b,
  );
}
