import "server-only";
import { db } from "@/lib/db";
import { requireCourseRole } from "@/lib/auth/guard";
import { STAFF_ROLES } from "@/lib/auth/membership";
import { viewComments } from "@/lib/comments/view-comments";
import type { CommentView } from "@/lib/comments/comment-view";

/** How many cards a tab shows at once (the oldest reports first). */
export const QUEUE_PAGE = 50;

export type QueueTab = "reported" | "pending" | "actioned";

export interface QueueItem {
  comment: CommentView;
  reading: { slug: string; title: string };
  paragraph: number | null;
  reports: { id: string; reason: string; reporter: string; createdAt: string }[];
  /** Pending tab: why it was held (the latest "hold" audit row). */
  heldBecause?: string | null;
}

export interface AuditEntry {
  id: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  reason: string | null;
  actor: string | null;
  createdAt: string;
  /** Null for settings changes (pre-moderation, word list, mutes, reading locks). */
  comment: { id: string; readingSlug: string; readingTitle: string; excerpt: string } | null;
  /** The reading a reading setting changed. */
  reading: { slug: string; title: string } | null;
  /** The student a mute or pre-moderation concerns. */
  subject: string | null;
}

/**
 * A course's moderation queue for its instructors and TAs (the guard refuses everyone
 * else): "reported" — comments with open reports, oldest report first, each with its
 * reading, paragraph number and the reasons; "actioned" — the audit log, newest first.
 */
export async function listModerationQueue(options: { userId: string; courseSlug: string; tab: QueueTab; action?: string | null }) {
  const { course, role } = await requireCourseRole(options.userId, options.courseSlug, STAFF_ROLES, { allowArchived: true });
  const viewer = { userId: options.userId, role };
  // The audit log's filter: one action name (anything else shows everything).
  const action = options.action && /^[a-z-]{1,40}$/.test(options.action) ? options.action : null;
  const [reportedCount, pendingCount, actionedCount] = await Promise.all([
    db.comment.count({ where: { courseId: course.id, status: { not: "DELETED" }, reports: { some: { resolvedAt: null } } } }),
    db.comment.count({ where: { courseId: course.id, status: "PENDING" } }),
    db.moderationAction.count({ where: { courseId: course.id } }),
  ]);
  const counts = { reported: reportedCount, pending: pendingCount, actioned: actionedCount };
  if (options.tab === "actioned") {
    const rows = await db.moderationAction.findMany({
      where: { courseId: course.id, ...(action ? { action } : {}) },
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
        reading: { select: { slug: true, title: true } },
        subjectUser: { select: { name: true } },
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
      comment: r.comment ? { id: r.comment.id, readingSlug: r.comment.reading.slug, readingTitle: r.comment.reading.title, excerpt: r.comment.body.slice(0, 140) } : null,
      reading: r.reading,
      subject: r.subjectUser?.name ?? null,
    }));
    return { course, role, counts, action, items: [] as QueueItem[], log };
  }
  const pending = options.tab === "pending";
  const comments = await db.comment.findMany({
    where: pending ? { courseId: course.id, status: "PENDING" } : { courseId: course.id, status: { not: "DELETED" }, reports: { some: { resolvedAt: null } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: QUEUE_PAGE,
    select: {
      id: true,
      reading: { select: { slug: true, title: true } },
      block: { select: { number: true } },
      reports: { where: { resolvedAt: null }, orderBy: { createdAt: "asc" }, select: { id: true, reason: true, createdAt: true, reporter: { select: { name: true } } } },
      moderationActions: { where: { action: "hold" }, orderBy: { createdAt: "desc" }, take: 1, select: { reason: true } },
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
      heldBecause: c.moderationActions[0]?.reason ?? null,
    });
  }
  return { course, role, counts, action, items, log: [] as AuditEntry[] };
}
