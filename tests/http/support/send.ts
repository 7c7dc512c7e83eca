import type { Endpoint } from "../endpoints";
import type { ActionAnswer, Answer, Client } from "./client";
import type { Actor, World } from "./world";

export type Kind = "page" | "api" | "action";

export function kindOf(endpoint: Endpoint): Kind {
  if (endpoint.source.startsWith("page ")) return "page";
  if (endpoint.source.startsWith("action ")) return "action";
  return "api";
}

/** The most privileged actor an entry allows, so a call reaches the deepest checks. */
export function mostPrivileged(endpoint: Endpoint): Actor {
  for (const a of ["instructor", "ta", "student", "nonMember", "signedOut"] as Actor[]) if (endpoint.allowed.includes(a)) return a;
  return "instructor";
}

export const methodOf = (endpoint: Endpoint) => (kindOf(endpoint) === "api" ? endpoint.source.split(" ")[0]! : kindOf(endpoint) === "page" ? "GET" : "POST");

/** encodeURIComponent, except that a lone surrogate (which no URL can carry as a character)
 *  goes as the bytes a hostile client would send for it: UTF-8-encoded, which is invalid. */
export function encodeLoosely(value: string): string {
  let out = "";
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    else out += encodeURIComponent(ch);
  }
  return out;
}

/** The path with its [params] filled in, percent-encoded unless `raw` says a value goes as is. */
export function buildPath(endpoint: Endpoint, params: Record<string, string>, query: Record<string, string>, raw: Set<string> = new Set()): string {
  let p = endpoint.path ?? "/";
  for (const [name, value] of Object.entries(params)) p = p.replace(`[${name}]`, raw.has(name) ? value : encodeLoosely(value));
  const q = Object.entries(query)
    .map(([k, v]) => `${encodeLoosely(k)}=${raw.has(`?${k}`) ? v : encodeLoosely(v)}`)
    .join("&");
  return q ? `${p}?${q}` : p;
}

export interface Overrides {
  params?: Record<string, string>;
  query?: Record<string, string>;
  raw?: Set<string>;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** One call of an endpoint as it is listed, or with the fuzzer's overrides. */
export async function send(client: Client, endpoint: Endpoint, w: World, actor: Actor, o: Overrides = {}): Promise<Answer & Partial<ActionAnswer>> {
  const kind = kindOf(endpoint);
  const body = "body" in o ? o.body : endpoint.body?.(w, actor);
  if (kind === "action") {
    const [file, name] = endpoint.source.slice("action ".length).split("#") as [string, string];
    return client.action({ file, name, page: endpoint.path }, body as unknown[], { rawBody: o.rawBody, contentType: o.contentType });
  }
  const path = buildPath(endpoint, o.params ?? endpoint.params?.(w) ?? {}, o.query ?? endpoint.query?.(w) ?? {}, o.raw);
  const method = methodOf(endpoint);
  if (kind === "page" || body === undefined) return client.request(method, path, { headers: o.headers, body: o.rawBody, until: endpoint.stream });
  if (o.rawBody !== undefined) return client.request(method, path, { headers: { "Content-Type": o.contentType ?? "application/json", ...o.headers }, body: o.rawBody });
  if (endpoint.form && (body === null || typeof body !== "object")) {
    // A form whose whole body the fuzzer replaced by a string, number or null: sent as it is.
    return client.request(method, path, { headers: { "Content-Type": "application/x-www-form-urlencoded", ...o.headers }, body: String(body) });
  }
  if (endpoint.form) {
    // A body the fuzzer replaced with something that is not an object (null, a number) goes as its text.
    const fields = body && typeof body === "object" ? Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])) : null;
    return client.request(method, path, { headers: { "Content-Type": "application/x-www-form-urlencoded", ...o.headers }, body: fields ? new URLSearchParams(fields).toString() : String(body) });
  }
  return client.request(method, path, { json: body, headers: o.headers });
}
