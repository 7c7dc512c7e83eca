import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { baseUrl, launchBrowser, signedInContext } from "./support/browser";

let browser: Browser;
let ctx: BrowserContext;
let target: { readingId: string; blockId: string };

beforeAll(async () => {
  browser = await launchBrowser();
  ctx = await signedInContext(browser, "student3@demo.colloquy");
  // Find a paragraph through the page itself, as the app does.
  const page = await ctx.newPage();
  await page.goto("/courses/de-stalinization-1955-57/readings/the-great-flight-from-stalinism");
  const blockId = await page.locator("[data-block-row]").nth(5).getAttribute("data-block-row");
  // The reading id travels with each post: post once through the UI and read it from the request.
  await page.getByRole("button", { name: /^Discuss paragraph 6\b/ }).click();
  const posted = page.waitForResponse((r) => r.url().endsWith("/api/comments") && r.request().method() === "POST");
  await page.getByRole("textbox", { name: "Comment" }).fill("Setting up the API checks");
  await page.getByRole("button", { name: "Post comment" }).click();
  const body = JSON.parse((await posted).request().postData() ?? "{}") as { readingId: string };
  target = { readingId: body.readingId, blockId: blockId! };
  await page.close();
});
afterAll(async () => {
  await ctx?.close();
  await browser?.close();
});

describe("bad requests get a clear 4xx, never a 500", () => {
  test("malformed JSON", async () => {
    const r = await ctx.request.post("/api/comments", { headers: { "Content-Type": "application/json" }, data: Buffer.from("{not json") });
    expect(r.status()).toBe(422);
    expect((await r.json()).error.message).toMatch(/not valid JSON/);
  });

  test("a form posted as text/plain (what a cross-site form can send) is refused", async () => {
    const r = await ctx.request.post("/api/comments", { headers: { "Content-Type": "text/plain" }, data: JSON.stringify({ ...target, body: "hi" }) });
    expect(r.status()).toBe(415);
  });

  test("a request marked cross-site is refused", async () => {
    const r = await ctx.request.post("/api/comments", { headers: { "Content-Type": "application/json", "Sec-Fetch-Site": "cross-site" }, data: { ...target, body: "hi" } });
    expect(r.status()).toBe(403);
  });

  test("an oversized body is refused before it is read whole", async () => {
    const r = await ctx.request.post("/api/comments", { headers: { "Content-Type": "application/json" }, data: JSON.stringify({ ...target, body: "x".repeat(600_000) }) });
    expect(r.status()).toBe(413);
  });

  test("a comment with a NUL character (pasted from a PDF) is saved without it", async () => {
    const r = await ctx.request.post("/api/comments", { headers: { "Content-Type": "application/json" }, data: { ...target, body: "before\u0000after" } });
    expect(r.status()).toBe(201);
    // The author gets their Markdown source back (others get only the rendered HTML).
    expect((await r.json()).comment.source).toBe("beforeafter");
  });

  test("wrong types and unknown ids", async () => {
    const wrongType = await ctx.request.post("/api/comments", { headers: { "Content-Type": "application/json" }, data: { ...target, body: 42 } });
    expect(wrongType.status()).toBe(422);
    const unknown = await ctx.request.post("/api/comments", { headers: { "Content-Type": "application/json" }, data: { readingId: "nope", blockId: "nope", body: "hi" } });
    expect(unknown.status()).toBe(404);
    const noBlock = await ctx.request.get("/api/comments");
    expect(noBlock.status()).toBe(422);
  });

  test("signed out: 401 with a message", async () => {
    const anon = await browser.newContext({ baseURL: baseUrl });
    const r = await anon.request.get(`/api/comments?blockId=${target.blockId}`);
    expect(r.status()).toBe(401);
    expect((await r.json()).error.message).toBe("Sign in to continue.");
    await anon.close();
  });
});
