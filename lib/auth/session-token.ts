import type { JWT } from "next-auth/jwt";
import { db } from "@/lib/db";
import { publishLiveEvent } from "@/lib/live/publish";
import { userTopic } from "@/lib/live/topics";

export interface CurrentUser {
  id: string;
  name: string;
  email: string;
}

/** Thrown (and quietly logged) when a session token is no longer live. */
export class SessionEnded extends Error {
  constructor() {
    super("This session has ended.");
    this.name = "SessionEnded";
  }
}

/**
 * The user a session token belongs to, if the session is still live: the account exists,
 * its session version is the one the token carries (a password change or "sign out
 * everywhere" raises it) and this session was not signed out. One query; run on every
 * request that needs a user, so an ended session stops working at once.
 */
export async function loadSessionUser(token: JWT | null | undefined): Promise<CurrentUser | null> {
  const { uid, sv, sid } = token ?? {};
  if (typeof uid !== "string" || !uid || typeof sv !== "number" || typeof sid !== "string" || !sid) return null;
  const user = await db.user.findUnique({
    where: { id: uid },
    select: { id: true, name: true, email: true, sessionVersion: true, revokedSessions: { where: { sid }, select: { sid: true }, take: 1 } },
  });
  if (!user || user.sessionVersion !== sv || user.revokedSessions.length > 0) return null;
  return { id: user.id, name: user.name, email: user.email };
}

/** Sign-out: this session's token is refused from now on (until it would have expired). */
export async function revokeSession(token: JWT | null | undefined): Promise<void> {
  const { uid, sid, exp } = token ?? {};
  if (typeof uid !== "string" || typeof sid !== "string" || !uid || !sid) return;
  const expiresAt = new Date(typeof exp === "number" ? exp * 1000 : Date.now() + 31 * 24 * 3600 * 1000);
  // A token whose user is gone has nothing left to revoke.
  const exists = await db.user.count({ where: { id: uid } });
  if (!exists) return;
  await db.$transaction(async (tx) => {
    await tx.revokedSession.createMany({ data: [{ sid, userId: uid, expiresAt }], skipDuplicates: true });
    // Live streams opened with this session end now, not at their next minute's re-check.
    await publishLiveEvent(tx, { topic: userTopic(uid), kind: "session.ended", data: { sid }, audience: { type: "users", userIds: [uid] } });
  });
  // Revocations of tokens that have expired anyway are no longer needed.
  await db.revokedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}
