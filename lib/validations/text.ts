import { z } from "zod";

/**
 * Shared building blocks for anything a person types or pastes, and for ids and slugs that
 * arrive in URLs and JSON bodies. Hostile input is normal input: every value is bounded,
 * and nothing here lets a value reach PostgreSQL that it would refuse with an error (a NUL
 * byte in text, a lone surrogate in JSON), so odd input is a 4xx with a message, never a 500.
 */

// C0 controls except tab and newline, DEL, and C1 controls: never meaningful in typed text.
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Text as it should be stored: well-formed UTF-16 (lone surrogates → U+FFFD), no NUL or
 *  other control characters, Windows and old-Mac line endings as \n. Not trimmed. */
export function cleanText(value: string): string {
  return value.toWellFormed().replace(/\r\n?/g, "\n").replace(CONTROLS, "");
}

// Whitespace, controls, format characters (zero-width spaces and joiners, bidirectional
// overrides and marks, soft hyphens, BOM), combining marks with nothing to combine with,
// unassigned code points, and the blank "letters" (Hangul fillers, Braille blank).
const INVISIBLE = /[\p{White_Space}\p{Cc}\p{Cf}\p{M}\p{Cn}\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** True when the text shows at least one character a reader can see. */
export const hasVisibleText = (value: string) => value.replace(INVISIBLE, "").length > 0;

/**
 * Text a person wrote and others will read: cleaned, trimmed, at most `max` characters,
 * and (unless `optional`) showing something — a comment of zero-width spaces or a lone
 * right-to-left override is refused with `empty`.
 */
export function visibleText(options: { max: number; empty: string; tooLong: string }) {
  return z
    .string({ error: options.empty })
    .max(options.max * 4 + 1024, options.tooLong) // bound the work before cleaning
    .transform((s) => cleanText(s).trim())
    .pipe(z.string().max(options.max, options.tooLong).refine(hasVisibleText, options.empty));
}

/** Optional short text (a term, an author, a label): cleaned and trimmed, bounded; empty
 *  becomes undefined. */
export function plainText(options: { max: number; tooLong: string }) {
  return z
    .string()
    .max(options.max * 4 + 1024, options.tooLong)
    .transform((s) => cleanText(s).trim())
    .pipe(z.string().max(options.max, options.tooLong));
}

/** A database id (cuid, or the test factories' uuids): letters, digits, `_` and `-`, at most
 *  64. Anything else cannot name a row, so it is refused before a query is built. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const idSchema = (what = "id") =>
  z.string({ error: `Say which ${what}.` }).regex(ID_PATTERN, `That ${what} is not a valid id.`);

/** A URL slug as Colloquy makes them (lib/slug.ts): lower-case letters, digits and `-`. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,119}$/;
export const isSlug = (value: unknown): value is string => typeof value === "string" && SLUG_PATTERN.test(value);
