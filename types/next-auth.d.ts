import "next-auth";

declare module "next-auth" {
  interface Session {
    user?: { id?: string; name?: string | null; email?: string | null; image?: string | null };
  }
  interface User {
    sessionVersion?: number;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    /** The user's id. */
    uid?: string;
    /** The user's session version when this session began (User.sessionVersion). */
    sv?: number;
    /** This session's id, stable across token refreshes; signing out revokes it. */
    sid?: string;
  }
}
