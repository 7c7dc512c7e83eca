import "server-only";
import type { Role } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { hashInviteToken, isInviteToken } from "@/lib/courses/invite-token";

export type InvitationState = "valid" | "expired" | "used" | "withdrawn" | "archived";

export interface InvitationView {
  kind: "personal" | "link";
  course: { slug: string; title: string; term: string | null; timeZone: string };
  role: Role;
  /** Personal invitations: the address it is for, masked (the link may be forwarded). */
  maskedEmail: string | null;
  name: string | null;
  state: InvitationState;
  expiresAt: Date;
  /** The signed-in viewer (when given) is in the course already. */
  alreadyMember: boolean;
}

/** "ada.lovelace@example.edu" → "a•••e@example.edu" */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  const local = email.slice(0, at);
  const shown = local.length <= 2 ? local.slice(0, 1) : `${local[0]}•••${local.at(-1)}`;
  return `${shown}${email.slice(at)}`;
}

/** What an invitation link leads to, for the invite page. Anyone holding the link may see
 *  this much (the course's title and the role), signed in or not; an unknown token is null. */
export async function findInvitation(options: { token: string; userId?: string; now?: Date }): Promise<InvitationView | null> {
  if (!isInviteToken(options.token)) return null;
  const now = options.now ?? new Date();
  const courseSelect = {
    slug: true,
    title: true,
    term: true,
    timeZone: true,
    archivedAt: true,
    // A user id that is not a member's matches nothing; without one, nothing is asked.
    memberships: { where: { userId: options.userId ?? "" }, select: { id: true }, take: 1 },
  } as const;
  const personal = await db.courseInvitation.findUnique({
    where: { tokenHash: hashInviteToken(options.token) },
    select: { email: true, name: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, course: { select: courseSelect } },
  });
  if (personal) {
    const { archivedAt, memberships, ...course } = personal.course;
    const state: InvitationState = personal.acceptedAt
      ? "used"
      : personal.revokedAt
        ? "withdrawn"
        : archivedAt
          ? "archived"
          : personal.expiresAt <= now
            ? "expired"
            : "valid";
    return { kind: "personal", course, role: personal.role, maskedEmail: maskEmail(personal.email), name: personal.name, state, expiresAt: personal.expiresAt, alreadyMember: memberships.length > 0 };
  }
  const linked = await db.course.findUnique({ where: { inviteToken: options.token }, select: { ...courseSelect, inviteExpiresAt: true } });
  if (!linked?.inviteExpiresAt) return null;
  const { archivedAt, inviteExpiresAt, memberships, ...course } = linked;
  const state: InvitationState = archivedAt ? "archived" : inviteExpiresAt <= now ? "expired" : "valid";
  return { kind: "link", course, role: "STUDENT", maskedEmail: null, name: null, state, expiresAt: inviteExpiresAt, alreadyMember: memberships.length > 0 };
}
