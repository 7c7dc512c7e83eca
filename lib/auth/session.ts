import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { decode, getToken, type JWT, type JWTDecodeParams } from "next-auth/jwt";
import { AppError } from "@/lib/errors";
import { loadSessionUser, type CurrentUser } from "@/lib/auth/session-token";

export type { CurrentUser };

/** Decrypted session tokens, by their text: decrypting derives the key from the secret
 *  (HKDF) and decrypts the JWE again on every request — about a millisecond of CPU each,
 *  per request. The same text always decrypts to the same claims, so they are kept (at
 *  most DECODED_MAX, oldest dropped) and used until the token expires. Whether the session
 *  is still live is not cached: loadSessionUser asks the database on every request. */
const DECODED_MAX = 5_000;
const decoded = new Map<string, JWT>();

async function decodeOnce(params: JWTDecodeParams): Promise<JWT | null> {
  const text = params.token;
  if (!text) return null;
  const known = decoded.get(text);
  if (known && typeof known.exp === "number" && known.exp * 1000 > Date.now()) return { ...known };
  if (known) decoded.delete(text);
  const token = await decode(params);
  if (token && typeof token.exp === "number") {
    if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value!);
    decoded.set(text, token);
  }
  return token ? { ...token } : null;
}

/** The session token from this request's cookie (`__Secure-` over HTTPS), decrypted; null
 *  when absent, forged or expired. Not yet checked against the database. */
export const readSessionToken = cache(async (): Promise<JWT | null> => {
  const cookieStore = await cookies();
  const req = {
    headers: Object.fromEntries(await headers()),
    cookies: Object.fromEntries(cookieStore.getAll().map((c) => [c.name, c.value])),
  };
  for (const secureCookie of [true, false]) {
    const token = await getToken({ req: req as never, secureCookie, decode: decodeOnce });
    if (token) return token;
  }
  return null;
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
