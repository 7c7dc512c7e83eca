/** The reading page's JavaScript (issue 9), as a reader's Chromium fetches it: the page's
 *  module scripts only (never Next's nomodule polyfills, which the benchmark therefore counts
 *  apart), the discussion panel's code only once a reader asks for it, the shortcuts list in
 *  the HTML rather than in a script, and sign-out without next-auth's client library. */
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { noModuleScripts, pageScripts } from "../scripts/bench/sections/client";
import { launchBrowser, openReading, signedInContext } from "./support/browser";

const READING = "Khrushchev on Stalin";
/** Regression guard, KB gzip: React DOM and Next's router are ~132 of it (see docs/BENCHMARKS.md). */
const BUDGET_KB = 150;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Every script the page fetches from now on: path → body. */
function recordScripts(p: Page) {
  const fetched = new Map<string, Buffer>();
  p.on("response", (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith("/_next/") && url.pathname.endsWith(".js")) void r.body().then((b) => fetched.set(url.pathname + url.search, b), () => {});
  });
  return fetched;
}

describe("the reading page's scripts", () => {
  test("Chromium loads the page's module scripts, not its nomodule polyfills; the panel's code comes when a reader opens a discussion", async () => {
    const c = await signedInContext(browser, "student1@demo.colloquy");
    const p = await c.newPage();
    await openReading(p, READING);
    const fetched = recordScripts(p);
    // A fresh load of the reading itself, as from a link in an email.
    await p.reload({ waitUntil: "load" });
    await p.waitForSelector("#p-1");
    const html = await (await c.request.get(p.url())).text();
    const all = pageScripts(html);
    const legacy = noModuleScripts(html);
    expect(legacy.size, "Next still emits its nomodule polyfills (else the bench's note is stale)").toBeGreaterThan(0);
    const modules = all.filter((s) => !legacy.has(s));
    await expect.poll(() => modules.filter((s) => !fetched.has(s)), { timeout: 10_000 }).toEqual([]);
    for (const src of legacy) expect(fetched.has(src), `${src} (nomodule) was fetched`).toBe(false);

    // What the bench counts is what arrived, and it stays within the budget.
    const kb = modules.reduce((n, s) => n + gzipSync(fetched.get(s)!, { level: 6 }).length, 0) / 1024;
    expect(kb).toBeLessThanOrEqual(BUDGET_KB);
    // Nothing that loaded has the composer or the shortcuts list in it: the first comes on
    // demand, the second is HTML.
    const loaded = () => [...fetched.values()].map((b) => b.toString("utf8"));
    await p.waitForTimeout(500);
    expect(loaded().some((js) => js.includes("Select text in the focused paragraph"))).toBe(false);
    expect(loaded().some((js) => js.includes("Post comment"))).toBe(false);

    // Asked for, the panel arrives and works.
    await p.getByRole("button", { name: /^Discuss paragraph 2\b/ }).click();
    await p.getByRole("heading", { name: "Paragraph 2" }).waitFor();
    await p.getByRole("button", { name: "Post comment" }).waitFor();
    expect(loaded().some((js) => js.includes("Post comment"))).toBe(true);
    await c.close();
  }, 90_000);

  test("the shortcuts dialog opens from its button and from ?, Esc closes it and focus goes back", async () => {
    const c = await signedInContext(browser, "student2@demo.colloquy");
    const p = await c.newPage();
    await openReading(p, READING);
    const dialog = p.getByRole("dialog", { name: "Keyboard shortcuts" });
    const button = p.getByRole("button", { name: "Keyboard shortcuts" });
    await button.click();
    await dialog.getByText("Next / previous paragraph").waitFor();
    await p.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await expect(button.evaluate((b) => b === document.activeElement)).resolves.toBe(true);
    // "?" opens it too, but not while typing in the search box.
    await p.getByRole("searchbox", { name: "Search" }).fill("?");
    await expect(dialog.isVisible()).resolves.toBe(false);
    await p.getByRole("button", { name: /^Discuss paragraph 1\b/ }).focus();
    await p.keyboard.press("?");
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Close" }).click();
    await dialog.waitFor({ state: "hidden" });
    await c.close();
  }, 60_000);

  test("Sign out (without next-auth's client library) ends the session and lands on the sign-in page", async () => {
    const c = await signedInContext(browser, "student3@demo.colloquy");
    const p = await c.newPage();
    await openReading(p, READING);
    const reading = p.url();
    await p.getByRole("button", { name: "Sign out" }).click();
    await p.waitForURL(/\/signin/);
    await p.getByRole("button", { name: "Sign in" }).waitFor();
    const session = (await (await c.request.get("/api/auth/session")).json()) as { user?: unknown };
    expect(session.user).toBeUndefined();
    // The reading now asks for a sign-in.
    await p.goto(reading);
    await p.waitForURL(/\/signin/);
    await c.close();
  }, 60_000);
});
