import "server-only";
import { db } from "@/lib/db";

/** "Sign out everywhere else": raises the session version, so every session of the account
 *  ends; the caller re-issues the current one (lib/auth/reissue-session.ts). */
export async function endOtherSessions(options: { userId: string }) {
  return db.user.update({
    where: { id: options.userId },
    data: { sessionVersion: { increment: 1 } },
    select: { id: true, name: true, email: true, sessionVersion: true },
  });
}
