import "server-only";
import { db } from "@/lib/db";
import { AppError, fieldErrors } from "@/lib/errors";
import { slugify, uniqueSlug } from "@/lib/slug";
import { createCourseSchema } from "@/lib/validations/course";
import { generateJoinCode } from "@/lib/courses/join-code";

/** Any signed-in user can create a course and becomes its instructor. */
export async function createCourse(options: { userId: string; input: unknown }) {
  const parsed = createCourseSchema.safeParse(options.input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "Check the course details.", fieldErrors(parsed.error.issues));
  const base = slugify(parsed.data.title);
  const taken = await db.course.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } });
  return db.course.create({
    data: {
      slug: uniqueSlug(base, taken.map((c) => c.slug)),
      title: parsed.data.title,
      term: parsed.data.term,
      joinCode: generateJoinCode(),
      createdById: options.userId,
      memberships: { create: { userId: options.userId, role: "INSTRUCTOR" } },
    },
    select: { id: true, slug: true, title: true, joinCode: true },
  });
}
