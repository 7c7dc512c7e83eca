import { z } from "zod";
import { cleanText, hasVisibleText, plainText, visibleText } from "@/lib/validations/text";
import { REASON_MAX } from "@/lib/validations/moderation";
import { normalizeWord, WORD_LIST_MAX_CHARS, WORD_LIST_MAX_WORDS } from "@/lib/moderation/word-list";

/** The course word list: an array of entries, or one text with an entry per line (the
 *  settings form's textarea). Each entry is cleaned, NFC-normalised and trimmed; blank
 *  lines and repeats (case-insensitively) are dropped; at most 200 entries of 64 characters. */
export const wordListSchema = z
  .union([z.array(z.string().max(WORD_LIST_MAX_CHARS * 4 + 64, `Keep each word under ${WORD_LIST_MAX_CHARS} characters.`)).max(WORD_LIST_MAX_WORDS * 2), z.string().max(WORD_LIST_MAX_WORDS * (WORD_LIST_MAX_CHARS + 2) * 2)], {
    error: "Send the word list as a list of words, or as text with one word per line.",
  })
  .transform((value, ctx) => {
    const lines = typeof value === "string" ? value.split("\n") : value;
    const seen = new Set<string>();
    const words: string[] = [];
    for (const line of lines) {
      const word = normalizeWord(cleanText(line));
      if (!word || !hasVisibleText(word)) continue;
      if (word.length > WORD_LIST_MAX_CHARS) {
        ctx.addIssue({ code: "custom", message: `“${word.slice(0, 20)}…” is too long: keep each word under ${WORD_LIST_MAX_CHARS} characters.` });
        return z.NEVER;
      }
      const key = word.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      words.push(word);
    }
    if (words.length > WORD_LIST_MAX_WORDS) {
      ctx.addIssue({ code: "custom", message: `The word list holds at most ${WORD_LIST_MAX_WORDS} words; this one has ${words.length}.` });
      return z.NEVER;
    }
    return words;
  });

export const courseModerationSchema = z.discriminatedUnion(
  "action",
  [
    z.object({ action: z.literal("premoderate-course") }).strict(),
    z.object({ action: z.literal("unpremoderate-course") }).strict(),
    z.object({ action: z.literal("word-list"), words: wordListSchema }).strict(),
  ],
  { error: "Choose what to do: premoderate-course, unpremoderate-course or word-list." },
);

/** Issue 8's reading settings, on the same endpoint: "post before you see" on/off, and
 *  anonymity to classmates following the course / allowed / not allowed. */
export const READING_PEOPLE_ACTIONS = ["post-first-on", "post-first-off", "anonymous-inherit", "anonymous-allow", "anonymous-deny"] as const;

export const readingModerationSchema = z
  .object({
    action: z.enum(["premoderate-reading", "unpremoderate-reading", "lock-reading", "unlock-reading", ...READING_PEOPLE_ACTIONS], {
      message: `Choose what to do: premoderate-reading, unpremoderate-reading, lock-reading, unlock-reading, ${READING_PEOPLE_ACTIONS.join(", ")}.`,
    }),
  })
  .strict();

/** How far ahead a mute may reach. */
export const MUTE_MAX_DAYS = 366;

export const memberModerationSchema = z.discriminatedUnion(
  "action",
  [
    z.object({ action: z.literal("premoderate-student") }).strict(),
    z.object({ action: z.literal("unpremoderate-student") }).strict(),
    z
      .object({
        action: z.literal("mute"),
        // Wall-clock "2027-03-14T23:59" in the course's time zone (as the schedule's dates).
        until: z.string({ error: "Say until when." }).max(32).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Enter a date and time like 2027-03-14 23:59."),
        reason: visibleText({ max: REASON_MAX, empty: "Say why: the student is told the reason.", tooLong: `Keep the reason under ${REASON_MAX} characters.` }),
      })
      .strict(),
    z.object({ action: z.literal("unmute"), reason: plainText({ max: REASON_MAX, tooLong: `Keep the reason under ${REASON_MAX} characters.` }).optional() }).strict(),
  ],
  { error: "Choose what to do: premoderate-student, unpremoderate-student, mute or unmute." },
);
