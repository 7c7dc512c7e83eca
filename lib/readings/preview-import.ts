import "server-only";
import { db } from "@/lib/db";
import { MAX_BYTES } from "@/lib/import/errors";
import { AppError } from "@/lib/errors";
import { startTask } from "@/lib/tasks/start-task";
import type { Prisma } from "@/generated/prisma/client";

/**
 * Start an import preview as a background task (the job queue runs it, in the import
 * sandbox): of uploaded bytes, or again of an earlier upload of this course (`fromTaskId`)
 * with `skip` — the repair ids the instructor undid. A re-run reuses the stored file and
 * the pages OCR already recognised. Nothing is published: the instructor publishes (or
 * abandons) the draft afterwards. The caller has checked the user is staff of the course.
 */
export async function previewImport(options: { userId: string; courseId: string; skip?: string[] } & ({ bytes: Uint8Array; fileName: string } | { fromTaskId: string })) {
  const skip = options.skip ?? [];
  if ("bytes" in options) {
    if (options.bytes.length > MAX_BYTES)
      throw new AppError("TOO_LARGE", `That file is ${(options.bytes.length / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_BYTES / 1024 / 1024} MB.`);
    const task = await startTask({
      userId: options.userId,
      courseId: options.courseId,
      kind: "import",
      input: { fileName: options.fileName, skip, size: options.bytes.length },
      upload: options.bytes,
    });
    return { task, fileName: options.fileName };
  }
  const previous = await db.backgroundTask.findFirst({
    where: { id: options.fromTaskId, courseId: options.courseId, kind: "import", upload: { not: null } },
    select: { input: true, upload: true, ocrPages: true },
  });
  if (!previous?.upload) throw new AppError("NOT_FOUND", "That upload is no longer kept (uploads are kept for a day). Choose the file again.");
  const input = previous.input as { fileName: string; size: number };
  const task = await startTask({
    userId: options.userId,
    courseId: options.courseId,
    kind: "import",
    input: { fileName: input.fileName, skip, size: input.size },
    upload: previous.upload,
    ocrPages: (previous.ocrPages ?? undefined) as Prisma.InputJsonValue | undefined,
  });
  return { task, fileName: input.fileName };
}
