import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import type { JWT } from "next-auth/jwt";
import { sessionTokenOf } from "@/lib/auth/decode-once";
import { AppError } from "@/lib/errors";
import { loadSessionUser, type CurrentUser } from "@/lib/auth/session-token";

export type { CurrentUser };

/** The session token from this request's cookie (`__Secure-` over HTTPS), decrypted; null
 *  when absent, forged or expired. Not yet checked against the database. */
export const readSessionToken = cache(async (): Promise<JWT | null> => {
  const cookieStore = await cookies();
  const req = {
    headers: Object.fromEntries(await headers()),
    cookies: Object.fromEntries(cookieStore.getAll().map((c) => [c.name, c.value])),
  };
  return sessionTokenOf(req as never);
});

/** The signed-in user, re-read from the database on every request (once per request);
 *  null when signed out, or when the session was ended (signed out elsewhere, password
 *  changed, account deleted). */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => loadSessionUser(await readSessionToken()));

/** For route handlers and server actions: a user, or an UNAUTHENTICATED AppError. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  return user;
}
