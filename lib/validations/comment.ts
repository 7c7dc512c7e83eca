import { z } from "zod";
import { idSchema, visibleText } from "@/lib/validations/text";
import { COMMENT_MAX, QUOTE_MAX } from "@/lib/comments/limits";

export { COMMENT_MAX, QUOTE_MAX };

// Cleaned (no NUL, lone surrogates or control characters) and visible: a comment of only
// zero-width spaces or direction marks is refused.
const body = visibleText({
  max: COMMENT_MAX,
  empty: "Write something before posting.",
  tooLong: `Comments can be at most ${COMMENT_MAX.toLocaleString("en")} characters — shorten it or split it into two.`,
});


/** A passage of the paragraph: UTF-16 offsets into its text and the text between them. */
export const passageSchema = z
  .object({
    start: z.number().int().min(0),
    end: z.number().int().min(1),
    quote: z.string().min(1).max(QUOTE_MAX, `A quoted passage can be at most ${QUOTE_MAX.toLocaleString("en")} characters — select less.`),
  })
  .refine((p) => p.end > p.start && p.end - p.start === p.quote.length, { message: "The selected passage does not match its position; select it again." });

export const createCommentSchema = z.object({
  readingId: idSchema("reading"),
  blockId: idSchema("paragraph"),
  parentId: idSchema("comment").optional(),
  body,
  passage: passageSchema.optional(),
  /** Made by the client once per comment (crypto.randomUUID()) and sent again on every
   *  retry of that post — the browser keeps it with the draft: the server makes at most one
   *  comment per key and author (lib/comments/find-posted-comment.ts). */
  idempotencyKey: z.uuid({ error: "idempotencyKey must be a UUID, e.g. from crypto.randomUUID()." }).optional(),
  /** Who sees it (thread roots; a reply takes its thread's): lib/comments/privacy.ts. */
  visibility: z.enum(["class", "instructors", "private"], { error: 'Visibility is "class", "instructors" or "private".' }).optional(),
  /** Anonymous to classmates, where the course allows it. */
  anonymous: z.boolean({ error: "anonymous is true or false." }).optional(),
});
export type CreateCommentInput = z.input<typeof createCommentSchema>;

export const editCommentSchema = z.object({ body });

export const threadSortSchema = z.enum(["text", "activity"], { error: 'Sort by "text" or "activity".' });

export const listThreadsSchema = z.object({
  blockId: idSchema("paragraph"),
  sort: threadSortSchema.default("text"),
  cursor: z.string().max(400, "That page link is not valid.").optional(),
});

export const listDetachedSchema = z.object({
  readingId: idSchema("reading"),
  cursor: z.string().max(400, "That page link is not valid.").optional(),
});

export const moreRepliesSchema = z.object({ cursor: z.string().min(1).max(400, "That page link is not valid.") });

export const markReadSchema = z.object({ blockId: idSchema("paragraph") });

export const commentIdSchema = idSchema("comment");
