/**
 * Response headers and the address boundary, over HTTP against the built app.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { Client } from "./support/client";
import { HTTP_DIST_DIR } from "./support/global-server";
import { baseUrl } from "./support/world";

const anon = () => new Client(baseUrl);

describe("Content-Security-Policy with nonces", () => {
  test("each page response has its own nonce, and every script on the page carries it", async () => {
    const seen = new Set<string>();
    for (const path of ["/", "/signin", "/signup"]) {
      const page = await anon().request("GET", path);
      const policy = page.headers.get("content-security-policy") ?? "";
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
      expect(nonce, path).toBeTruthy();
      expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("base-uri 'self'");
      expect(policy).not.toContain("unsafe-inline");
      expect(policy).not.toContain("unsafe-eval");
      const scripts = [...page.text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, `${path}: ${tag}`).toContain(`nonce="${nonce}"`);
      seen.add(nonce!);
    }
    expect(seen.size).toBe(3);
  });

  test("upgrade-insecure-requests only behind HTTPS (over plain HTTP it would break a local server's own assets)", async () => {
    expect((await anon().request("GET", "/signin")).headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
    expect((await anon().request("GET", "/signin", { headers: { "X-Forwarded-Proto": "https" } })).headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });

  test("the benchmark's static pages stay static: /_not-found is prerendered and /bench-static is outside the proxy", async () => {
    const manifest = JSON.parse(readFileSync(`${HTTP_DIST_DIR}/prerender-manifest.json`, "utf8")) as { routes: Record<string, unknown> };
    expect(Object.keys(manifest.routes)).toContain("/_not-found");
    const bench = await anon().request("GET", "/bench-static/anything");
    expect(bench.headers.get("content-security-policy") ?? "").not.toContain("nonce");
  });
});

describe("headers on every response", () => {
  test("pages and API answers: nosniff, no framing, same-origin referrers, a Permissions-Policy; HSTS only over HTTPS", async () => {
    for (const path of ["/", "/api/health", "/api/comments?blockId=x"]) {
      const answer = await anon().request("GET", path);
      expect(answer.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(answer.headers.get("x-frame-options"), path).toBe("DENY");
      expect(answer.headers.get("referrer-policy"), path).toBe("same-origin");
      expect(answer.headers.get("permissions-policy"), path).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
      expect(answer.headers.get("strict-transport-security"), path).toBeNull();
      const https = await anon().request("GET", path, { headers: { "X-Forwarded-Proto": "https" } });
      expect(https.headers.get("strict-transport-security"), path).toBe("max-age=63072000; includeSubDomains");
    }
    expect((await anon().request("GET", "/")).headers.get("x-powered-by")).toBeNull();
  });
});

describe("addresses that cannot be read are a 400 with a sentence", () => {
  test("malformed percent-encoding in a page address", async () => {
    for (const path of ["/courses/%ff", "/courses/x/readings/%ff", "/courses/%", "/courses/%c0%80/readings/a"]) {
      const answer = await anon().request("GET", path);
      expect(answer.status, path).toBe(400);
      expect(answer.text, path).toContain("This address is malformed");
    }
  });

  test("NUL in a query or a path", async () => {
    const api = await anon().request("GET", "/api/comments?blockId=%00");
    expect(api.status).toBe(400);
    expect((api.json as { error: { message: string } }).error.message).toMatch(/NUL character/);
    expect((await anon().request("GET", "/courses/%00")).status).toBe(400);
  });

  test("a POST with a body to a malformed API address (Next.js alone answers 500)", async () => {
    const answer = await anon().request("POST", "/api/comments/a%2/reattach", { json: { blockId: "x" } });
    expect(answer.status).toBe(400);
    expect((answer.json as { error: { message: string } }).error.message).toMatch(/malformed/);
  });
});
