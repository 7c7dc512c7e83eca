/**
 * The reading's text is HTML built once per revision (lib/readings/article-html.ts) and put
 * into the page outside the RSC payload (components/reading/static-article.tsx): what a
 * reader notices is that it is there — after a full load, a client-side navigation, back
 * and forward — with working markers, and that the page does not carry it twice.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, openReading, signedInContext, marker } from "./support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const READING = /Downgrading of Stalin/;
const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe("the reading's text", () => {
  test("reached by a client-side navigation, it loads, its markers open the discussion, and it is back after back/forward", async () => {
    const c = await signedInContext(browser, "student2@demo.colloquy");
    const p = await c.newPage();
    await openReading(p, READING); // clicks links: the router brings the RSC payload only
    const words = /[A-Za-z ,]{40,}/.exec((await p.locator("#p-3").textContent()) ?? "")![0];
    await marker(p, 3).click();
    await p.getByRole("heading", { name: "Paragraph 3" }).waitFor();
    await expect(marker(p, 3).getAttribute("aria-expanded")).resolves.toBe("true");
    await p.keyboard.press("Escape");

    await p.goBack();
    await p.getByRole("link", { name: READING }).waitFor();
    await p.goForward();
    await p.locator("#p-3", { hasText: words }).waitFor();
    await marker(p, 3).click();
    await p.getByRole("heading", { name: "Paragraph 3" }).waitFor();
    await c.close();
  });

  test("the page's HTML holds the text once, with the viewer's counts in its markers; the RSC payload does not hold it", async () => {
    const c = await signedInContext(browser, "student3@demo.colloquy");
    const p = await c.newPage();
    await openReading(p, READING);
    const url = p.url();
    const words = /[A-Za-z ,]{40,}/.exec((await p.locator("#p-2").textContent()) ?? "")![0];
    const label = (await marker(p, 2).getAttribute("aria-label"))!;

    const html = await (await c.request.get(url)).text();
    expect(occurrences(html, words)).toBe(1);
    expect(html).toContain(`aria-label="${label}"`);
    const rsc = await (await c.request.get(url, { headers: { RSC: "1" } })).text();
    expect(rsc.length).toBeGreaterThan(1000);
    expect(occurrences(rsc, words)).toBe(0);

    // A full load shows the server's text and its markers work before anything is fetched again.
    await p.goto(url);
    await p.locator("#p-2", { hasText: words }).waitFor();
    await marker(p, 2).click();
    await p.getByRole("heading", { name: "Paragraph 2" }).waitFor();
    await c.close();
  });
});
