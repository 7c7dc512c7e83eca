/**
 * Search snippets, safely. PostgreSQL's ts_headline marks matches with the separators we
 * give it; we give it two control characters that stored text never holds (cleanText drops
 * them, and the query strips them again before ts_headline), and cut its output into plain
 * text parts. The page renders each part as text (React escapes it) and wraps marked ones
 * in <mark> — so a comment saying `<script>` or `<mark>` is shown as typed, never as HTML.
 */
export const MARK_START = "\u0001";
export const MARK_END = "\u0002";

/** ts_headline's options: our separators, and a snippet of about one or two sentences. */
export const HEADLINE_OPTIONS = `StartSel="${MARK_START}", StopSel="${MARK_END}", MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

/** A text this short is shown whole: the fragment mode above cuts a short text to the
 *  words around its matches ("Why does the lamp flicker?" became "does the lamp flicker"). */
export const WHOLE_TEXT_MAX = 240;
/** ts_headline's options for a short text: all of it, matches marked. */
export const WHOLE_HEADLINE_OPTIONS = `StartSel="${MARK_START}", StopSel="${MARK_END}", HighlightAll=true`;

export interface SnippetPart {
  text: string;
  mark: boolean;
}

/** Split a ts_headline result into text parts, marked or not (unbalanced separators are dropped). */
export function snippetParts(headline: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let mark = false;
  let text = "";
  const flush = () => {
    if (text) parts.push({ text, mark });
    text = "";
  };
  for (const ch of headline) {
    if (ch === MARK_START) {
      flush();
      mark = true;
    } else if (ch === MARK_END) {
      flush();
      mark = false;
    } else text += ch;
  }
  flush();
  return parts;
}
