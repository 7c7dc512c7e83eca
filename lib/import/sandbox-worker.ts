/**
 * The import sandbox's worker thread (see ./sandbox.ts): runs one import and exits.
 * Everything an upload can make expensive happens here — unzipping, XML, pdf.js, OCR, the
 * repairs — under the heap cap and time limit the host set, so the worst file costs this
 * thread, never the server's heap or event loop. (Re-anchoring the comments of an edit runs
 * under the same limits in ./sandbox-plan-worker.ts, which loads none of the importer.)
 *
 * Messages to the host: {type:"progress", progress}, {type:"ocr-page", key, result} (the
 * host caches recognised pages, so re-running an import to undo a repair does not OCR the
 * scan again), then exactly one {type:"done", result} or {type:"error", code, message}.
 */
import { parentPort, workerData } from "node:worker_threads";
import { importDocument, ImportError } from "./index";
import { createTesseractOcr } from "./ocr";
import type { RevisionPlanInput } from "../anchoring/plan-revision";
import type { OcrEngine, OcrPageResult } from "./types";

/** A task for the sandbox. Re-anchoring (`plan-revision`) runs in the lighter bundle of
 *  ./sandbox-plan-worker.ts; this thread reads uploads. */
export type SandboxTask =
  | { kind: "import"; bytes: Uint8Array; fileName: string; skip: string[]; ocr: boolean; ocrCache?: Record<string, OcrPageResult> }
  | { kind: "plan-revision"; input: RevisionPlanInput };

export type SandboxMessage =
  | { type: "progress"; progress: import("./types").ImportProgress }
  | { type: "ocr-page"; key: string; result: OcrPageResult }
  | { type: "done"; result: unknown }
  | { type: "error"; code: string | null; message: string; name?: string };

const post = (m: SandboxMessage) => parentPort!.postMessage(m);

async function runImport(task: Extract<SandboxTask, { kind: "import" }>) {
  const tesseract = task.ocr ? createTesseractOcr() : null;
  const cache = task.ocrCache ?? {};
  // Recognised pages are cached by their position among the scanned pages and their image size.
  const ocr: OcrEngine | undefined = tesseract
    ? {
        async recognize(image, page, pages) {
          const key = `${page}/${pages}:${image.width}x${image.height}`;
          const cached = cache[key];
          if (cached) return cached;
          const result = await tesseract.recognize(image, page, pages);
          post({ type: "ocr-page", key, result });
          return result;
        },
      }
    : undefined;
  try {
    return await importDocument(task.bytes, task.fileName, { skip: task.skip, ocr, onProgress: (progress) => post({ type: "progress", progress }) });
  } finally {
    await tesseract?.terminate();
  }
}

async function main() {
  const task = workerData as Extract<SandboxTask, { kind: "import" }>;
  try {
    const result = await runImport(task);
    post({ type: "done", result });
  } catch (error) {
    if (error instanceof ImportError) post({ type: "error", code: error.code, message: error.message });
    else post({ type: "error", code: null, message: error instanceof Error ? error.message : String(error), name: error instanceof Error ? error.name : undefined });
  }
  // The host terminates the thread once it has the answer (a library may leave a handle open).
}

void main();
