import { z } from "zod";
import { displayNameSchema } from "@/lib/validations/display-name";
import { cleanText } from "@/lib/validations/text";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;

export const emailSchema = z
  .string({ error: "Enter an email address like name@example.edu." })
  .max(1000, "That email address is too long.")
  .transform((s) => cleanText(s).trim().toLowerCase())
  .pipe(z.email({ error: "Enter an email address like name@example.edu." }).max(254, "That email address is too long."));

export const newPasswordSchema = z
  .string({ error: "Choose a password." })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters for your password.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`);

export const signUpSchema = z.object({
  name: displayNameSchema,
  email: emailSchema,
  password: newPasswordSchema,
});

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(1000, "That password is too long."),
});

export const changePasswordSchema = z.object({
  current: z.string({ error: "Enter your current password." }).min(1, "Enter your current password.").max(1000, "That password is too long."),
  next: newPasswordSchema,
});

export const changeNameSchema = z.object({ name: displayNameSchema });
