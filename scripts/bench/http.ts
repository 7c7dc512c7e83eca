import { fetchRetryingOnce } from "../lib/fetch-retry";

/** The bench's own requests (not the measured load) retry once when a socket breaks. */
export const benchFetch = fetchRetryingOnce;

/** GET `url` uncompressed (as the load generators see it), the body as bytes. */
export async function getBytes(url: string, cookie?: string) {
  const t0 = performance.now();
  const r = await benchFetch(url, { headers: { "Accept-Encoding": "identity", ...(cookie ? { Cookie: cookie } : {}) } });
  const body = Buffer.from(await r.arrayBuffer());
  return { status: r.status, headers: r.headers, body, ms: performance.now() - t0 };
}
