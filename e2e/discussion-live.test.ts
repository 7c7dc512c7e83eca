import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { inject } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signedInContext, openReading, marker } from "./support/browser";
import { startAppServer, type AppServer } from "../scripts/lib/app-server";

/**
 * Live discussion between two students: each in their own browser context (own cookies),
 * and — in the last test — each on their own app instance over one database, so the only
 * way a comment can travel is PostgreSQL LISTEN/NOTIFY → the other instance's SSE stream.
 */
let browser: Browser;
let second: AppServer | null = null;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await second?.stop();
});

const READING = /Soviet Society After Stalin/;

async function openPanel(page: Page, n: number) {
  await marker(page, n).click();
  await page.getByRole("heading", { name: `Paragraph ${n}` }).waitFor();
}

async function post(page: Page, text: string) {
  await page.getByRole("textbox", { name: "Comment" }).fill(text);
  await page.getByRole("button", { name: "Post comment" }).click();
  await page.locator("#discussion-panel article", { hasText: text }).waitFor();
}

/** How long until `text` shows in `page` (the arrival time a reader experiences). */
async function arrival(page: Page, text: string, timeout = 5000) {
  const t0 = Date.now();
  await page.getByText(text).first().waitFor({ timeout });
  return Date.now() - t0;
}

describe("a live conversation between two browsers", () => {
  test("comment, reply, edit, reaction and deletion appear for the other reader without reload; counts and markers follow", async () => {
    const c1 = await signedInContext(browser, "student1@demo.colloquy");
    const c2 = await signedInContext(browser, "student2@demo.colloquy");
    const [p1, p2] = [await c1.newPage(), await c2.newPage()];
    await openReading(p1, READING);
    await openReading(p2, READING);
    await openPanel(p1, 4);
    await openPanel(p2, 4);
    // Both streams are connected before anything is posted.
    await p1.waitForFunction(() => !document.body.textContent?.includes("Reconnecting"));

    const question = `Is the twilight a real one? ${Date.now()}`;
    await post(p2, question);
    const ms = await arrival(p1, question);
    expect(ms, "live arrival").toBeLessThan(3000);
    // The marker's count followed, and the arrival was announced politely.
    await expect.poll(() => marker(p1, 4).getAttribute("aria-label")).toMatch(/: \d+ comments?$/);
    await expect.poll(() => p1.locator("[role=status][aria-live=polite]").first().textContent()).toContain("New comment from Lena Fischer");

    // Reply from p1 → appears nested in p2.
    const thread = p1.locator("li", { has: p1.getByText(question) }).first();
    await thread.getByRole("button", { name: "Reply" }).first().click();
    const reply = `It is, but slowly. ${Date.now()}`;
    await p1.getByRole("textbox", { name: "Reply" }).fill(reply);
    await p1.getByRole("button", { name: "Post reply" }).click();
    await arrival(p2, reply);
    await expect(p2.getByRole("list", { name: "Replies to Lena Fischer" }).getByText(reply).isVisible()).resolves.toBe(true);

    // p2 edits the question → p1 sees the new text and "edited".
    const edited = `${question} (edited: I mean politically)`;
    const mine = p2.locator("article", { hasText: question }).first();
    await mine.getByRole("button", { name: "Edit" }).click();
    await p2.getByRole("textbox", { name: "Edit comment" }).fill(edited);
    await p2.getByRole("button", { name: "Save" }).click();
    await arrival(p1, "(edited: I mean politically)");
    await expect(p1.locator("article", { hasText: "(edited: I mean politically)" }).getByText(/edited/).first().isVisible()).resolves.toBe(true);

    // p1 finds it helpful → p2 sees the count, and who.
    const theirs = p1.locator("article", { hasText: "(edited: I mean politically)" }).first();
    await theirs.getByRole("button", { name: /Helpful/ }).click();
    await expect.poll(() => theirs.getByRole("button", { name: /Helpful/ }).getAttribute("aria-pressed")).toBe("true");
    await p2.locator("article", { hasText: "(edited: I mean politically)" }).getByText("1 found this helpful").waitFor();

    // p2 deletes the question: it had a reply, so both see a tombstone holding the reply.
    await p2.locator("article", { hasText: "(edited: I mean politically)" }).getByRole("button", { name: "Delete" }).click();
    await p2.getByRole("button", { name: "Delete" }).click();
    await p1.getByRole("article", { name: "Deleted comment" }).first().waitFor();
    await expect(p1.getByText("(edited: I mean politically)").count()).resolves.toBe(0);
    await expect(p1.getByText(reply).isVisible()).resolves.toBe(true);
    // p1 deletes that last reply: the tombstone has nothing left to hold and goes, for both.
    await p1.locator("article", { hasText: reply }).getByRole("button", { name: "Delete" }).click();
    await p1.getByRole("button", { name: "Delete" }).click();
    await expect.poll(() => p1.getByRole("article", { name: "Deleted comment" }).count()).toBe(0);
    await expect.poll(() => p2.getByRole("article", { name: "Deleted comment" }).count()).toBe(0);

    // A new thread elsewhere lights that paragraph's marker and a quiet pill; the open panel stays.
    const before = await marker(p1, 9).getAttribute("aria-label");
    await p2.getByRole("button", { name: "Close discussion" }).click();
    await openPanel(p2, 9);
    await post(p2, `Paragraph nine matters. ${Date.now()}`);
    await expect.poll(() => marker(p1, 9).getAttribute("aria-label")).not.toBe(before);
    await expect.poll(() => marker(p1, 9).getAttribute("aria-label")).toMatch(/, 1 new$/);
    await p1.getByRole("button", { name: /new comment on ¶ 9/ }).waitFor();
    await expect(p1.getByRole("heading", { name: "Paragraph 4" }).isVisible()).resolves.toBe(true);
    // Another reader's new passage is highlighted at once (CSS Custom Highlight), no reload.
    await p2.evaluate(() => {
      const node = document.createTreeWalker(document.getElementById("p-10")!, NodeFilter.SHOW_TEXT).nextNode()!;
      const range = document.createRange();
      range.setStart(node, 0);
      range.setEnd(node, 12);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    await p2.getByRole("button", { name: "Comment on selection" }).click();
    await post(p2, `On these words ${Date.now()}`);
    await expect.poll(() => marker(p1, 10).getAttribute("aria-label")).toMatch(/, 1 new$/);
    await p1.waitForFunction(() => (CSS as unknown as { highlights: Map<string, { size: number }> }).highlights.get("colloquy-live")?.size === 1);
    // It behaves like any highlight: hovering shows its thread's first line, a click opens it.
    await p1.evaluate(() => document.getElementById("p-10")!.scrollIntoView({ block: "center" }));
    const spot = await p1.evaluate(() => {
      const live = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get("colloquy-live")!;
      const box = [...live][0]!.getClientRects()[0]!;
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    });
    await p1.mouse.move(spot.x, spot.y);
    await expect.poll(() => p1.getByRole("tooltip").textContent()).toContain("On these words");
    await p1.mouse.click(spot.x, spot.y);
    await p1.getByRole("heading", { name: "Paragraph 10" }).waitFor();
    await p1.locator("#discussion-panel article", { hasText: "On these words" }).waitFor();
    // Its author deletes it (no replies): the live highlight goes at once for the other reader.
    await p2.locator("#discussion-panel article", { hasText: "On these words" }).getByRole("button", { name: "Delete" }).click();
    await p2.getByRole("button", { name: "Delete" }).click();
    await p1.waitForFunction(() => ((CSS as unknown as { highlights: Map<string, { size: number }> }).highlights.get("colloquy-live")?.size ?? 0) === 0);
    await expect.poll(() => p1.locator("#discussion-panel article", { hasText: "On these words" }).count()).toBe(0);
    // Nothing was reloaded: the first page's navigation is the only one.
    await expect(p1.evaluate(() => performance.getEntriesByType("navigation").length)).resolves.toBe(1);
    await c1.close();
    await c2.close();
  }, 180_000);

  test("signing out in one tab stops the live stream in the session's other tabs at once", async () => {
    const context = await signedInContext(browser, "student3@demo.colloquy");
    const [reader, other] = [await context.newPage(), await context.newPage()];
    await openReading(reader, READING);
    await reader.waitForFunction(() => !document.body.textContent?.includes("Reconnecting"));
    await other.goto("/");
    await other.getByRole("button", { name: "Sign out" }).click();
    await other.waitForURL(/signin|\/$/);
    // Well under the stream's one-minute re-check: the sign-out itself ends it.
    await reader.getByText("Live updates stopped: your session ended.").waitFor({ timeout: 10_000 });
    await context.close();
  }, 120_000);

  test("two app instances on one database: a comment posted through one reaches a reader on the other", async () => {
    second = await startAppServer({ databaseUrl: inject("e2eDatabaseUrl"), distDir: ".next-e2e", log: () => {} });
    const c1 = await signedInContext(browser, "student1@demo.colloquy");
    const c2 = await browser.newContext({ baseURL: second.baseUrl, viewport: { width: 1280, height: 900 } });
    // Sign in on the second instance (same secret, its own cookie jar).
    const csrf = (await (await c2.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await c2.request.post("/api/auth/callback/credentials", { form: { csrfToken: csrf.csrfToken, email: "student3@demo.colloquy", password: "demo-password", json: "true" } });
    const [p1, p2] = [await c1.newPage(), await c2.newPage()];
    await openReading(p1, READING);
    await openReading(p2, READING);
    expect(new URL(p1.url()).port).not.toBe(new URL(p2.url()).port);
    await openPanel(p1, 6);
    await openPanel(p2, 6);
    const text = `Across two servers ${Date.now()}`;
    await post(p2, text);
    const ms = await arrival(p1, text);
    expect(ms, "arrival across instances").toBeLessThan(3000);
    const back = `And back again ${Date.now()}`;
    await post(p1, back);
    await arrival(p2, back);
    await c1.close();
    await c2.close();
  }, 180_000);
});
