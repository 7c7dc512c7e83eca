import unhomoglyph from "unhomoglyph";
import { z } from "zod";
import { cleanText, hasVisibleText } from "@/lib/validations/text";

/**
 * Display names: what classmates see beside every comment, so a name must be visible text
 * and must not pass for staff. Roles are shown by badges (Instructor, TA) that only the
 * course's roster can grant; a name cannot carry a title instead:
 * - no words like Prof., Professor, Dr., Instructor, Admin, Moderator, Teaching Assistant,
 *   and no "TA" written as a title (capitals, T.A., or "(ta)") — "Ta Minh" is a name;
 * - compared after confusable letters are mapped to the ones they imitate (Cyrillic "а",
 *   Greek "Ο", full-width, accents), so look-alikes do not slip past;
 * - no invisible formatting characters (zero-width spaces, bidirectional overrides);
 *   zero-width joiners stay, because several scripts need them.
 * Equality with a staff member of a course you share is checked against the database in
 * lib/users/assert-name-available.ts, using `namesClash`.
 */

export const NAME_MAX = 80;

/** Unicode's confusable skeleton (UTS #39, from the Unicode data in `unhomoglyph`),
 *  lower-cased, accents removed. */
export function skeleton(value: string): string {
  return unhomoglyph(value.normalize("NFKD").replace(/\p{M}/gu, "")).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/** The skeleton is case-sensitive ("I" imitates "l", "M" does not imitate "rn" the way
 *  "m" does), so a name is compared in two forms: as written, and lower-cased. */
const forms = (value: string) => {
  const plain = value.normalize("NFKD").replace(/\p{M}/gu, "");
  return [...new Set([skeleton(plain), skeleton(plain.toLowerCase())])];
};
const tokens = (form: string) => form.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

const TITLE_WORDS = ["prof", "professor", "dr", "instructor", "admin", "administrator", "moderator", "colloquy"];
const TITLE_SKELETONS = new Set(TITLE_WORDS.flatMap(forms));
const TEACHING = new Set(forms("teaching"));
const ASSISTANT = new Set(forms("assistant"));

/** The title a name uses to pass for staff, or null. */
export function staffTitleIn(name: string): string | null {
  for (const form of forms(name)) {
    const words = tokens(form);
    const title = words.find((t) => TITLE_SKELETONS.has(t));
    if (title) return title;
    for (let i = 0; i + 1 < words.length; i++) if (TEACHING.has(words[i]!) && ASSISTANT.has(words[i + 1]!)) return "teaching assistant";
  }
  // "TA" as a title: capitals or dotted (compared on look-alike-mapped text), or in brackets.
  const mapped = unhomoglyph(name.normalize("NFKD").replace(/\p{M}/gu, ""));
  if (/(?<![\p{L}\p{N}])(?:TA|T\.\s?A\.?)(?![\p{L}\p{N}])/u.test(mapped)) return "TA";
  if (/[([{]\s*t\.?\s?a\.?\s*[)\]}]/iu.test(mapped)) return "TA";
  return null;
}

/** What two names are compared by: the skeleton's letters and digits, titles dropped —
 *  "Prof. Helen Marsh", "helen marsh" and "Неlen Mаrsh" (Cyrillic) share a key. Two keys,
 *  because the skeleton is case-sensitive: one from the name as written ("Ivan" ≈ "lvan"),
 *  one from it lower-cased ("HELEN" ≈ "helen"). */
export function nameKeys(name: string): string[] {
  const keys = forms(name).map((form) =>
    tokens(form)
      .filter((t) => !TITLE_SKELETONS.has(t))
      .join(""),
  );
  return [...new Set(keys)].filter(Boolean);
}

/** True when two display names would pass for each other. */
export function namesClash(a: string, b: string): boolean {
  const keys = new Set(nameKeys(a));
  return nameKeys(b).some((k) => keys.has(k));
}

const FORMATTING = /[\p{Cf}\p{Cc}]/u;
const ALLOWED_FORMATTING = /[\u200C\u200D]/gu;

export const displayNameSchema = z
  .string({ error: "Enter the name classmates will see." })
  .max(NAME_MAX * 4 + 256, `Keep your name under ${NAME_MAX} characters.`)
  .transform((s) => cleanText(s).replace(/\s+/g, " ").trim())
  .pipe(
    z
      .string()
      .min(1, "Enter the name classmates will see.")
      .max(NAME_MAX, `Keep your name under ${NAME_MAX} characters.`)
      .refine(hasVisibleText, "Enter the name classmates will see.")
      .refine((s) => !FORMATTING.test(s.replace(ALLOWED_FORMATTING, "")), "Names can't contain invisible formatting characters.")
      .refine(
        (s) => staffTitleIn(s) === null,
        "Leave titles like Prof., Dr., Instructor or TA out of your name: Colloquy shows instructors' and TAs' roles beside their names.",
      ),
  );
