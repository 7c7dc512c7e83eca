import { AppError } from "@/lib/errors";
import { commentIdSchema } from "@/lib/validations/comment";

/** An id from a URL segment (a comment, a reading): a clear 404 for anything that cannot
 *  be one (NUL bytes, huge strings), before it reaches a query. */
export function idParam(value: string): string {
  const parsed = commentIdSchema.safeParse(value);
  if (!parsed.success) throw new AppError("NOT_FOUND", "This does not exist, or you cannot see it.");
  return parsed.data;
}
