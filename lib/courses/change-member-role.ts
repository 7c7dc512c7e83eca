import "server-only";
import { db } from "@/lib/db";
import { requireCourseRole } from "@/lib/auth/guard";
import { AppError, fieldErrors } from "@/lib/errors";
import { changeRoleSchema } from "@/lib/validations/roster";
import { lockMemberChange } from "@/lib/courses/lock-course";
import { namesClash } from "@/lib/validations/display-name";

/** Make a member an instructor, TA or student (instructors only). The last instructor
 *  cannot be demoted — not by another, not by themselves — so a course always has one.
 *  Nobody in a course may carry the name of someone who teaches it, so a student whose name
 *  another member's would pass for is not made staff until one of them changes it. */
export async function changeMemberRole(options: { userId: string; courseSlug: string; memberId: string; input: unknown }) {
  const parsed = changeRoleSchema.safeParse(options.input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "Choose a role: student, TA or instructor.", fieldErrors(parsed.error.issues));
  const { course } = await requireCourseRole(options.userId, options.courseSlug, ["INSTRUCTOR"]);
  const role = parsed.data.role;
  return db.$transaction(async (tx) => {
    const member = await lockMemberChange(tx, { courseId: course.id, actorId: options.userId, memberId: options.memberId, endsInstructor: role !== "INSTRUCTOR" });
    if (member.role === "STUDENT" && role !== "STUDENT") {
      const others = await tx.membership.findMany({ where: { courseId: course.id, userId: { not: options.memberId } }, select: { user: { select: { name: true } } } });
      const twin = others.find((o) => namesClash(o.user.name, member.user.name));
      if (twin) {
        throw new AppError(
          "CONFLICT",
          `“${twin.user.name}”, also in this course, has a name that could pass for “${member.user.name}”. Ask one of them to change their display name (on the Account page) before making ${member.user.name} ${role === "TA" ? "a TA" : "an instructor"}.`,
        );
      }
    }
    if (member.role !== role) await tx.membership.update({ where: { id: member.id }, data: { role } });
    return { name: member.user.name, role };
  });
}
