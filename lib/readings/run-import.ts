/**
 * The job behind an import preview (queue `import.run`): the stored upload goes through the
 * importer in the sandbox (heap cap, time limit; scanned pages recognised by OCR), with
 * its progress written to the task for the instructor's progress bar. Each recognised
 * page is saved as it comes, so a re-run (undoing a repair) or a retry after a crash does
 * not recognise it again. No `server-only`: runs in the job runner.
 */
import { db } from "@/lib/db";
import { importInSandbox } from "@/lib/import/sandbox";
import { ImportError } from "@/lib/import/errors";
import type { OcrPageResult } from "@/lib/import/types";
import type { TaskContext } from "@/lib/tasks/run-task";
import type { Prisma } from "@/generated/prisma/client";

export async function runImport(ctx: TaskContext): Promise<Prisma.InputJsonValue> {
  const input = ctx.task.input as { fileName: string; skip?: string[] };
  if (!ctx.task.upload) throw new ImportError("EMPTY", "The uploaded file is no longer kept. Choose it again.");
  const draft = await importInSandbox({
    bytes: new Uint8Array(ctx.task.upload),
    fileName: input.fileName,
    skip: input.skip ?? [],
    ocr: true,
    ocrCache: (ctx.task.ocrPages ?? {}) as unknown as Record<string, OcrPageResult>,
    signal: ctx.signal,
    onProgress: (p) => ctx.progress({ stage: p.stage, label: p.label, done: p.done, total: p.total }),
    onOcrPage: (key, result) => {
      void db.$executeRaw`UPDATE "BackgroundTask" SET "ocrPages" = COALESCE("ocrPages", '{}'::jsonb) || jsonb_build_object(${key}::text, ${JSON.stringify(result)}::jsonb) WHERE id = ${ctx.task.id}`.catch(
        (e: unknown) => console.error("[import] could not keep a recognised page:", e),
      );
    },
  });
  return draft as unknown as Prisma.InputJsonValue;
}
