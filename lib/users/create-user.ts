import type { Db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { AppError, fieldErrors } from "@/lib/errors";
import { signUpSchema } from "@/lib/validations/auth";

/** Sign up: display name + email + password (Argon2id). No `server-only`: the seed uses it too. */
export async function createUser(database: Db, input: unknown) {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "Check the highlighted fields.", fieldErrors(parsed.error.issues));
  const existing = await database.user.findUnique({ where: { email: parsed.data.email }, select: { id: true } });
  if (existing) {
    throw new AppError("CONFLICT", "An account with this email already exists. Sign in instead.", {
      email: "An account with this email already exists.",
    });
  }
  return database.user.create({
    data: { name: parsed.data.name, email: parsed.data.email, passwordHash: await hashPassword(parsed.data.password) },
    select: { id: true, name: true, email: true },
  });
}
