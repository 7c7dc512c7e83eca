/**
 * Inline structure travels through the repair pipeline as private-use sentinel characters inside
 * block text, so every repair can work on plain strings and offsets are computed only once, at the end.
 *   note marker: NOTE_OPEN label NOTE_CLOSE
 *   emphasis:    EM_OPEN … EM_CLOSE, STRONG_OPEN … STRONG_CLOSE
 *   strike:      STRIKE_OPEN … STRIKE_CLOSE
 */
export const NOTE_OPEN = "\uE000";
export const NOTE_CLOSE = "\uE001";
export const EM_OPEN = "\uE002";
export const EM_CLOSE = "\uE003";
export const STRONG_OPEN = "\uE004";
export const STRONG_CLOSE = "\uE005";
/** Struck-through text (Markdown ~~…~~): the words stay; the pipeline reports taking the strike off. */
export const STRIKE_OPEN = "\uE006";
export const STRIKE_CLOSE = "\uE007";

/**
 * A line ended right after this hyphen ("hy-" / "phenation", "over-" / "hastily"). The parser leaves
 * the decision — a word broken by the typesetter, or a compound broken at its own hyphen — to the
 * pipeline (repair/hyphens.ts), which sees the whole document's vocabulary.
 */
export const HYPHEN_BREAK = "\uE0F2";

/** Prefix of a text line the user kept (an undone line-level removal): it becomes a block of its own, marked `keep`. */
export const KEEP_LINE = "\uE0F0";

export const NOTE_RE = /\uE000([^\uE000-\uE0FF]*)\uE001/g;
export const MARK_RE = /[\uE002-\uE007]/g;
export const ANY_SENTINEL_RE = /[\uE000-\uE0FF]/;

export function noteMarker(label: string): string {
  return NOTE_OPEN + label + NOTE_CLOSE;
}

/** The text a reader sees: no note markers, no emphasis sentinels. */
export function plain(text: string): string {
  return text.replace(NOTE_RE, "").replace(MARK_RE, "");
}

/** Remove private-use characters that came with the input (so they cannot be mistaken for sentinels). */
export function stripPrivateUse(text: string): string {
  return text.replace(/[\uE000-\uE0FF]/g, "");
}
