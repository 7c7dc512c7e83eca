import "server-only";
import { rateLimit } from "@/lib/rate-limit";
import { backoff } from "@/lib/rate-limit/backoff";

/**
 * Sign-in guessing limits: attempts per client address (a window), and consecutive
 * failures per account and per address (progressive backoff — each failure past the free
 * ones doubles the wait). Accounts are keyed by the email typed, known or not, so the
 * answer never tells whether an account exists.
 */
const accountKey = (email: string) => email.trim().toLowerCase();

export async function checkSignInAllowed(options: { ip: string; email: string | null }) {
  await rateLimit("signin", options.ip);
  await backoff("signin-ip").check(options.ip);
  if (options.email) await backoff("signin-account").check(accountKey(options.email));
}

export async function recordSignInFailure(options: { ip: string; email: string | null }) {
  await Promise.all([
    backoff("signin-ip").fail(options.ip),
    options.email ? backoff("signin-account").fail(accountKey(options.email)) : null,
  ]);
}

export async function recordSignInSuccess(options: { ip: string; email: string }) {
  await Promise.all([backoff("signin-ip").succeed(options.ip), backoff("signin-account").succeed(accountKey(options.email))]);
}

/** The current password asked on the account page is a guess like any other. */
export const checkPasswordGuessAllowed = (email: string) => backoff("signin-account").check(accountKey(email));
export const recordPasswordGuess = (email: string, ok: boolean) =>
  ok ? backoff("signin-account").succeed(accountKey(email)) : backoff("signin-account").fail(accountKey(email));
