import "server-only";
import { AppError } from "@/lib/errors";
import { MarkdownTooLargeError, renderCommentMarkdown } from "@/lib/comments/markdown";

/** A validated comment body → its stored HTML, or a message the author can act on. */
export function renderBody(body: string): string {
  try {
    return renderCommentMarkdown(body);
  } catch (error) {
    if (error instanceof MarkdownTooLargeError) throw new AppError("INVALID_INPUT", error.message, { body: error.message });
    throw error;
  }
}
