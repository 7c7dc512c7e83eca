import { NextResponse, type NextRequest } from "next/server";
import { sessionTokenOf } from "@/lib/auth/decode-once";
import { checkActionBody } from "@/lib/net/action-request";
import { READS_TOO_MANY_PAGE_TEXT, READS_TOO_MANY_TITLE } from "@/lib/net/admission";
import { READS_TOO_MANY_RETRY_AFTER_SECONDS, readShareFull, readShareKey, readShareOn, tooManyReadsResponse } from "@/lib/net/read-share";
import { contentSecurityPolicy } from "@/lib/net/csp";
import { isHttpsRequest } from "@/lib/net/is-https";

/**
 * The boundary every request crosses first (Next.js `proxy`, Node runtime):
 * 1. addresses that cannot be read — malformed percent-encoding (`/courses/%ff`) or a NUL
 *    (`?blockId=%00`) — get a 400 with a sentence here, before any route sees them;
 * 2. server actions (POSTs to pages) must declare their size, at most 2 MB: a bigger one is
 *    a 413 before a byte of it is read (Next.js itself would answer 500);
 * 3. a reading page or a thread open from a session that already has its share of reads in
 *    flight (lib/net/read-share.ts) is refused 429 here, before Next.js renders anything;
 * 4. pages get a Content-Security-Policy with a fresh nonce, which Next.js puts on its own
 *    scripts (it reads the nonce from the request's CSP header while rendering).
 * API requests come here only without a body, or with a percent-encoded address (see
 * `config`): a body through a proxy is buffered in memory, and route handlers read theirs
 * with limits while it streams.
 * /bench-static is left alone so the benchmark's static page stays static.
 */
export const SERVER_ACTION_BODY_LIMIT = 2 * 1024 * 1024;

export async function proxy(request: NextRequest) {
  const api = request.nextUrl.pathname.startsWith("/api/");
  const unreadable = unreadableAddress(request);
  if (unreadable) return refuse(400, "BAD_REQUEST", unreadable, api);
  if (request.method === "GET" && (READS.test(request.nextUrl.pathname) || request.nextUrl.pathname === "/api/comments")) {
    if (await overReadShare(request)) return tooManyReads(api);
  }
  if (api) return NextResponse.next();

  if (request.method === "POST") {
    const refused = await refuseUnreadablePost(request);
    if (refused) return refused;
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy({ nonce, https: isHttpsRequest(request.headers), dev: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  // Behind a proxy that does not say X-Forwarded-Proto, NEXTAUTH_URL=https://… tells us.
  if (process.env.NEXTAUTH_URL?.startsWith("https://") && request.headers.get("x-forwarded-proto") !== "https") {
    response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  }
  return response;
}

/** POSTs to pages are server actions: sized, and shaped as Colloquy's actions send them. */
async function refuseUnreadablePost(request: NextRequest): Promise<Response | null> {
  const length = request.headers.get("content-length");
  if (length === null && request.headers.has("transfer-encoding")) {
    return refuse(411, "LENGTH_REQUIRED", "Send the form with its length (Content-Length).", false);
  }
  if (Number(length) > SERVER_ACTION_BODY_LIMIT) {
    return refuse(413, "TOO_LARGE", "This form is over the 2 MB limit. Shorten what you entered and try again.", false);
  }
  const type = request.headers.get("content-type") ?? "";
  if (request.headers.has("next-action")) {
    const problem = checkActionBody(type, await request.text());
    return problem ? refuse(problem.status, problem.status === 415 ? "UNSUPPORTED_MEDIA_TYPE" : "BAD_REQUEST", problem.message, false) : null;
  }
  // A form posted without JavaScript: Next.js parses multipart bodies itself, and answers
  // 500 to one that does not parse.
  if (type.toLowerCase().startsWith("multipart/form-data")) {
    const parsed = await request.formData().then(() => true, () => false);
    if (!parsed) return refuse(400, "BAD_REQUEST", "This form's data could not be read. Reload the page and try again.", false);
  }
  return null;
}

function unreadableAddress(request: NextRequest): string | null {
  const raw = request.nextUrl.pathname + request.nextUrl.search;
  let decoded: string;
  try {
    decoded = request.nextUrl.pathname.split("/").map(decodeURIComponent).join("/");
    for (const [key, value] of request.nextUrl.searchParams) decoded += key + value;
  } catch {
    return "This address is malformed (a % not followed by a valid character code). Check the link and try again.";
  }
  if (/[\u0000]/.test(decoded) || /%00/i.test(raw)) return "This address contains a NUL character (%00), which Colloquy does not accept.";
  return null;
}

/** The reading page (and its client-side navigations); GET /api/comments is the thread open. */
const READS = /^\/courses\/[^/]+\/readings\/[^/]+\/?$/;

/** Whether this request's session already holds its whole share of reads. The token is
 *  decrypted once per cookie (lib/auth/decode-once.ts); no query. */
async function overReadShare(request: NextRequest): Promise<boolean> {
  if (!readShareOn()) return false;
  const key = readShareKey(await sessionTokenOf(request));
  return key !== null && readShareFull(key);
}

function tooManyReads(json: boolean): Response {
  if (json) return tooManyReadsResponse();
  return refuse(429, "RATE_LIMITED", READS_TOO_MANY_PAGE_TEXT, false, {
    title: READS_TOO_MANY_TITLE,
    link: { href: "", text: "Try again" },
    headers: { "Retry-After": String(READS_TOO_MANY_RETRY_AFTER_SECONDS), "Cache-Control": "no-store" },
  });
}

function refuse(status: number, code: string, message: string, json: boolean, page: { title?: string; link?: { href: string; text: string }; headers?: Record<string, string> } = {}): Response {
  if (json) return Response.json({ error: { code, message } }, { status });
  const title = page.title ?? (status === 400 ? "This address cannot be read" : "This request was refused");
  const link = page.link ?? { href: "/", text: "Go to your courses" };
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${page.title ?? (status === 400 ? "Bad address" : "Request refused")} · Colloquy</title></head><body><main id="main" style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem"><h1>${title}</h1><p>${message}</p><p><a href="${link.href}">${link.text}</a></p></main></body></html>`;
  return new Response(html, {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'", ...page.headers },
  });
}

export const config = {
  matcher: [
    // Pages (and their server actions): everything but static files and /bench-static.
    "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg|bench-static).*)",
    // API routes, only when the request has no body…
    {
      source: "/api/:path*",
      missing: [
        { type: "header", key: "content-length" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
    // …or when its address has percent-encoding, which no API address Colloquy makes has
    // (slugs and ids are plain ASCII): Next.js answers a malformed one with a 500.
    "/api/:path(.*%.*)",
  ],
};
