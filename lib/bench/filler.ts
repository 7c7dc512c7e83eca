/** Filler text for the benchmark's static comparison page (app/bench-static): plain English-
 *  like words, deterministic, cut into paragraphs the length of a reading's. Pure; no I/O. */

/** The largest filler the page will render (the reading page is ~200–300 KB of HTML). */
export const MAX_FILLER_BYTES = 4_000_000;
const PARAGRAPH = 600;
const WORDS = "the reader's question about a passage turns on what the author meant by this claim and whether the evidence holds in the context of the period".split(" ");

/** The `bytes` route parameter as a number: canonical decimal digits, 1 … MAX_FILLER_BYTES; otherwise null. */
export function parseFillerBytes(raw: string): number | null {
  if (!/^[1-9][0-9]{0,6}$/.test(raw)) return null;
  const n = Number(raw);
  return n <= MAX_FILLER_BYTES ? n : null;
}

/** Exactly `bytes` characters (ASCII, so also bytes) of words, in paragraphs of ~600. */
export function benchFiller(bytes: number): string[] {
  const paragraphs: string[] = [];
  let current = "";
  let total = 0;
  for (let i = 0; total < bytes; i++) {
    const word = WORDS[i % WORDS.length]!;
    const piece = current ? ` ${word}` : word;
    // A last piece cut to its leading space would end the text with a space: end on a letter.
    const take = bytes - total === 1 && current ? "s" : piece.slice(0, bytes - total);
    current += take;
    total += take.length;
    if (current.length >= PARAGRAPH) {
      paragraphs.push(current);
      current = "";
    }
  }
  if (current) paragraphs.push(current);
  return paragraphs;
}
