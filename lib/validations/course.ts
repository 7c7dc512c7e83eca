import { z } from "zod";

export const createCourseSchema = z.object({
  title: z.string().transform((s) => s.replace(/\u0000/g, "")).pipe(z.string().trim().min(3, "Give the course a title of at least 3 characters.").max(120, "Keep the title under 120 characters.")),
  term: z.string().transform((s) => s.replace(/\u0000/g, "").trim()).pipe(z.string().max(60, "Keep the term under 60 characters.")).optional().transform((s) => s || undefined),
});

export const joinCourseSchema = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .transform((s) => s.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^[A-Z0-9]{6,12}$/, "A join code is 6–12 letters and digits, like K7QM2XPA.")),
});
