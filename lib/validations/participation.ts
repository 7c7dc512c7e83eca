import { z } from "zod";
import { idSchema, visibleText } from "@/lib/validations/text";

const count = (max: number, what: string) =>
  z.coerce.number({ error: `Enter a number for ${what}.` }).int(`Use a whole number for ${what}.`).min(0, `${what} cannot be negative.`).max(max, `Keep ${what} at most ${max}.`);

export const rubricSchema = z.object({
  points: count(1000, "points").refine((n) => n > 0, "A reading is worth at least 1 point."),
  minComments: count(50, "comments"),
  minCommentWords: count(2000, "words per comment"),
  minReplies: count(50, "replies"),
  minReplyWords: count(2000, "words per reply"),
  deadline: z.enum(["DUE", "CLOSE", "NONE"], { error: "Choose which posts count: before the due date, before close, or any time." }),
  credit: z.enum(["PROPORTIONAL", "ALL_OR_NOTHING"], { error: "Choose partial or all-or-nothing credit." }),
});

export const SCORE_MAX = 1000;
export const REASON_MAX = 500;

export const gradeOverrideSchema = z.object({
  readingId: idSchema("reading"),
  studentId: idSchema("student"),
  score: z.coerce
    .number({ error: "Enter a score." })
    .min(0, "A score cannot be negative.")
    .max(SCORE_MAX, `Keep the score at most ${SCORE_MAX}.`)
    .transform((n) => Math.round(n * 100) / 100),
  // Shown beside the score: it must say something visible (not only zero-width or bidi characters).
  reason: visibleText({
    max: REASON_MAX,
    empty: "Say why you are changing the score: it is shown beside the score.",
    tooLong: `Keep the reason under ${REASON_MAX} characters.`,
  }),
});

export const clearOverrideSchema = gradeOverrideSchema.pick({ readingId: true, studentId: true });
