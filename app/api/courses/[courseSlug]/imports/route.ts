import { requireUser } from "@/lib/auth/session";
import { requireCourseRole, STAFF_ROLES } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { assertSameOrigin, errorResponse, readBody, readJson } from "@/lib/http";
import { MAX_BYTES } from "@/lib/import/errors";
import { previewImport } from "@/lib/readings/preview-import";
import { rateLimit } from "@/lib/rate-limit";
import { answerTask } from "@/lib/tasks/answer-task";
import { cleanText } from "@/lib/validations/text";
import { z } from "zod";

const skipSchema = z.array(z.string().max(200)).max(5000);
const rerunSchema = z.object({ from: z.string().min(1).max(100).regex(/^[a-z0-9]+$/i), skip: skipSchema.default([]) });

export const dynamic = "force-dynamic";

/**
 * POST /api/courses/:courseSlug/imports — preview an import (nothing is published).
 * Body: multipart form with `file` (and `skip`, a JSON list of repair ids to undo), JSON
 * {text, fileName?, skip?} for pasted text, or JSON {from: taskId, skip} to read an earlier
 * upload again without some repairs. Instructors and TAs only.
 *
 * The file is read by a background job in the import sandbox. The request waits for it
 * (under a minute: every hostile file gets its 413/422 here) and answers {draft, fileName,
 * task}; a long job (a scan being recognised) answers 202 {task, statusUrl} to poll. With
 * `Prefer: respond-async` it answers 202 at once (the import page shows the progress).
 */
export async function POST(request: Request, { params }: { params: Promise<{ courseSlug: string }> }) {
  try {
    const user = await requireUser();
    const { course } = await requireCourseRole(user.id, (await params).courseSlug, STAFF_ROLES);
    await rateLimit("import", user.id);
    assertSameOrigin(request);
    const type = request.headers.get("content-type") ?? "";
    let started: Awaited<ReturnType<typeof previewImport>>;
    if (type.startsWith("multipart/form-data")) {
      // Count the bytes as they arrive (chunked uploads carry no Content-Length), then parse.
      const raw = await readBody(request, MAX_BYTES + 256 * 1024).catch((e: unknown) => {
        throw e instanceof AppError ? new AppError("TOO_LARGE", `That file is over the ${MAX_BYTES / 1024 / 1024} MB limit.`) : e;
      });
      const form = await new Response(raw as BodyInit, { headers: { "content-type": type } }).formData().catch(() => null);
      const file = form?.get("file");
      if (!(file instanceof File)) throw new AppError("INVALID_INPUT", "Choose a file to import.");
      const skip = skipSchema.safeParse(parseJsonField(form?.get("skip")));
      if (!skip.success) throw malformedSkip();
      started = await previewImport({ userId: user.id, courseId: course.id, bytes: new Uint8Array(await file.arrayBuffer()), fileName: cleanFileName(file.name), skip: skip.data });
    } else {
      const body = (await readJson(request, MAX_BYTES + 256 * 1024)) as { text?: unknown; fileName?: unknown; skip?: unknown; from?: unknown } | null;
      if (body && typeof body.from === "string") {
        const rerun = rerunSchema.safeParse(body);
        if (!rerun.success) throw malformedSkip();
        started = await previewImport({ userId: user.id, courseId: course.id, fromTaskId: rerun.data.from, skip: rerun.data.skip });
      } else {
        if (!body || typeof body.text !== "string") throw new AppError("INVALID_INPUT", "Paste the reading's text, or choose a file.");
        // Pasted text is text, not a file: cleaned as stored text is (no NUL or other control
        // characters, which would make the importer take it for binary), and a blank paste is
        // refused here, before a task exists.
        const text = cleanText(body.text);
        if (!text.trim()) throw new AppError("INVALID_INPUT", "The pasted text is blank. Paste the reading's text, or choose a file.");
        const skip = skipSchema.safeParse(body.skip ?? []);
        if (!skip.success) throw malformedSkip();
        const fileName = typeof body.fileName === "string" && body.fileName ? cleanFileName(body.fileName) : "pasted.txt";
        started = await previewImport({ userId: user.id, courseId: course.id, bytes: new TextEncoder().encode(text), fileName, skip: skip.data });
      }
    }
    const { task, fileName } = started;
    return await answerTask(request, task, `/api/courses/${course.slug}/tasks/${task.id}`, (draft) => ({ draft, fileName }));
  } catch (error) {
    return errorResponse(error, "POST imports");
  }
}

function parseJsonField(value: FormDataEntryValue | null | undefined): unknown {
  if (typeof value !== "string") return [];
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return null; // reported as malformed
  }
}

const malformedSkip = () => new AppError("INVALID_INPUT", "The list of undone repairs is malformed; reload the page and try again.");

/** A file name for messages and titles: no path, no control characters, at most 200 characters. */
function cleanFileName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return (base || "upload").slice(0, 200);
}
