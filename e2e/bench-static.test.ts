/** The benchmark's yardstick page (app/bench-static): Next must serve it prerendered, from
 *  its cache, whatever else the app adds (a CSP nonce, a proxy) — otherwise the bench's
 *  "page ÷ prerendered page" ratio compares the reading page with another dynamic page. */
import { describe, expect, test } from "vitest";
import { staticPageOfSize } from "../scripts/bench/static-page";
import { baseUrl } from "./support/browser";

const get = async (path: string) => {
  const r = await fetch(baseUrl + path, { headers: { "Accept-Encoding": "identity" } });
  return { status: r.status, headers: r.headers, html: await r.text() };
};

describe("the bench's static comparison page", () => {
  test("is rendered once, then served from Next's cache as a prerendered page", async () => {
    const first = await get("/bench-static/4321");
    expect(first.status).toBe(200);
    const again = await get("/bench-static/4321");
    expect(again.headers.get("x-nextjs-cache")).toBe("HIT");
    expect(again.headers.get("cache-control")).toMatch(/s-maxage=\d+/);
    expect(again.html).toBe(first.html);
    expect(again.html).toContain("the reader&#x27;s question about a passage");
    expect(again.html).toMatch(/<meta name="robots" content="noindex, nofollow"/);
  });

  test("holds filler only, for the benchmark: no session, no course data", async () => {
    const { html } = await get("/bench-static/2000");
    expect(html).not.toMatch(/De-Stalinization|Sign out|demo\.colloquy/);
  });

  test("odd sizes are a 404, so one page has one URL", async () => {
    for (const path of ["/bench-static/0100", "/bench-static/abc", "/bench-static/99999999"]) expect((await get(path)).status, path).toBe(404);
  });

  test("the bench finds the filler length whose page has a given HTML size", async () => {
    const target = (await get("/bench-static/30000")).html.length + 1001;
    const found = await staticPageOfSize(baseUrl, target);
    expect(Math.abs(found.bytes - target)).toBeLessThanOrEqual(4);
    expect(Buffer.byteLength((await get(found.path)).html)).toBe(found.bytes);
    expect(found.evidence).toMatch(/x-nextjs-cache: HIT/);
  });

  test("its dynamic twin (app/bench-dynamic) renders the same filler on every request, with a fresh nonce", async () => {
    const [a, b] = [await get("/bench-dynamic/4321"), await get("/bench-dynamic/4321")];
    expect(a.status).toBe(200);
    expect(b.headers.get("x-nextjs-cache")).toBeNull();
    expect(b.headers.get("cache-control")).toMatch(/no-store/);
    const nonce = (html: string) => html.match(/nonce="([^"]+)"/)?.[1];
    expect(nonce(a.html)).toBeTruthy();
    expect(nonce(b.html)).not.toBe(nonce(a.html));
    // The same words as the prerendered page: the bench compares rendering, not content.
    const words = (html: string) => html.match(/<main[\s\S]*<\/main>/)?.[0];
    expect(words(a.html)).toBe(words((await get("/bench-static/4321")).html));
    expect((await get("/bench-dynamic/abc")).status).toBe(404);
  });
});
