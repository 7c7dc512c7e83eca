import "server-only";
import { db } from "@/lib/db";
import { requireCourseRole, STAFF_ROLES } from "@/lib/auth/guard";

const ROLE_ORDER = { INSTRUCTOR: 0, TA: 1, STUDENT: 2 } as const;

/**
 * The People page: members with role, join date and how much they have written; pending
 * personal invitations; the shared invite link's state. Staff only (TAs read it; only
 * instructors see invitations and the link, since those let people in).
 */
export async function listRoster(options: { userId: string; courseSlug: string; now?: Date }) {
  const now = options.now ?? new Date();
  const { course, role } = await requireCourseRole(options.userId, options.courseSlug, STAFF_ROLES, { allowArchived: true });
  const [memberships, counts, invitations, link] = await Promise.all([
    db.membership.findMany({
      where: { courseId: course.id },
      select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    }),
    db.comment.groupBy({ by: ["authorId"], where: { courseId: course.id, status: { not: "DELETED" } }, _count: { _all: true } }),
    role === "INSTRUCTOR"
      ? db.courseInvitation.findMany({
          where: { courseId: course.id, acceptedAt: null, revokedAt: null },
          orderBy: [{ createdAt: "desc" }, { email: "asc" }],
          select: { id: true, email: true, name: true, role: true, createdAt: true, expiresAt: true },
        })
      : Promise.resolve([]),
    db.course.findUnique({ where: { id: course.id }, select: { inviteToken: true, inviteExpiresAt: true } }),
  ]);
  const written = new Map(counts.map((c) => [c.authorId, c._count._all]));
  const members = memberships
    .map((m) => ({ ...m.user, role: m.role, joinedAt: m.createdAt, comments: written.get(m.user.id) ?? 0 }))
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.name.localeCompare(b.name, "en", { sensitivity: "base" }));
  return {
    course,
    viewerRole: role,
    members,
    instructorCount: members.filter((m) => m.role === "INSTRUCTOR").length,
    invitations: invitations.map((i) => ({ ...i, expired: i.expiresAt <= now })),
    inviteLink:
      role === "INSTRUCTOR" && link?.inviteToken && link.inviteExpiresAt
        ? { token: link.inviteToken, expiresAt: link.inviteExpiresAt, expired: link.inviteExpiresAt <= now }
        : null,
  };
}
