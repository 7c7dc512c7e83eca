import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signedInContext, openReading } from "./support/browser";

const READING = "Khrushchev on Stalin";
const PARAGRAPH = /^Discuss paragraph 8\b/;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openParagraph(email: string) {
  const context = await signedInContext(browser, email);
  const page = await context.newPage();
  await openReading(page, READING);
  await page.getByRole("button", { name: PARAGRAPH }).click();
  await page.getByRole("textbox", { name: "Comment" }).waitFor();
  return { context, page };
}

async function post(page: Page, text: string) {
  await page.getByRole("textbox", { name: "Comment" }).fill(text);
  await page.getByRole("button", { name: "Post comment" }).click();
  await page.getByText(text).waitFor();
}

const commentOf = (page: Page, text: string) => page.getByRole("article", { name: /^Comment by / }).filter({ hasText: text });

describe("moderation", () => {
  test("an instructor hides a comment with a reason: the author sees it hidden with the reason, a classmate does not see it", { timeout: 180_000 }, async () => {
    const text = `A remark that goes too far ${Date.now()}`;
    const reason = "Please keep it about the text, not about classmates.";
    const sam = await openParagraph("student1@demo.colloquy");
    await post(sam.page, text);
    // Students see no moderation controls.
    await expect(commentOf(sam.page, text).getByRole("button", { name: "Hide", exact: true }).count()).resolves.toBe(0);

    const prof = await openParagraph("instructor@demo.colloquy");
    const target = commentOf(prof.page, text);
    await target.getByRole("button", { name: "Hide", exact: true }).click();
    const dialog = prof.page.getByRole("dialog", { name: "Hide this comment" });
    await dialog.getByRole("textbox", { name: "Reason" }).fill(reason);
    await dialog.getByRole("button", { name: "Hide comment" }).click();
    await target.getByText("Hidden", { exact: true }).waitFor();
    await target.getByRole("button", { name: "Unhide" }).waitFor();

    await sam.page.reload();
    await sam.page.getByRole("button", { name: PARAGRAPH }).click();
    const own = commentOf(sam.page, text);
    await own.getByText(`Hidden by an instructor: ${reason}`).waitFor();

    const lena = await openParagraph("student2@demo.colloquy");
    await lena.page.getByRole("textbox", { name: "Comment" }).waitFor();
    await expect(lena.page.getByText(text).count()).resolves.toBe(0);
    await expect(lena.page.content()).resolves.not.toContain(text);
    await Promise.all([sam.context.close(), prof.context.close(), lena.context.close()]);
  });

  test("a student reports a comment; the instructor sees it in the queue and hides it; classmates no longer see it", { timeout: 180_000 }, async () => {
    const text = `Something a classmate finds offensive ${Date.now()}`;
    const sam = await openParagraph("student1@demo.colloquy");
    await post(sam.page, text);

    const lena = await openParagraph("student2@demo.colloquy");
    await commentOf(lena.page, text).getByRole("button", { name: "Report" }).click();
    await lena.page.getByRole("textbox", { name: "Reason" }).fill("This mocks another student.");
    await lena.page.getByRole("button", { name: "Report comment" }).click();
    // The form closes only when the report is saved (a refusal keeps it open with the message).
    await expect.poll(() => lena.page.getByRole("button", { name: "Report comment" }).count(), { timeout: 15_000 }).toBe(0);
    // The reader keeps their place: focus is on the reported comment, not back at the top.
    await expect.poll(() => lena.page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? "")).toMatch(/^Comment by /);
    // The student has no queue link.
    await lena.page.goto("/");
    await lena.page.getByRole("link", { name: /De-Stalinization/ }).click();
    await lena.page.getByRole("heading", { name: "Readings" }).waitFor();
    await expect(lena.page.getByRole("link", { name: /Moderation/ }).count()).resolves.toBe(0);

    const prof = (await signedInContext(browser, "instructor@demo.colloquy")).newPage();
    const p = await prof;
    await p.goto("/");
    await p.getByRole("link", { name: /De-Stalinization/ }).click();
    // The home page has a "Moderation (N)" link per course too: wait for the course page.
    await p.waitForURL(/\/courses\/de-stalinization[^/]*$/);
    const tab = p.getByRole("link", { name: /^Moderation/ });
    await expect(tab.textContent()).resolves.toMatch(/^Moderation\s*\(?\d+\)?$/);
    await tab.click();
    const card = p.getByRole("article", { name: "Reported comment by Sam Okafor" }).filter({ hasText: text });
    await card.getByText("This mocks another student.").waitFor();
    await expect(card.getByRole("link", { name: "¶ 8" }).getAttribute("href")).resolves.toMatch(/#c-/);
    await card.getByRole("button", { name: "Hide…" }).click();
    await card.getByRole("textbox", { name: "Reason" }).fill("Mocking a classmate.");
    await card.getByRole("button", { name: "Hide comment" }).click();
    // The card leaves the queue once the page has reloaded its list.
    await expect.poll(() => p.getByText(text).count(), { timeout: 20_000 }).toBe(0);
    await p.getByRole("link", { name: /^Recently actioned/ }).click();
    await p.getByText("Reason: Mocking a classmate.").first().waitFor();

    await openReading(lena.page, READING);
    await lena.page.getByRole("button", { name: PARAGRAPH }).click();
    await lena.page.getByRole("textbox", { name: "Comment" }).waitFor();
    await expect(lena.page.content()).resolves.not.toContain(text);

    await sam.page.reload();
    await sam.page.getByRole("button", { name: PARAGRAPH }).click();
    await commentOf(sam.page, text).getByText("Hidden by an instructor: Mocking a classmate.").waitFor();
    await Promise.all([sam.context.close(), p.context().close(), lena.context.close()]);
  });
});
