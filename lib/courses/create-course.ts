import "server-only";
import { db } from "@/lib/db";
import { AppError, asAppError, fieldErrors } from "@/lib/errors";
import { slugify, uniqueSlug } from "@/lib/slug";
import { createCourseSchema } from "@/lib/validations/course";
import { generateJoinCode } from "@/lib/courses/join-code";

/**
 * Any signed-in user can create a course and becomes its instructor. The slug is the
 * first free one for the title, chosen again whenever an insert loses a race for it (the
 * unique index decides), so people creating "Intro to Ethics" at once all succeed
 * (intro-to-ethics, intro-to-ethics-2, …) without holding a lock or a connection while
 * they wait. A join-code collision (one in ~10^12) is retried the same way.
 */
export async function createCourse(options: { userId: string; input: unknown }) {
  const parsed = createCourseSchema.safeParse(options.input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "Check the course details.", fieldErrors(parsed.error.issues));
  const base = slugify(parsed.data.title);
  for (let attempt = 1; ; attempt++) {
    const taken = await db.course.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } });
    // After many lost races in a row, stop counting up and add a random part.
    const slug = attempt <= 20 ? uniqueSlug(base, taken.map((c) => c.slug)) : `${base}-${generateJoinCode(6).toLowerCase()}`;
    try {
      return await db.course.create({
        data: {
          slug,
          title: parsed.data.title,
          term: parsed.data.term,
          joinCode: generateJoinCode(),
          createdById: options.userId,
          memberships: { create: { userId: options.userId, role: "INSTRUCTOR" } },
        },
        select: { id: true, slug: true, title: true, joinCode: true },
      });
    } catch (error) {
      if (attempt < 30 && asAppError(error)?.code === "CONFLICT") continue;
      throw error;
    }
  }
}
