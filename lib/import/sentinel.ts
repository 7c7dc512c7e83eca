/**
 * Inline structure travels through the repair pipeline as private-use sentinel characters inside
 * block text, so every repair can work on plain strings and offsets are computed only once, at the end.
 *   note marker: NOTE_OPEN label NOTE_CLOSE
 *   emphasis:    EM_OPEN … EM_CLOSE, STRONG_OPEN … STRONG_CLOSE
 */
export const NOTE_OPEN = "\uE000";
export const NOTE_CLOSE = "\uE001";
export const EM_OPEN = "\uE002";
export const EM_CLOSE = "\uE003";
export const STRONG_OPEN = "\uE004";
export const STRONG_CLOSE = "\uE005";

/** Prefix of a text line the user kept (an undone line-level removal): it becomes a block of its own, marked `keep`. */
export const KEEP_LINE = "\uE0F0";

export const NOTE_RE = /\uE000([^\uE000-\uE0FF]*)\uE001/g;
export const MARK_RE = /[\uE002-\uE005]/g;
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
