import "server-only";
import { db } from "@/lib/db";
import { AppError, fieldErrors } from "@/lib/errors";
import { markReadSchema } from "@/lib/validations/comment";
import { findDiscussableBlock } from "@/lib/comments/access";
import { shownRootSql } from "@/lib/comments/visibility";

/** Opening a paragraph's discussion marks its threads read for the user (unread counts on
 *  the markers, the course page, and the "New" flags in threads start from here). */
export async function markThreadsRead(options: { userId: string; input: unknown }) {
  const parsed = markReadSchema.safeParse(options.input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", Object.values(fieldErrors(parsed.error.issues))[0] ?? "Say which paragraph.");
  const { block, viewer } = await findDiscussableBlock(options.userId, parsed.data.blockId);
  const marked = await db.$executeRaw`
    INSERT INTO "ThreadRead" ("userId", "rootId", "readingId", "readAt")
    SELECT ${options.userId}, c."id", c."readingId", now() FROM "Comment" c
    WHERE c."blockId" = ${block.id} AND c."parentId" IS NULL AND ${shownRootSql(viewer, "c")}
    ON CONFLICT ("userId", "rootId") DO UPDATE SET "readAt" = EXCLUDED."readAt"`;
  return { blockId: block.id, threads: marked };
}
