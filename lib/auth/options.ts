import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { loadSessionUser, revokeSession, SessionEnded } from "@/lib/auth/session-token";
import { recordSignInFailure, recordSignInSuccess } from "@/lib/auth/sign-in-limits";
import { clientIp } from "@/lib/net/client-ip";
import { signInSchema } from "@/lib/validations/auth";

export const SESSION_MAX_AGE = 30 * 24 * 60 * 60;

/**
 * next-auth with email + password. Sessions are JWTs in an http-only cookie signed with
 * NEXTAUTH_SECRET (generated on first start and kept with the data; several instances
 * must share one), `Secure` and `__Secure-`-named whenever the site is reached over HTTPS.
 * A token carries the user's id, their session version and its own session id; every
 * request re-checks all three (lib/auth/session-token.ts), so signing out, a password
 * change and a deleted account end access at once. The body-size and guessing limits sit
 * in front, in app/api/auth/[...nextauth]/route.ts.
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const ip = clientIp(new Headers((req?.headers ?? {}) as Record<string, string>));
        const parsed = signInSchema.safeParse(credentials ?? {});
        if (!parsed.success) {
          await recordSignInFailure({ ip, email: null });
          return null;
        }
        const user = await db.user.findUnique({
          where: { email: parsed.data.email },
          select: { id: true, name: true, email: true, passwordHash: true, sessionVersion: true },
        });
        // Verify against a dummy hash when the user is unknown, so timing does not reveal accounts.
        const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), parsed.data.password);
        if (!user || !ok) {
          await recordSignInFailure({ ip, email: parsed.data.email });
          return null;
        }
        await recordSignInSuccess({ ip, email: parsed.data.email });
        return { id: user.id, name: user.name, email: user.email, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        // A new session: who, which session version, and its own id (for sign-out).
        token.uid = user.id;
        token.sv = user.sessionVersion ?? 0;
        token.sid = randomUUID();
        return token;
      }
      // next-auth's own session endpoint: an ended session is cleared, not refreshed.
      if (!(await loadSessionUser(token))) throw new SessionEnded();
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      await revokeSession(token);
    },
  },
  logger: {
    error(code, metadata) {
      const cause = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
      if (cause instanceof SessionEnded) return;
      console.error(`[next-auth] ${code}`, metadata);
    },
    warn(code) {
      console.warn(`[next-auth] ${code}`);
    },
    debug() {},
  },
};

let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPassword("not-a-real-password"));
