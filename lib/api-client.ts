/** For client islands: call one of our JSON route handlers and get either the data or the
 *  sentence (and field messages) the server answered with — never a thrown error. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string; fields?: Record<string, string> };

export async function callApi<T = unknown>(method: "POST" | "PUT" | "PATCH" | "DELETE", url: string, body?: unknown): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, message: "Colloquy could not be reached. Check your connection and try again." };
  }
  const json = (await response.json().catch(() => null)) as { error?: { message?: string; fields?: Record<string, string> } } | null;
  if (!response.ok) {
    return { ok: false, status: response.status, message: json?.error?.message ?? `Something went wrong (${response.status}). Try again.`, fields: json?.error?.fields };
  }
  return { ok: true, data: json as T };
}
