/** One error type for everything a person can be told. Mapped to HTTP statuses here only. */
export type AppErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "INVALID_INPUT"
  | "CONFLICT"
  | "TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "LENGTH_REQUIRED"
  | "BAD_REQUEST"
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
  LENGTH_REQUIRED: 411,
  BAD_REQUEST: 400,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

export class AppError extends Error {
  /** For RATE_LIMITED: whole seconds until a retry can succeed (the Retry-After header). */
  retryAfter?: number;

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

/** PostgreSQL refusing a value (SQLSTATE): a NUL byte or invalid Unicode in text or JSON,
 *  a value too long for its column or its index. */
const UNSTORABLE = new Set(["22021", "22P05", "22P02", "22001", "54000"]);

const databaseCode = (error: object): string | undefined =>
  (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } }).meta?.driverAdapterError?.cause?.originalCode as string | undefined;

/** Errors a person can act on, from wherever they come: AppErrors as they are; a unique-
 *  constraint race (two sign-ups with one email, two courses taking one slug at once)
 *  becomes CONFLICT instead of a 500; the database being away becomes UNAVAILABLE (503). A
 *  value PostgreSQL cannot store becomes a 422: input is validated at the boundary
 *  (lib/validations), and this is the net under it, so odd input that slipped past is still
 *  the sender's 4xx, never a 500 (logged, to be fixed at the boundary). */
export function asAppError(error: unknown): AppError | null {
  if (isAppError(error)) return error;
  if (typeof error === "object" && error !== null) {
    if ((error as { code?: unknown }).code === "P2002") return new AppError("CONFLICT", "Someone else just saved the same thing. Try again.");
    const sqlState = databaseCode(error);
    if (sqlState && UNSTORABLE.has(sqlState)) {
      console.warn(`[colloquy] the database refused a value (SQLSTATE ${sqlState}); validate it at the boundary`);
      return new AppError(
        "INVALID_INPUT",
        "Part of this request cannot be stored: it contains a NUL character, text that is not valid Unicode, or a value that is far too long. Remove it and try again.",
      );
    }
  }
  if (isDatabaseUnavailable(error)) {
    return new AppError("UNAVAILABLE", "Colloquy cannot reach its database right now (it may be restarting). Try again in a few seconds — your text is still here.");
  }
  return null;
}

/** What a server action returns: never a thrown stack across the wire. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: AppErrorCode | "INTERNAL"; message: string; fields?: Record<string, string>; retryAfter?: number };

export function toActionError(error: unknown, context: string): Extract<ActionResult, { ok: false }> {
  const known = asAppError(error);
  if (known) {
    return { ok: false, code: known.code, message: known.message, fields: known.fields, ...(known.retryAfter ? { retryAfter: known.retryAfter } : {}) };
  }
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
