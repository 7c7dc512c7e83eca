import "server-only";
import { notFound, redirect } from "next/navigation";
import type { Role } from "@/generated/prisma/client";
import { getCurrentUser } from "@/lib/auth/session";
import { requireCourseRole } from "@/lib/auth/guard";
import { isAppError } from "@/lib/errors";

/** For pages: signed out → sign-in (coming back here after); not a member, or not one of
 *  `roles` → 404 page (same answer as a course that does not exist, so outsiders learn
 *  nothing). Archived courses render (read-only): pages show `course.archivedAt`. */
export async function requireCoursePage(courseSlug: string, returnTo: string, roles?: Role[]) {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  try {
    const { course, role, member } = await requireCourseRole(user.id, courseSlug, roles, { allowArchived: true });
    return { user, course, role, member };
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
}
