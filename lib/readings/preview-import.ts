import "server-only";
import { importDocument, ImportError, MAX_BYTES } from "@/lib/import";
import { AppError } from "@/lib/errors";

/** Run the importer on an upload or pasted text and return the draft to preview.
 *  Nothing is stored: the instructor publishes (or abandons) the draft afterwards. */
export async function previewImport(options: { bytes: Uint8Array; fileName: string }) {
  if (options.bytes.length > MAX_BYTES) {
    throw new AppError("TOO_LARGE", `That file is ${(options.bytes.length / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_BYTES / 1024 / 1024} MB.`);
  }
  try {
    return await importDocument(options.bytes, options.fileName);
  } catch (error) {
    if (error instanceof ImportError) throw new AppError(error.code === "TOO_LARGE" ? "TOO_LARGE" : "INVALID_INPUT", error.message);
    throw error;
  }
}
