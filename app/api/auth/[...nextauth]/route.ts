import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { checkSignInAllowed } from "@/lib/auth/sign-in-limits";
import { AppError, asAppError } from "@/lib/errors";
import { errorResponse, readBody } from "@/lib/http";
import { clientIp } from "@/lib/net/client-ip";

const handler = NextAuth(authOptions);
type Context = { params: Promise<{ nextauth: string[] }> };

/** Sign-in, sign-out and CSRF forms are a few hundred bytes; nothing bigger is read. */
const AUTH_BODY_LIMIT = 16 * 1024;

export async function GET(request: NextRequest, context: Context) {
  return handler(request, context);
}

/**
 * next-auth's POST endpoints (credentials callback, sign-out, session update), behind two
 * guards next-auth does not have: the body is read at most 16 KB, refused while it streams
 * (a 200 MB password is a 413 after 16 KB, not 200 MB in memory), and sign-in attempts
 * pass the guessing limits (lib/auth/sign-in-limits.ts) before a password is hashed.
 */
export async function POST(request: NextRequest, context: Context) {
  const [action, provider] = (await context.params).nextauth ?? [];
  const type = request.headers.get("content-type") ?? "";
  const wantsJson = type.includes("application/json");
  let fields: Record<string, unknown> = {};
  let bytes: Uint8Array;
  try {
    bytes = await readBody(request, AUTH_BODY_LIMIT);
    fields = parseFields(bytes, type);
    if (action === "callback" && provider === "credentials") {
      const email = typeof fields.email === "string" ? fields.email : null;
      await checkSignInAllowed({ ip: clientIp(request.headers), email });
    }
  } catch (error) {
    return refusal(error, request, fields.json === "true" || fields.json === true || wantsJson);
  }
  const forwarded = new NextRequest(request.url, { method: "POST", headers: request.headers, body: bytes as BodyInit });
  return handler(forwarded, context);
}

function parseFields(bytes: Uint8Array, type: string): Record<string, unknown> {
  const text = new TextDecoder().decode(bytes);
  if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  if (type.includes("application/json")) {
    try {
      const value = JSON.parse(text || "{}") as unknown;
      if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // answered below
    }
    throw new AppError("INVALID_INPUT", "The request body is not a JSON object.");
  }
  return {};
}

/** A refusal next-auth's client understands: `signIn()` reads `url` and takes its `error`
 *  parameter as the error, so the sentence (with the wait) reaches the form as is. */
function refusal(error: unknown, request: NextRequest, json: boolean): Response {
  const known = asAppError(error);
  const response = errorResponse(error, "POST /api/auth");
  if (!known || !json) return response;
  const url = new URL("/signin", request.nextUrl.origin);
  url.searchParams.set("error", known.message);
  const headers = new Headers(response.headers);
  return Response.json({ url: url.toString(), error: { code: known.code, message: known.message } }, { status: known.status, headers });
}
