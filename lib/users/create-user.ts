import type { Db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { AppError, fieldErrors } from "@/lib/errors";
import { signUpSchema } from "@/lib/validations/auth";

/**
 * Sign up: display name + email + password (Argon2id). No `server-only`: tests call it.
 *
 * Whether the email already has an account is not revealed: both cases hash the password
 * and run the same single INSERT … ON CONFLICT DO NOTHING, so the answer, its status and
 * its timing are the same (an existing account is left exactly as it was). `created` is
 * for the caller's logs and tests, never for the person signing up.
 */
export async function createUser(database: Db, input: unknown): Promise<{ created: boolean; email: string }> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "Check the highlighted fields.", fieldErrors(parsed.error.issues));
  const { name, email, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  const { count } = await database.user.createMany({ data: [{ name, email, passwordHash }], skipDuplicates: true });
  return { created: count === 1, email };
}
