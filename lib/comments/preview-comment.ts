import "server-only";
import { AppError, fieldErrors } from "@/lib/errors";
import { editCommentSchema } from "@/lib/validations/comment";
import { renderBody } from "@/lib/comments/render-body";

/** What a comment body will look like once posted (same validation and renderer). */
export function previewComment(options: { input: unknown }) {
  const parsed = editCommentSchema.safeParse(options.input);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error.issues);
    throw new AppError("INVALID_INPUT", fields.body ?? "Nothing to preview yet.", fields);
  }
  return { html: renderBody(parsed.data.body) };
}
