import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { requireCourseRole, STAFF_ROLES } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { errorResponse, readJson } from "@/lib/http";
import { cleanText } from "@/lib/validations/text";
import { db } from "@/lib/db";
import { startTask } from "@/lib/tasks/start-task";
import { parseReadingDraft } from "@/lib/readings/parse-reading-draft";
import { answerTask } from "@/lib/tasks/answer-task";
import type { Prisma } from "@/generated/prisma/client";

/** A reading draft from a 20 MB import, as JSON. */
const DRAFT_LIMIT = 40 * 1024 * 1024;

export const dynamic = "force-dynamic";

/**
 * POST …/revisions {draft, dryRun?, summary?} — preview where comments land (dryRun) or
 * publish the edit. Re-anchoring runs as a background job (queue `reading.revise`, the
 * placing in the import sandbox); the request waits for it and answers {published,
 * landings, revision?} (201 when published), or 202 {task, statusUrl} when it takes longer
 * than the wait (or at once with `Prefer: respond-async`).
 */
export async function POST(request: Request, { params }: { params: Promise<{ courseSlug: string; readingSlug: string }> }) {
  try {
    const user = await requireUser();
    const { courseSlug, readingSlug } = await params;
    const { course } = await requireCourseRole(user.id, courseSlug, STAFF_ROLES);
    const body = (await readJson(request, DRAFT_LIMIT)) as { draft?: unknown; dryRun?: unknown; summary?: unknown } | null;
    if (!body || typeof body.draft !== "object" || body.draft === null) throw new AppError("INVALID_INPUT", "Send the edited reading as {draft}.");
    // A malformed draft is refused here, before a task or a job exists for it.
    parseReadingDraft(body.draft);
    const reading = await db.reading.findFirst({ where: { courseId: course.id, slug: readingSlug }, select: { id: true } });
    if (!reading) throw new AppError("NOT_FOUND", "This reading does not exist in this course.");
    const dryRun = body.dryRun === true;
    const task = await startTask({
      userId: user.id,
      courseId: course.id,
      kind: "revise",
      readingSlug,
      input: { draft: body.draft as Prisma.InputJsonValue, dryRun, summary: typeof body.summary === "string" ? cleanText(body.summary).slice(0, 200) : null },
    });
    const response = await answerTask(request, task, `/api/courses/${course.slug}/tasks/${task.id}`, (result) => result as object, dryRun ? 200 : 201);
    if (!dryRun && response.status === 201) revalidatePath(`/courses/${course.slug}/readings/${readingSlug}`);
    return response;
  } catch (error) {
    return errorResponse(error, "POST revisions");
  }
}
