import "server-only";
import { db } from "@/lib/db";
import { requireCourseRole } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { reorderSchema } from "@/lib/validations/schedule";

/** Put the course's readings in this order (instructors only). The list must name every
 *  reading of the course exactly once: if someone added or removed one meanwhile, the
 *  request is refused with a sentence rather than leaving a half-ordered schedule. */
export async function reorderReadings(options: { userId: string; courseSlug: string; input: unknown }) {
  const parsed = reorderSchema.safeParse(options.input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "Send the readings' ids in their new order.");
  const { course } = await requireCourseRole(options.userId, options.courseSlug, ["INSTRUCTOR"]);
  const ids = parsed.data.readingIds;
  await db.$transaction(async (tx) => {
    const existing = await tx.reading.findMany({ where: { courseId: course.id }, select: { id: true } });
    const known = new Set(existing.map((r) => r.id));
    if (new Set(ids).size !== ids.length || ids.length !== known.size || ids.some((id) => !known.has(id))) {
      throw new AppError("CONFLICT", "The course's readings changed since this page was loaded. Reload and try again.");
    }
    await tx.$executeRaw`
      UPDATE "Reading" AS r SET position = o.position, "updatedAt" = now()
      FROM unnest(${ids}::text[]) WITH ORDINALITY AS o(id, position)
      WHERE r.id = o.id AND r."courseId" = ${course.id}`;
  });
  return { order: ids };
}
