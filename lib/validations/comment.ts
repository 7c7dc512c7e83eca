import { z } from "zod";

export const COMMENT_MAX = 10_000;

const body = z
  .string({ error: "Write something before posting." })
  .transform((s) => s.replace(/\r\n/g, "\n").replace(/\u0000/g, "").trim())
  .pipe(
    z
      .string()
      .min(1, "Write something before posting.")
      .max(COMMENT_MAX, `Comments can be at most ${COMMENT_MAX.toLocaleString("en")} characters — shorten it or split it into two.`),
  );

export const createCommentSchema = z.object({
  readingId: z.string().min(1),
  blockId: z.string().min(1),
  parentId: z.string().min(1).optional(),
  body,
  /** Made by the client once per comment (crypto.randomUUID()) and sent again on every
   *  retry of that post: the server makes at most one comment per key and author. */
  idempotencyKey: z.uuid({ error: "idempotencyKey must be a UUID, e.g. from crypto.randomUUID()." }).optional(),
});
export type CreateCommentInput = z.input<typeof createCommentSchema>;
