import "server-only";
import { db } from "@/lib/db";
import { requireCourseRole } from "@/lib/auth/guard";
import { STAFF_ROLES } from "@/lib/auth/membership";
import { viewComments } from "@/lib/comments/view-comments";
import type { CommentView } from "@/lib/comments/comment-view";

/** How many cards a tab shows at once (the oldest reports first). */
export const QUEUE_PAGE = 50;

export type QueueTab = "reported" | "actioned";

export interface QueueItem {
  comment: CommentView;
  reading: { slug: string; title: string };
  paragraph: number | null;
  reports: { id: string; reason: string; reporter: string; createdAt: string }[];
}

export interface AuditEntry {
  id: string;
  action: string;
  fromStatus: string;
  toStatus: string;
  reason: string | null;
  actor: string | null;
  createdAt: string;
  comment: { id: string; readingSlug: string; readingTitle: string; excerpt: string };
}

/**
 * A course's moderation queue for its instructors and TAs (the guard refuses everyone
 * else): "reported" — comments with open reports, oldest report first, each with its
 * reading, paragraph number and the reasons; "actioned" — the audit log, newest first.
 */
export async function listModerationQueue(options: { userId: string; courseSlug: string; tab: QueueTab }) {
  const { course, role } = await requireCourseRole(options.userId, options.courseSlug, STAFF_ROLES, { allowArchived: true });
  const viewer = { userId: options.userId, role };
  const [reportedCount, actionedCount] = await Promise.all([
    db.comment.count({ where: { courseId: course.id, status: { not: "DELETED" }, reports: { some: { resolvedAt: null } } } }),
    db.moderationAction.count({ where: { courseId: course.id } }),
  ]);
  const counts = { reported: reportedCount, actioned: actionedCount };
  if (options.tab === "actioned") {
    const rows = await db.moderationAction.findMany({
      where: { courseId: course.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: QUEUE_PAGE,
      select: {
        id: true,
        action: true,
        fromStatus: true,
        toStatus: true,
        reason: true,
        createdAt: true,
        actor: { select: { name: true } },
        comment: { select: { id: true, body: true, reading: { select: { slug: true, title: true } } } },
      },
    });
    const log: AuditEntry[] = rows.map((r) => ({
      id: r.id,
      action: r.action,
      fromStatus: r.fromStatus,
      toStatus: r.toStatus,
      reason: r.reason,
      actor: r.actor?.name ?? null,
      createdAt: r.createdAt.toISOString(),
      comment: { id: r.comment.id, readingSlug: r.comment.reading.slug, readingTitle: r.comment.reading.title, excerpt: r.comment.body.slice(0, 140) },
    }));
    return { course, role, counts, items: [] as QueueItem[], log };
  }
  const comments = await db.comment.findMany({
    where: { courseId: course.id, status: { not: "DELETED" }, reports: { some: { resolvedAt: null } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: QUEUE_PAGE,
    select: {
      id: true,
      reading: { select: { slug: true, title: true } },
      block: { select: { number: true } },
      reports: { where: { resolvedAt: null }, orderBy: { createdAt: "asc" }, select: { id: true, reason: true, createdAt: true, reporter: { select: { name: true } } } },
    },
  });
  const views = new Map((await viewComments({ viewer, courseId: course.id, ids: comments.map((c) => c.id) })).map((v) => [v.id, v]));
  const items: QueueItem[] = [];
  for (const c of comments) {
    const view = views.get(c.id);
    if (!view) continue;
    items.push({
      comment: view,
      reading: c.reading,
      paragraph: c.block?.number ?? null,
      reports: c.reports.map((r) => ({ id: r.id, reason: r.reason, reporter: r.reporter.name, createdAt: r.createdAt.toISOString() })),
    });
  }
  return { course, role, counts, items, log: [] as AuditEntry[] };
}
