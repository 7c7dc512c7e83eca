import "server-only";
import { AppError, isAppError } from "@/lib/errors";

/** Route handlers answer errors in one shape: {error: {code, message, fields?}} with the
 *  AppError's status; anything unexpected is logged and answered 500 without details. */
export function errorResponse(error: unknown, context: string): Response {
  if (isAppError(error)) {
    return Response.json({ error: { code: error.code, message: error.message, fields: error.fields } }, { status: error.status });
  }
  console.error(`[colloquy] ${context} failed:`, error);
  return Response.json(
    { error: { code: "INTERNAL", message: "Something went wrong on our side. Nothing was saved; please try again." } },
    { status: 500 },
  );
}

/** Parse a JSON body, turning malformed JSON into a 400-class message rather than a crash. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AppError("INVALID_INPUT", "The request body must be JSON.");
  }
}
