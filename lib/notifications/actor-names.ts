import "server-only";
import { db } from "@/lib/db";
import { isMaskedFor, loadClassmateNames } from "@/lib/comments/anonymity";

/** What a notification needs to name who did it. */
export interface NamedNotification {
  recipientId: string;
  courseId: string;
  actorId: string | null;
  actor: { name: string } | null;
  comment: { id: string; rootId: string | null; authorId: string; anonymous: boolean } | null;
}

/**
 * The name each notification shows for who did it ("Sam Lee replied to you"), as its
 * recipient may see it: a classmate who replied or mentioned them anonymously is
 * "Classmate A" (the same pseudonym as in the thread), never their name — in the inbox and
 * in mail alike (lib/comments/anonymity.ts). Staff recipients see the real name, as they
 * do in the thread. One query for the recipients' roles and one for the pseudonyms.
 */
export async function actorNames(rows: NamedNotification[]): Promise<(string | null)[]> {
  const anonymous = rows.filter((r) => r.comment?.anonymous && r.actorId === r.comment.authorId);
  if (anonymous.length === 0) return rows.map((r) => r.actor?.name ?? null);
  const memberships = await db.membership.findMany({
    where: { OR: anonymous.map((r) => ({ userId: r.recipientId, courseId: r.courseId })) },
    select: { userId: true, courseId: true, role: true },
  });
  const roles = new Map(memberships.map((m) => [`${m.userId} ${m.courseId}`, m.role]));
  const masked = (r: NamedNotification) =>
    r.comment !== null && r.actorId === r.comment.authorId && isMaskedFor({ userId: r.recipientId, role: roles.get(`${r.recipientId} ${r.courseId}`) ?? null }, r.comment);
  const roots = [...new Set(anonymous.filter(masked).map((r) => r.comment!.rootId ?? r.comment!.id))];
  const pseudonyms = await loadClassmateNames(roots);
  return rows.map((r) => {
    if (!masked(r)) return r.actor?.name ?? null;
    const c = r.comment!;
    return pseudonyms.get(`${c.rootId ?? c.id} ${c.authorId}`) ?? "A classmate";
  });
}

