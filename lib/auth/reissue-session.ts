import "server-only";
import { randomUUID } from "node:crypto";
import { cookies, headers } from "next/headers";
import { encode } from "next-auth/jwt";
import { SESSION_MAX_AGE } from "@/lib/auth/options";
import { readSessionToken } from "@/lib/auth/session";
import { isHttpsRequest } from "@/lib/net/is-https";

const SECURE_NAME = "__Secure-next-auth.session-token";
const PLAIN_NAME = "next-auth.session-token";

/**
 * After the session version was raised (password change, "sign out everywhere else"),
 * give *this* browser a fresh token at the new version, keeping its session id: every
 * other session ends, this one goes on. For server actions (which may set cookies); the
 * cookie is the one next-auth itself sets, `Secure` over HTTPS.
 */
export async function reissueSession(user: { id: string; name: string; email: string; sessionVersion: number }) {
  const current = await readSessionToken();
  const store = await cookies();
  const secure = store.has(SECURE_NAME) || isHttpsRequest(await headers());
  const secret = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set");
  const value = await encode({
    token: { sub: user.id, name: user.name, email: user.email, uid: user.id, sv: user.sessionVersion, sid: current?.sid ?? randomUUID() },
    secret,
    maxAge: SESSION_MAX_AGE,
  });
  store.set(secure ? SECURE_NAME : PLAIN_NAME, value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure,
    expires: new Date(Date.now() + SESSION_MAX_AGE * 1000),
  });
}
