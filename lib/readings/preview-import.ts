import "server-only";
import { importDocument, ImportError, MAX_BYTES } from "@/lib/import";
import { AppError } from "@/lib/errors";

/** Run the importer on an upload or pasted text and return the draft to preview. `skip`
 *  lists repair ids the instructor undid (the import re-runs without them).
 *  Nothing is stored: the instructor publishes (or abandons) the draft afterwards. */
export async function previewImport(options: { bytes: Uint8Array; fileName: string; skip?: string[] }) {
  if (options.bytes.length > MAX_BYTES) {
    throw new AppError("TOO_LARGE", `That file is ${(options.bytes.length / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_BYTES / 1024 / 1024} MB.`);
  }
  try {
    return await importDocument(options.bytes, options.fileName, { skip: options.skip ?? [] });
  } catch (error) {
    if (error instanceof ImportError) throw new AppError(error.code === "TOO_LARGE" ? "TOO_LARGE" : "INVALID_INPUT", error.message);
    // The importer reads arbitrary uploads: a crash on an odd file (e.g. absurdly deep HTML
    // nesting) is that file's problem, not a server error. Log it and say what to do.
    console.error(`[colloquy] importer failed on "${options.fileName}":`, error);
    throw new AppError(
      "INVALID_INPUT",
      `Colloquy could not read "${options.fileName}". Try saving it in another format (plain text, Word or PDF) and import that.`,
    );
  }
}
