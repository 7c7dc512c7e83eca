/**
 * Decrypted session tokens, by their text: decrypting derives the key from the secret
 * (HKDF) and decrypts the JWE again on every request — about a millisecond of CPU each,
 * per request. The same text always decrypts to the same claims, so they are kept (at most
 * DECODED_MAX, oldest dropped) and used until the token expires. Whether the session is
 * still live is not cached: loadSessionUser asks the database on every request. Used by
 * lib/auth/session.ts and by proxy.ts (a session's share of reads, lib/net/read-share.ts).
 */
import { decode, getToken, type JWT, type JWTDecodeParams } from "next-auth/jwt";

const DECODED_MAX = 5_000;
const decoded = new Map<string, JWT>();

export async function decodeOnce(params: JWTDecodeParams): Promise<JWT | null> {
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

/** The session token of a request (`req` as next-auth's getToken takes it: a NextRequest, or
 *  headers and cookies), from `__Secure-next-auth.session-token` or the plain cookie,
 *  decrypted once per cookie text; null when absent, forged or expired. */
export async function sessionTokenOf(req: Parameters<typeof getToken>[0]["req"]): Promise<JWT | null> {
  for (const secureCookie of [true, false]) {
    const token = await getToken({ req, secureCookie, decode: decodeOnce });
    if (token) return token;
  }
  return null;
}
