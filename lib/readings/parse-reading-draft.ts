import { AppError, fieldErrors } from "@/lib/errors";
import { checkDraftConsistency, readingDraftSchema, type ReadingDraft } from "@/lib/validations/reading";

/** A reading draft (from the import preview or the editor) as sent, checked: its shape, then
 *  that every note marker and emphasis sits inside its text. Anything else is INVALID_INPUT
 *  with a sentence — before any task, row or job is made for it. */
export function parseReadingDraft(input: unknown): ReadingDraft {
  const parsed = readingDraftSchema.safeParse(input);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error.issues);
    throw new AppError("INVALID_INPUT", Object.values(fields)[0] ?? "Check the reading and try again.", fields);
  }
  const problem = checkDraftConsistency(parsed.data);
  if (problem) throw new AppError("INVALID_INPUT", problem);
  return parsed.data;
}
