import { z } from "zod";
import { plainText, visibleText } from "@/lib/validations/text";

export const createCourseSchema = z.object({
  title: visibleText({ max: 120, empty: "Give the course a title of at least 3 characters.", tooLong: "Keep the title under 120 characters." }).refine(
    (s) => s.length >= 3,
    "Give the course a title of at least 3 characters.",
  ),
  term: plainText({ max: 60, tooLong: "Keep the term under 60 characters." })
    .optional()
    .transform((s) => s || undefined),
});

export const joinCourseSchema = z.object({
  code: z
    .string({ error: "Enter the join code your instructor gave you." })
    .max(100, "A join code is 6–12 letters and digits, like K7QM2XPA.")
    .trim()
    .toUpperCase()
    .transform((s) => s.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^[A-Z0-9]{6,12}$/, "A join code is 6–12 letters and digits, like K7QM2XPA.")),
});
