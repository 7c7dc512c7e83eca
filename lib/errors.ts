/** One error type for everything a person can be told. Mapped to HTTP statuses here only. */
export type AppErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "INVALID_INPUT"
  | "CONFLICT"
  | "TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "RATE_LIMITED"
  | "UNAVAILABLE";

const statusFor: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 422,
  CONFLICT: 409,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
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

/** Prisma's codes for "no database right now": cannot reach it (P1001), timed out
 *  (P1002, P1008), it closed the connection (P1017), no connection free in the pool
 *  (P2024), a transaction could not start in time (P2028). */
const UNAVAILABLE_PRISMA = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
/** What the driver adapter reports for the same situations. */
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
/** PostgreSQL's own: connection exceptions (08…), shutting down or starting up (57P01–57P03),
 *  too many connections (53300). */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;
const UNAVAILABLE_NODE = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH"]);
const UNAVAILABLE_MESSAGE = /Connection terminated|connection error|terminating connection|the database system is (starting up|shutting down|in recovery mode)/i;

/** Is this the database being away (restarting, unreachable, overloaded) rather than a bug?
 *  Such a request can be retried; it answers 503, never 500. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === "object" && current !== null; depth++) {
    const e = current as { code?: unknown; message?: unknown; kind?: unknown; meta?: { driverAdapterError?: { cause?: unknown } }; cause?: unknown };
    const code = typeof e.code === "string" ? e.code : "";
    if (UNAVAILABLE_PRISMA.has(code) || UNAVAILABLE_NODE.has(code) || UNAVAILABLE_SQLSTATE.test(code)) return true;
    if (typeof e.kind === "string" && UNAVAILABLE_KINDS.has(e.kind)) return true;
    if (typeof e.message === "string" && UNAVAILABLE_MESSAGE.test(e.message)) return true;
    current = e.meta?.driverAdapterError?.cause ?? e.cause;
  }
  return false;
}

/** Errors a person can act on, from wherever they come: AppErrors as they are; a unique-
 *  constraint race (two sign-ups with one email, two courses taking one slug at once)
 *  becomes CONFLICT instead of a 500; the database being away becomes UNAVAILABLE (503). */
export function asAppError(error: unknown): AppError | null {
  if (isAppError(error)) return error;
  if (typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002") {
    return new AppError("CONFLICT", "Someone else just saved the same thing. Try again.");
  }
  if (isDatabaseUnavailable(error)) {
    return new AppError("UNAVAILABLE", "Colloquy cannot reach its database right now (it may be restarting). Try again in a few seconds — your text is still here.");
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
