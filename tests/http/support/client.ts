/**
 * A small HTTP client for the HTTP tests: a cookie jar (so a signed-in client is a real
 * next-auth session, kept up to date from Set-Cookie like a browser), sign-in through
 * next-auth's own endpoints, server actions called the way React calls them, and page
 * requests that do not follow redirects (so a redirect to sign-in can be asserted).
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export interface Answer {
  /** The path requested. */
  url: string;
  status: number;
  headers: Headers;
  text: string;
  /** The JSON body, when there is one. */
  json: unknown;
}

export class Client {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly baseUrl: string,
    readonly label = "client",
  ) {}

  /** `until`: for a stream that does not end (Server-Sent Events), read until the text
   *  shows up (or 10 s pass), then hang up. */
  async request(method: string, urlPath: string, init: { json?: unknown; body?: BodyInit; headers?: Record<string, string>; until?: string } = {}): Promise<Answer> {
    const headers: Record<string, string> = { Origin: this.baseUrl, ...init.headers };
    if (this.cookies.size) headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    let body = init.body;
    if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers["Content-Type"] ??= "application/json";
    }
    const abort = new AbortController();
    const response = await fetch(new URL(urlPath, this.baseUrl), { method, headers, body, redirect: "manual", signal: abort.signal });
    this.remember(response.headers);
    const text = init.until && (response.headers.get("content-type") ?? "").startsWith("text/event-stream") ? await readUntil(response, init.until, abort) : await response.text();
    let json: unknown = undefined;
    try {
      json = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      // not JSON
    }
    return { url: urlPath, status: response.status, headers: response.headers, text, json };
  }

  private remember(headers: Headers) {
    for (const line of headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split("=")[1]!) < Date.now()));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** Sign in through next-auth's credentials endpoint, as the sign-in form does. */
  async signIn(email: string, password: string, headers: Record<string, string> = {}): Promise<Answer> {
    const csrf = (await this.request("GET", "/api/auth/csrf", { headers })).json as { csrfToken: string };
    return this.request("POST", "/api/auth/callback/credentials", {
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, email, password, json: "true", callbackUrl: "/" }).toString(),
    });
  }

  async signOut(): Promise<Answer> {
    const csrf = (await this.request("GET", "/api/auth/csrf")).json as { csrfToken: string };
    return this.request("POST", "/api/auth/signout", {
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, json: "true", callbackUrl: "/" }).toString(),
    });
  }

  /** The session cookie, for copying a session to another client ("a stolen token"). */
  sessionCookie(): [string, string] | null {
    for (const entry of this.cookies) if (entry[0].endsWith("next-auth.session-token")) return entry;
    return null;
  }

  /** Call a server action by its file and name, with its arguments, as React does. */
  async action(ref: ActionRef, args: unknown[], init: { rawBody?: string; contentType?: string } = {}): Promise<ActionAnswer> {
    const { id, page } = findAction(ref);
    const answer = await this.request("POST", page, {
      headers: { "Next-Action": id, "Content-Type": init.contentType ?? "text/plain;charset=UTF-8", Accept: "text/x-component" },
      body: init.rawBody ?? JSON.stringify(args),
    });
    return { ...answer, result: parseActionResult(answer.text) };
  }
}

export type ActionRef = { file: string; name: string; page?: string };
export type ActionResult = { ok: boolean; code?: string; message?: string; data?: unknown; fields?: Record<string, string>; retryAfter?: number };
export type ActionAnswer = Answer & { result: ActionResult | null };

/** The action's return value from React's flight response ("0:{…"a":"$@1"…}\n1:{…}"). */
export function parseActionResult(text: string): ActionResult | null {
  const rows = new Map<string, string>();
  for (const line of text.split("\n")) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (m) rows.set(m[1]!, m[2]!);
  }
  const root = rows.get("0");
  if (!root) return null;
  try {
    const ref = (JSON.parse(root) as { a?: string }).a;
    const row = typeof ref === "string" && ref.startsWith("$@") ? rows.get(ref.slice(2)) : undefined;
    if (!row || row.startsWith("E")) return null;
    return JSON.parse(row) as ActionResult;
  } catch {
    return null;
  }
}

let manifest: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }> | null = null;

/** The action's id and a page that serves it, from the build's server-reference manifest. */
export function findAction(ref: ActionRef): { id: string; page: string } {
  if (ref.page) return { id: findAction({ ...ref, page: undefined, anyPage: true } as ActionRef).id, page: ref.page };
  manifest ??= (JSON.parse(readFileSync(path.join(process.cwd(), ".next-e2e/server/server-reference-manifest.json"), "utf8")) as { node: NonNullable<typeof manifest> }).node;
  for (const [id, entry] of Object.entries(manifest)) {
    if (entry.filename !== ref.file || entry.exportedName !== ref.name) continue;
    const worker = Object.keys(entry.workers).find((w) => !w.includes("[")) ?? ((ref as { anyPage?: boolean }).anyPage ? Object.keys(entry.workers)[0] : undefined);
    if (!worker) throw new Error(`${ref.file}#${ref.name} is used only on dynamic pages; give the row a page path`);
    const page = "/" + worker.replace(/^app\//, "").replace(/\/?page$/, "").split("/").filter((s) => !/^\(.*\)$/.test(s)).join("/");
    return { id, page: page.replace(/\/+$/, "") || "/" };
  }
  throw new Error(`no server action ${ref.name} in ${ref.file} in the build (is the build current?)`);
}

/** The start of a stream: chunks until `marker` appears or 10 s pass; then the connection is closed. */
async function readUntil(response: Response, marker: string, abort: AbortController): Promise<string> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const timer = setTimeout(() => abort.abort(), 10_000);
  let text = "";
  try {
    while (!text.includes(marker)) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // timed out: what arrived is the answer
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return text;
}
