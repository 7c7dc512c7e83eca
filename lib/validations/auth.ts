import { z } from "zod";

/** PostgreSQL text cannot hold U+0000: strip it from anything a person typed or pasted. */
const clean = (s: string) => s.replace(/\u0000/g, "").trim();

export const emailSchema = z
  .string()
  .transform((s) => clean(s).toLowerCase())
  .pipe(z.email({ error: "Enter an email address like name@example.edu." }));

export const signUpSchema = z.object({
  name: z
    .string()
    .transform(clean)
    .pipe(z.string().min(1, "Enter the name classmates will see.").max(80, "Keep your name under 80 characters.")),
  email: emailSchema,
  password: z.string().min(8, "Use at least 8 characters for your password.").max(200, "Use at most 200 characters."),
});

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password."),
});
