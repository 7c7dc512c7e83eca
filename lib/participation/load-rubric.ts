import "server-only";
import { db } from "@/lib/db";
import { DEFAULT_RUBRIC, type Rubric } from "@/lib/participation/rubric";

/** The course's rubric, or the default until an instructor saves one. The caller has authorised. */
export async function loadRubric(courseId: string): Promise<Rubric & { saved: boolean }> {
  const row = await db.participationRubric.findUnique({
    where: { courseId },
    select: { points: true, minComments: true, minCommentWords: true, minReplies: true, minReplyWords: true, deadline: true, credit: true },
  });
  return row ? { ...row, saved: true } : { ...DEFAULT_RUBRIC, saved: false };
}
