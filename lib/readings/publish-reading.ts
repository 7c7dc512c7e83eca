import "server-only";
import { db } from "@/lib/db";
import { AppError, fieldErrors } from "@/lib/errors";
import { checkDraftConsistency, readingDraftSchema } from "@/lib/validations/reading";
import { storeReading } from "@/lib/readings/store-reading";

/** Publish a previewed (and possibly edited) import as a new reading of the course. */
export async function publishReading(options: { userId: string; courseId: string; input: unknown }) {
  const parsed = readingDraftSchema.safeParse(options.input);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error.issues);
    throw new AppError("INVALID_INPUT", Object.values(fields)[0] ?? "Check the reading and try again.", fields);
  }
  const problem = checkDraftConsistency(parsed.data);
  if (problem) throw new AppError("INVALID_INPUT", problem);
  const draft = parsed.data;
  return storeReading(db, {
    courseId: options.courseId,
    imported: { ...draft, title: draft.title },
    title: draft.title,
    author: draft.author,
    source: draft.source,
    date: draft.date,
    createdById: options.userId,
  });
}
