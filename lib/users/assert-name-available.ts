import "server-only";
import { db } from "@/lib/db";
import { STAFF_ROLES } from "@/lib/auth/membership";
import { AppError } from "@/lib/errors";
import { nameKeys, namesClash } from "@/lib/validations/display-name";

/**
 * Nobody may carry the name of someone who teaches a course they are in: the name is
 * compared (confusable letters mapped, titles and spacing ignored — lib/validations/
 * display-name.ts) with the instructors and TAs of every course the user shares with them,
 * or of `courseId` when the user is about to join it.
 */
export async function assertNameAvailable(options: { userId: string; name: string; courseId?: string }) {
  if (nameKeys(options.name).length === 0) return;
  const staff = await db.membership.findMany({
    where: {
      role: { in: STAFF_ROLES },
      userId: { not: options.userId },
      course: options.courseId ? { id: options.courseId } : { memberships: { some: { userId: options.userId } } },
    },
    distinct: ["userId"],
    select: { user: { select: { name: true } } },
  });
  const clash = staff.find((m) => namesClash(m.user.name, options.name));
  if (!clash) return;
  if (options.courseId) {
    throw new AppError(
      "CONFLICT",
      `Your display name is the same as the name of someone who teaches this course (“${clash.user.name}”). Change it on your Account page — add an initial, for example — then join again.`,
      { code: "Your display name matches someone who teaches this course." },
    );
  }
  throw new AppError("INVALID_INPUT", "Check your name.", {
    name: `“${clash.user.name}” teaches one of your courses: choose a name that can't be mistaken for theirs (add an initial, for example).`,
  });
}
