/**
 * The course word list's matcher (pure; no server-only so the unit tests and the settings
 * form can share it). A word — or a short phrase — matches where it stands as a whole
 * word: case-insensitively (Unicode case folding), with no letter, mark, digit or
 * underscore right before or after it, after both texts are put in Unicode NFC form.
 * "ass" matches "Ass!" but not "class" or "assess".
 */

export const WORD_LIST_MAX_WORDS = 200;
export const WORD_LIST_MAX_CHARS = 64;

/** One entry as stored: NFC, trimmed, inner runs of whitespace as one space. */
export function normalizeWord(word: string): string {
  return word.normalize("NFC").trim().replace(/\s+/gu, " ");
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");

// A word character for boundaries: letters, combining marks, digits, connector punctuation.
const WORD_CHAR = "[\\p{L}\\p{M}\\p{N}\\p{Pc}]";

const cache = new Map<string, RegExp | null>();

/** One regular expression for the whole list (cached by the list's contents). */
function compile(words: readonly string[]): RegExp | null {
  const key = words.join("\u0000");
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const entries = [...new Set(words.map(normalizeWord).filter((w) => w.length > 0))].sort((a, b) => b.length - a.length);
  // A space in a phrase matches any run of whitespace in the comment.
  const re = entries.length === 0 ? null : new RegExp(`(?<!${WORD_CHAR})(?:${entries.map((w) => escape(w).replace(/ /g, "\\s+")).join("|")})(?!${WORD_CHAR})`, "iu");
  if (cache.size > 100) cache.clear();
  cache.set(key, re);
  return re;
}

/** The first entry of `words` that `text` contains as a whole word (as written in the
 *  comment), or null. */
export function findListedWord(text: string, words: readonly string[]): string | null {
  const re = compile(words);
  if (!re) return null;
  const m = re.exec(text.normalize("NFC"));
  return m ? m[0] : null;
}
