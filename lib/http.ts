import "server-only";
import { AppError, asAppError } from "@/lib/errors";

/** Route handlers answer errors in one shape: {error: {code, message, fields?}} with the
 *  AppError's status; anything unexpected is logged and answered 500 without details. */
export function errorResponse(error: unknown, context: string): Response {
  const known = asAppError(error);
  if (known) {
    if (known.code === "UNAVAILABLE") console.error(`[colloquy] ${context}: database unavailable:`, error instanceof Error ? error.message.trim().split("\n").at(-1) : error);
    const retryAfter = known.retryAfter ?? (known.code === "UNAVAILABLE" ? 2 : undefined);
    const headers: Record<string, string> = retryAfter ? { "Retry-After": String(retryAfter) } : {};
    // A body refused unread is still on its way: close the connection after this answer, so
    // the client sends its next request on a fresh one instead of after the discarded bytes.
    if (known.code === "TOO_LARGE") headers.Connection = "close";
    return Response.json({ error: { code: known.code, message: known.message, fields: known.fields } }, { status: known.status, headers });
  }
  console.error(`[colloquy] ${context} failed:`, error);
  return Response.json(
    { error: { code: "INTERNAL", message: "Something went wrong on our side. Nothing was saved; please try again." } },
    { status: 500 },
  );
}

/** Mutating requests must come from Colloquy's own pages: browsers send Sec-Fetch-Site
 *  (and Origin) on cross-site requests, which a text/plain form could otherwise forge. */
export function assertSameOrigin(request: Request) {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    throw new AppError("FORBIDDEN", "This request came from another site and was refused.");
  }
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (origin && host && origin !== "null") {
    try {
      if (new URL(origin).host !== host) throw new AppError("FORBIDDEN", "This request came from another site and was refused.");
    } catch (e) {
      if (e instanceof AppError) throw e;
    }
  }
}

/** Read at most `limit` bytes of a body, streaming: a huge body is refused before it is buffered. */
export async function readBody(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  const tooLarge = () => new AppError("TOO_LARGE", `The request is over the ${(limit / 1024 / 1024).toFixed(limit < 1024 * 1024 ? 2 : 0)} MB limit.`);
  if (declared > limit) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Parse a JSON body from our own pages: same origin, Content-Type application/json, at
 *  most `limit` bytes; anything else is a 4xx with a message, never a crash. */
export async function readJson(request: Request, limit = 256 * 1024): Promise<unknown> {
  assertSameOrigin(request);
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the request as JSON (Content-Type: application/json).");
  }
  const bytes = await readBody(request, limit);
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    throw new AppError("INVALID_INPUT", "The request body is not valid JSON.");
  }
}
