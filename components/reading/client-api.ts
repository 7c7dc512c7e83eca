"use client";
/** Small helpers for the discussion's calls to its own API (same origin, JSON). */

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string };

/** fetch → JSON, with a message a person can act on for every failure. */
export async function callApi<T>(url: string, init?: RequestInit & { json?: unknown }): Promise<ApiResult<T>> {
  const { json, ...rest } = init ?? {};
  const response = await fetch(url, {
    cache: "no-store",
    ...rest,
    ...(json !== undefined ? { body: JSON.stringify(json), headers: { "Content-Type": "application/json", ...(rest.headers ?? {}) } } : {}),
  }).catch(() => null);
  if (!response) return { ok: false, status: 0, message: "Could not reach Colloquy. Check your connection; your text is kept." };
  const data = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (!response.ok) {
    if (response.status === 401) return { ok: false, status: 401, message: "Your session has ended. Sign in again (your text is kept)." };
    const retry = response.headers.get("retry-after");
    const message = data?.error?.message ?? `The server answered ${response.status}. Your text is kept; try again.`;
    return { ok: false, status: response.status, message: retry && response.status === 429 && !/\d/.test(message) ? `${message} Try again in ${retry} s.` : message };
  }
  return { ok: true, data: data as T };
}

/** A random UUID, also on plain-http hosts where crypto.randomUUID is not available. */
export function newRequestKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
