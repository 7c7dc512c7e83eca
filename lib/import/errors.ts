/** Errors the importer raises. `code` is stable (for the UI / CLI); `message` tells a person what to do. */
export type ImportErrorCode = "UNSUPPORTED_TYPE" | "EMPTY" | "TOO_LARGE" | "TOO_COMPLEX" | "UNDECODABLE" | "NO_TEXT_LAYER" | "CANCELLED";

export const MAX_BYTES = 20 * 1024 * 1024;

export class ImportError extends Error {
  readonly code: ImportErrorCode;
  constructor(code: ImportErrorCode, message: string) {
    super(message);
    this.name = "ImportError";
    this.code = code;
  }
}
