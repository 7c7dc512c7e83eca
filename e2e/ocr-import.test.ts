/**
 * Issue 11 item 4 as an instructor meets it: a scanned PDF (no text layer) is uploaded on the
 * import page; a progress bar with named stages says "Recognising text, page N of 3" while
 * tesseract.js reads each page in a background job; the preview says the text came from a
 * scan, shows the recognised, repaired text ready to publish, and marks the words OCR was
 * unsure of (the fixture's page 1 has a smudged band) for the instructor to check.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import path from "node:path";
import type { Browser } from "playwright-core";
import { launchBrowser, signedInContext } from "./support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("importing a scanned PDF", () => {
  test("the import page shows OCR progress page by page, then a preview of the recognised text", async () => {
    const ctx = await signedInContext(browser, "instructor@demo.colloquy");
    const page = await ctx.newPage();
    await page.goto("/courses/de-stalinization-1955-57/readings/new");
    await page.getByLabel("Reading file").setInputFiles(path.resolve("tests/fixtures/import/scanned/001-scan.pdf"));
    await page.getByRole("button", { name: "Preview import" }).click();

    const progress = page.getByTestId("task-progress");
    await progress.waitFor();
    await expect(progress.getByRole("list", { name: "Stages" }).textContent()).resolves.toContain("Recognising text");
    // Once uploaded, the running import can be cancelled.
    await progress.getByRole("button", { name: "Cancel" }).waitFor({ timeout: 120_000 });
    // Each page is named as it is recognised.
    await page.getByText(/^Recognising text, page [123] of 3$/).first().waitFor({ timeout: 240_000 });
    const current = progress.locator('[aria-current="step"]');
    await expect(current.textContent()).resolves.toContain("Recognising text");

    await page.getByRole("heading", { name: /Import report/ }).waitFor({ timeout: 480_000 });
    await expect(page.getByTestId("ocr-notice").textContent()).resolves.toMatch(/3 pages were recognised from a scan \(OCR, \d+% mean confidence\)/);
    await expect(page.getByLabel("Title").inputValue()).resolves.toBe("Khrushchev on Stalin");
    const blocks = page.getByRole("list", { name: "Blocks" });
    await expect(blocks.textContent()).resolves.toContain("No one who has seen and heard N. S. Khrushchev speaking on a platform");
    // The smudged lines' doubtful words are marked for the instructor to check, with the confidence for screen readers.
    await expect(page.getByTestId("ocr-notice").textContent()).resolves.toMatch(/\d+ words are marked/);
    const marks = blocks.locator("mark");
    expect(await marks.count()).toBeGreaterThanOrEqual(5);
    await expect(marks.first().textContent()).resolves.toMatch(/uncertain OCR, \d+%/);
    await ctx.close();
  }, 600_000);
});
