import "server-only";
import { db } from "@/lib/db";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { checkPasswordGuessAllowed, recordPasswordGuess } from "@/lib/auth/sign-in-limits";
import { AppError, fieldErrors } from "@/lib/errors";
import { changePasswordSchema } from "@/lib/validations/auth";

/**
 * Change the password, given the current one (a wrong one counts as a failed sign-in for
 * the account's backoff). Raises the session version: every session of the account ends,
 * and the caller re-issues the current one (lib/auth/reissue-session.ts).
 */
export async function changePassword(options: { userId: string; input: unknown }) {
  const parsed = changePasswordSchema.safeParse(options.input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "Check the highlighted fields.", fieldErrors(parsed.error.issues));
  const user = await db.user.findUnique({ where: { id: options.userId }, select: { email: true, passwordHash: true } });
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  await checkPasswordGuessAllowed(user.email);
  const ok = await verifyPassword(user.passwordHash, parsed.data.current);
  await recordPasswordGuess(user.email, ok);
  if (!ok) throw new AppError("INVALID_INPUT", "That is not your current password.", { current: "That is not your current password." });
  if (parsed.data.current === parsed.data.next) {
    throw new AppError("INVALID_INPUT", "Choose a new password.", { next: "Choose a password different from your current one." });
  }
  return db.user.update({
    where: { id: options.userId },
    data: { passwordHash: await hashPassword(parsed.data.next), sessionVersion: { increment: 1 } },
    select: { id: true, name: true, email: true, sessionVersion: true },
  });
}
