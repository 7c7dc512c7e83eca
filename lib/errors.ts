/** One error type for everything a person can be told. Mapped to HTTP statuses here only. */
export type AppErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "INVALID_INPUT"
  | "CONFLICT"
  | "TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "RATE_LIMITED";

const statusFor: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 422,
  CONFLICT: 409,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
};

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
  get status() {
    return statusFor[this.code];
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** Errors a person can act on, from wherever they come: AppErrors as they are; a unique-
 *  constraint race (two sign-ups with one email, two courses taking one slug at once)
 *  becomes CONFLICT instead of a 500. */
export function asAppError(error: unknown): AppError | null {
  if (isAppError(error)) return error;
  if (typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002") {
    return new AppError("CONFLICT", "Someone else just saved the same thing. Try again.");
  }
  return null;
}

/** What a server action returns: never a thrown stack across the wire. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: AppErrorCode | "INTERNAL"; message: string; fields?: Record<string, string> };

export function toActionError(error: unknown, context: string): Extract<ActionResult, { ok: false }> {
  const known = asAppError(error);
  if (known) return { ok: false, code: known.code, message: known.message, fields: known.fields };
  console.error(`[colloquy] ${context} failed:`, error);
  return { ok: false, code: "INTERNAL", message: "Something went wrong on our side. Your text is still here; please try again." };
}

/** zod issues → one field message each, in words a person can act on. */
export function fieldErrors(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "form";
    out[key] ??= issue.message;
  }
  return out;
}
