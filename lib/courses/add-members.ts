import "server-only";
import type { Role } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { requireCourseRole } from "@/lib/auth/guard";
import { AppError, fieldErrors } from "@/lib/errors";
import { addMembersSchema } from "@/lib/validations/roster";
import { parseRoster, type RosterRowError } from "@/lib/courses/parse-roster";
import { lockCourseAsInstructor } from "@/lib/courses/lock-course";
import { generateInviteToken, hashInviteToken, invitePath, PERSONAL_INVITE_DAYS } from "@/lib/courses/invite-token";

export interface AddMembersResult {
  /** Existing accounts, now members. */
  added: { line: number; email: string; name: string; role: Role }[];
  /** Already in the course: left as they were (roles change on the People page). */
  alreadyMembers: { line: number; email: string; name: string; role: Role }[];
  /** No account yet: a personal invitation link each (path; the page adds the origin). */
  invited: { line: number; email: string; name: string | null; role: Role; path: string; expiresAt: Date }[];
  errors: RosterRowError[];
}

/**
 * Add people from a pasted or uploaded class list (instructors only). Every good row is
 * handled and every bad row gets its own message: existing accounts join at once; an email
 * without an account gets a personal invitation link (a pending one is replaced by a fresh
 * link, so it is never duplicated). One transaction under the course lock.
 *
 * Mail: there is none yet, so the links are returned to be shown and copied. Whoever adds
 * mail enqueues one job per `invited` row inside this transaction (lib/jobs `enqueue(…,
 * { tx })`), so a link is mailed exactly when it exists.
 */
export async function addMembers(options: { userId: string; courseSlug: string; input: unknown; now?: Date }): Promise<AddMembersResult> {
  const parsed = addMembersSchema.safeParse(options.input);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error.issues);
    throw new AppError(parsed.error.issues.some((i) => i.code === "too_big") ? "TOO_LARGE" : "INVALID_INPUT", Object.values(fields)[0] ?? "Check the roster.", fields);
  }
  const { course } = await requireCourseRole(options.userId, options.courseSlug, ["INSTRUCTOR"]);
  const { rows, errors } = parseRoster(parsed.data.csv);
  const now = options.now ?? new Date();
  const expiresAt = new Date(now.getTime() + PERSONAL_INVITE_DAYS * 86_400_000);
  const result: AddMembersResult = { added: [], alreadyMembers: [], invited: [], errors };
  if (rows.length === 0) return result;

  await db.$transaction(async (tx) => {
    await lockCourseAsInstructor(tx, course.id, options.userId);
    const emails = rows.map((r) => r.email);
    const users = await tx.user.findMany({
      where: { email: { in: emails } },
      select: { id: true, email: true, name: true, memberships: { where: { courseId: course.id }, select: { role: true } } },
    });
    const byEmail = new Map(users.map((u) => [u.email, u]));
    const joining: { userId: string; courseId: string; role: Role }[] = [];
    const inviting: typeof rows = [];
    for (const row of rows) {
      const role = row.role ?? parsed.data.role;
      const user = byEmail.get(row.email);
      if (!user) inviting.push({ ...row, role });
      else if (user.memberships[0]) result.alreadyMembers.push({ line: row.line, email: row.email, name: user.name, role: user.memberships[0].role });
      else {
        joining.push({ userId: user.id, courseId: course.id, role });
        result.added.push({ line: row.line, email: row.email, name: user.name, role });
      }
    }
    if (joining.length) await tx.membership.createMany({ data: joining, skipDuplicates: true });

    if (inviting.length) {
      // A pending invitation for the same address is replaced, not doubled.
      await tx.courseInvitation.updateMany({
        where: { courseId: course.id, email: { in: inviting.map((r) => r.email) }, acceptedAt: null, revokedAt: null },
        data: { revokedAt: now },
      });
      const made = inviting.map((row) => ({ row, token: generateInviteToken() }));
      await tx.courseInvitation.createMany({
        data: made.map(({ row, token }) => ({
          courseId: course.id,
          email: row.email,
          name: row.name,
          role: row.role!,
          tokenHash: hashInviteToken(token),
          expiresAt,
          createdById: options.userId,
        })),
      });
      result.invited = made.map(({ row, token }) => ({ line: row.line, email: row.email, name: row.name, role: row.role!, path: invitePath(token), expiresAt }));
    }
  });
  return result;
}
