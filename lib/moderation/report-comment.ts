import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { AppError, fieldErrors } from "@/lib/errors";
import { findCommentForViewer } from "@/lib/comments/access";
import { canSeeComment } from "@/lib/comments/visibility";
import { reportCommentSchema } from "@/lib/validations/moderation";

/**
 * A member reports a comment they can see (not their own) to the course's staff, with a
 * reason: one report per person per comment (the unique index decides under races). The
 * report waits in the course's moderation queue until staff approve, hide or dismiss.
 * Callers rate-limit first ("report").
 */
export async function reportComment(options: { userId: string; commentId: string; input: unknown }) {
  const parsed = reportCommentSchema.safeParse(options.input);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error.issues);
    throw new AppError("INVALID_INPUT", fields.reason ?? Object.values(fields)[0] ?? "Say what is wrong with this comment.", fields);
  }
  const { comment, viewer } = await findCommentForViewer(options.userId, options.commentId);
  if (!canSeeComment(viewer, comment)) throw new AppError("NOT_FOUND", "This comment does not exist, or you cannot see it.");
  if (comment.authorId === options.userId) throw new AppError("INVALID_INPUT", "You cannot report your own comment; edit or delete it instead.");
  if (comment.status !== "VISIBLE") throw new AppError("CONFLICT", "The course staff have already acted on this comment.");
  try {
    const report = await db.commentReport.create({
      data: { courseId: comment.courseId, commentId: comment.id, reporterId: options.userId, reason: parsed.data.reason },
      select: { id: true, createdAt: true },
    });
    return { id: report.id, createdAt: report.createdAt.toISOString() };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new AppError("CONFLICT", "You have already reported this comment. The course staff will look at it.");
    throw error;
  }
}
