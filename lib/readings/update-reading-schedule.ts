import "server-only";
import { db } from "@/lib/db";
import { requireCourseRole } from "@/lib/auth/guard";
import { AppError, fieldErrors } from "@/lib/errors";
import { scheduleSchema } from "@/lib/validations/schedule";
import { fromZonedInput } from "@/lib/dates";

const LABEL = { opensAt: "Opens", dueAt: "Due", closesAt: "Closes" } as const;

/**
 * Set a reading's open, due and close dates and whether it is a draft (instructors only).
 * Dates arrive as wall-clock times in the course's time zone; fields left out are kept,
 * empty ones cleared. They must come in order: opens ≤ due ≤ closes. Publishing a draft
 * stamps `publishedAt`; making it a draft again clears it.
 */
export async function updateReadingSchedule(options: { userId: string; courseSlug: string; readingSlug: string; input: unknown; now?: Date }) {
  const parsed = scheduleSchema.safeParse(options.input);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error.issues);
    throw new AppError("INVALID_INPUT", Object.values(fields)[0] ?? "Check the dates.", fields);
  }
  const { course } = await requireCourseRole(options.userId, options.courseSlug, ["INSTRUCTOR"]);
  const reading = await db.reading.findFirst({
    where: { courseId: course.id, slug: options.readingSlug },
    select: { id: true, publishedAt: true, opensAt: true, dueAt: true, closesAt: true },
  });
  if (!reading) throw new AppError("NOT_FOUND", "This reading does not exist in this course.");

  const dates = { opensAt: reading.opensAt, dueAt: reading.dueAt, closesAt: reading.closesAt };
  const fields: Record<string, string> = {};
  for (const key of ["opensAt", "dueAt", "closesAt"] as const) {
    const value = parsed.data[key];
    if (value === undefined) continue;
    if (value === null || value === "") dates[key] = null;
    else {
      const at = fromZonedInput(value, course.timeZone);
      if (!at) fields[key] = `${LABEL[key]}: “${value}” is not a date that exists.`;
      else dates[key] = at;
    }
  }
  const order: [keyof typeof dates, keyof typeof dates][] = [
    ["opensAt", "dueAt"],
    ["dueAt", "closesAt"],
    ["opensAt", "closesAt"],
  ];
  for (const [a, b] of order) {
    const x = dates[a];
    const y = dates[b];
    if (x && y && x > y && !fields[b]) fields[b] = `${LABEL[b]} must be after ${LABEL[a].toLowerCase()}.`;
  }
  if (Object.keys(fields).length) throw new AppError("INVALID_INPUT", Object.values(fields)[0]!, fields);

  const draft = parsed.data.draft;
  const publishedAt = draft === undefined ? reading.publishedAt : draft ? null : (reading.publishedAt ?? options.now ?? new Date());
  return db.reading.update({
    where: { id: reading.id },
    data: { ...dates, publishedAt },
    select: { slug: true, publishedAt: true, opensAt: true, dueAt: true, closesAt: true },
  });
}
