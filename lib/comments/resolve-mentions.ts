import "server-only";
import { db } from "@/lib/db";
import { mentionIdsInHtml, resolveMentionHtml } from "@/lib/comments/mentions";

/** Comment views with their mentions shown as members' current names (lib/comments/mentions.ts);
 *  one query for the whole batch. */
export async function resolveMentionsInViews<T extends { html: string | null }>(courseId: string, views: T[]): Promise<T[]> {
  const ids = new Set<string>();
  for (const v of views) if (v.html) for (const id of mentionIdsInHtml(v.html)) ids.add(id);
  if (ids.size === 0) return views;
  const members = await db.membership.findMany({ where: { courseId, userId: { in: [...ids] } }, select: { userId: true, user: { select: { name: true } } } });
  const names = new Map(members.map((m) => [m.userId, m.user.name]));
  return views.map((v) => (v.html ? { ...v, html: resolveMentionHtml(v.html, names) } : v));
}
