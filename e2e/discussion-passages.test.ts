import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { inject } from "vitest";
import pg from "pg";
import type { Browser, Page } from "playwright-core";
import { baseUrl, launchBrowser, signedInContext, openReading, marker } from "./support/browser";
import { hashPassword } from "../lib/auth/password";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const READING = /Downgrading of Stalin/;

/** Screen coordinates of characters [from, to) of paragraph n's first text node. */
async function textBox(page: Page, n: number, from: number, to: number) {
  return page.evaluate(
    ([n, from, to]) => {
      const p = document.getElementById(`p-${n}`)!;
      const node = document.createTreeWalker(p, NodeFilter.SHOW_TEXT).nextNode()!;
      const r = document.createRange();
      r.setStart(node, from);
      r.setEnd(node, to);
      const rects = r.getClientRects();
      const a = rects[0]!;
      const b = rects[rects.length - 1]!;
      return { x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2, text: r.toString() };
    },
    [n, from, to] as const,
  );
}

describe("passages", () => {
  test("select with the mouse → Comment on selection → the quote above the composer → posted; highlighted with <mark>, also in the server HTML after a reload", async () => {
    const c = await signedInContext(browser, "student1@demo.colloquy");
    const p = await c.newPage();
    await openReading(p, READING);
    const box = await textBox(p, 2, 0, 30);
    await p.mouse.move(box.x1, box.y1);
    await p.mouse.down();
    await p.mouse.move(box.x2, box.y2, { steps: 8 });
    await p.mouse.up();
    await p.getByRole("button", { name: "Comment on selection" }).click({ timeout: 10_000 });
    await p.getByRole("heading", { name: "Paragraph 2" }).waitFor();
    const quote = (await p.getByRole("blockquote", { name: "Quoted passage" }).textContent())!.replace(/[“”]/g, "");
    expect(box.text.trim()).toContain(quote.trim().slice(0, 10));
    // `Comment on selection` lands in the composer: typing writes the comment.
    await p.waitForFunction(() => document.activeElement?.id === "main-composer");
    const body = `A passage comment ${Date.now()}`;
    await p.keyboard.type(body);
    await p.keyboard.press("Control+Enter");
    await p.locator("#discussion-panel article", { hasText: body }).waitFor();
    await p.locator("#p-2 mark").first().waitFor();
    await expect(p.locator("#p-2 mark").first().textContent()).resolves.toBe(quote.trim().slice(0, (await p.locator("#p-2 mark").first().textContent())!.length));

    // Everyone sees it after a reload, rendered by the server.
    const html = await (await c.request.get(p.url().split("#")[0]!)).text();
    expect(html).toMatch(/<p id="p-2"[^>]*>[^]*?<mark class="hl"/);
    const c2 = await signedInContext(browser, "student2@demo.colloquy");
    const p2 = await c2.newPage();
    await openReading(p2, READING);
    const mark = p2.locator("#p-2 mark[tabindex='0']").first();
    await mark.hover();
    await p2.getByRole("tooltip").getByText(/Sam Okafor: A passage comment/).waitFor();
    // Clicking the highlight opens its thread.
    await mark.click();
    await p2.getByRole("heading", { name: "Paragraph 2" }).waitFor();
    await p2.locator("#discussion-panel article", { hasText: body }).waitFor();
    await c.close();
    await c2.close();
  });

  test("by keyboard: s selects in the focused paragraph, arrows grow it, Enter comments", async () => {
    const c = await signedInContext(browser, "student3@demo.colloquy");
    const p = await c.newPage();
    await openReading(p, READING);
    await marker(p, 3).focus();
    await p.keyboard.press("s");
    await p.keyboard.press("ArrowRight");
    await p.keyboard.press("ArrowRight");
    await p.keyboard.press("ArrowRight");
    const selected = await p.evaluate(() => getSelection()?.toString() ?? "");
    expect(selected.split(/\s+/).length).toBe(4);
    await p.keyboard.press("Enter");
    await p.getByRole("heading", { name: "Paragraph 3" }).waitFor();
    await expect(p.getByRole("blockquote", { name: "Quoted passage" }).textContent()).resolves.toContain(selected.trim());
    await p.waitForFunction(() => document.activeElement?.id === "main-composer");
    await p.keyboard.type("Four words, by keyboard.");
    await p.keyboard.press("Control+Enter");
    await p.locator("#p-3 mark").first().waitFor();
    // The ? dialog lists the selection keys.
    await p.keyboard.press("Escape");
    await p.keyboard.press("?");
    await expect(p.getByRole("dialog", { name: "Keyboard shortcuts" }).getByText(/Select text in the focused paragraph/).isVisible()).resolves.toBe(true);
    await c.close();
  });
});

describe("edit, delete, Markdown, links", () => {
  test("edit shows 'edited'; delete asks once and, without replies, the comment disappears; Markdown links are clickable and safe", async () => {
    const c = await signedInContext(browser, "student2@demo.colloquy");
    const p = await c.newPage();
    await openReading(p, READING);
    await marker(p, 5).click();
    const stamp = Date.now();
    await p.getByRole("textbox", { name: "Comment" }).fill(`See [the source](https://example.org/deutscher) and [this](javascript:alert(1)) <img src=x onerror=alert(1)> **bold** ${stamp}`);
    await p.getByRole("button", { name: "Post comment" }).click();
    const article = p.locator("article", { hasText: String(stamp) });
    await article.waitFor();
    const link = article.getByRole("link", { name: "the source" });
    await expect(link.getAttribute("rel")).resolves.toBe("nofollow noopener ugc");
    await expect(link.getAttribute("target")).resolves.toBe("_blank");
    await expect(article.getByRole("link", { name: "this" }).count()).resolves.toBe(0);
    await expect(article.locator("img, [onerror]").count()).resolves.toBe(0);
    await expect(article.getByText("<img src=x onerror=alert(1)>").isVisible()).resolves.toBe(true);
    await expect(article.locator("strong").textContent()).resolves.toBe("bold");

    await article.getByRole("button", { name: "Edit" }).click();
    const box = p.getByRole("textbox", { name: "Edit comment" });
    await expect(box.inputValue()).resolves.toContain("[the source](https://example.org/deutscher)");
    await box.fill(`Rewritten ${stamp}`);
    await p.getByRole("button", { name: "Save" }).click();
    const edited = p.locator("article", { hasText: `Rewritten ${stamp}` });
    await edited.getByText(/· edited/).waitFor();

    await edited.getByRole("button", { name: "Delete" }).click();
    await edited.getByText("Delete this comment?").waitFor();
    await edited.getByRole("button", { name: "Delete" }).click();
    await expect.poll(() => p.locator("article", { hasText: `Rewritten ${stamp}` }).count()).toBe(0);
    await expect(p.getByRole("article", { name: "Deleted comment" }).count()).resolves.toBe(0);
    await c.close();
  });

  test("Copy link gives …#c-<id>; opening it scrolls to the paragraph, opens the thread and focuses the comment; #p-N:discuss opens a paragraph", async () => {
    const c = await signedInContext(browser, "student1@demo.colloquy");
    await c.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
    const p = await c.newPage();
    await openReading(p, READING);
    await marker(p, 14).click();
    const text = `Link to me ${Date.now()}`;
    await p.getByRole("textbox", { name: "Comment" }).fill(text);
    await p.getByRole("button", { name: "Post comment" }).click();
    const article = p.locator("article", { hasText: text });
    await article.getByRole("button", { name: "Copy link" }).click();
    const link = await p.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/\/readings\/[^#]+#c-[A-Za-z0-9_-]+$/);

    const c2 = await signedInContext(browser, "student3@demo.colloquy");
    const p2 = await c2.newPage();
    await p2.goto(link);
    await p2.getByRole("heading", { name: "Paragraph 14" }).waitFor();
    const id = link.split("#c-")[1]!;
    await p2.waitForFunction((id) => document.activeElement?.getAttribute("data-comment") === id, id);
    await expect(p2.locator(`[data-comment="${id}"]`).isVisible()).resolves.toBe(true);

    await p2.goto(`${link.split("#")[0]}#p-7:discuss`);
    await p2.reload();
    await p2.getByRole("heading", { name: "Paragraph 7" }).waitFor();
    await c.close();
    await c2.close();
  });
});

describe("long threads and small screens", () => {
  test("a paragraph with 200 comments opens with the first page and a Load more button", async () => {
    const client = new pg.Client({ connectionString: inject("e2eDatabaseUrl") });
    await client.connect();
    const { rows } = await client.query(
      `SELECT b."id" AS "blockId", r."id" AS "readingId", r."courseId", u."id" AS "userId"
       FROM "Block" b JOIN "Reading" r ON r."id" = b."readingId", "User" u
       WHERE r."title" LIKE 'Significance%' AND b."number" = 5 AND u."email" = 'instructor@demo.colloquy'`,
    );
    const { blockId, readingId, courseId, userId } = rows[0];
    await client.query(
      `INSERT INTO "Comment" ("id", "courseId", "readingId", "blockId", "authorId", "body", "bodyHtml", "createdAt", "updatedAt", "activityAt")
       SELECT 'bulk' || g, $1, $2, $3, $4, 'Bulk comment ' || g, '<p>Bulk comment ' || g || '</p>', now() - (300 - g) * interval '1 second', now(), now()
       FROM generate_series(1, 200) g`,
      [courseId, readingId, blockId, userId],
    );
    await client.end();
    const c = await signedInContext(browser, "student2@demo.colloquy");
    const p = await c.newPage();
    await openReading(p, /Significance of Developments/);
    await expect(marker(p, 5).getAttribute("aria-label")).resolves.toMatch(/: 200 comments, 200 new$/);
    await marker(p, 5).click();
    await p.getByText("Bulk comment 1", { exact: true }).waitFor();
    const list = p.getByRole("list", { name: "Discussion of paragraph 5" });
    expect(await list.locator(":scope > li").count()).toBe(25);
    await p.getByRole("button", { name: "Load more" }).click();
    await expect.poll(() => list.locator(":scope > li").count()).toBe(50);
    // Opening it marked it read.
    await expect.poll(() => marker(p, 5).getAttribute("aria-label")).toMatch(/: 200 comments$/);
    await c.close();
  });

  test("on a phone the discussion is a bottom sheet, with the paragraph it discusses still in view above it", async () => {
    const c = await signedInContext(browser, "student3@demo.colloquy", undefined, { width: 390, height: 844 });
    const p = await c.newPage();
    await openReading(p, READING);
    await marker(p, 2).click();
    await p.getByRole("heading", { name: "Paragraph 2" }).waitFor();
    const box = (await p.locator("#discussion-panel").boundingBox())!;
    expect(box.width).toBe(390);
    expect(box.y + box.height).toBeCloseTo(844, 0);
    // Most of the screen for the thread, but not all: the paragraph's opening lines stay
    // visible above the sheet (it is scrolled there when the sheet opens).
    expect(box.height / 844).toBeGreaterThan(0.6);
    expect(box.height / 844).toBeLessThan(0.8);
    await expect.poll(async () => {
      const para = (await p.locator("#p-2").boundingBox())!;
      return para.y >= 0 && para.y + 40 <= box.y;
    }).toBe(true);
    await expect(p.getByRole("textbox", { name: "Comment" }).isVisible()).resolves.toBe(true);
    await c.close();
  });

  test("the live stream: a signed-out request gets 401 at once, an outsider 404, a member an event stream", async () => {
    const client = new pg.Client({ connectionString: inject("e2eDatabaseUrl") });
    await client.connect();
    const readingId = (await client.query(`SELECT "id" FROM "Reading" WHERE "title" LIKE '%Downgrading%'`)).rows[0].id as string;
    const email = `outsider.${Date.now()}@test.colloquy`;
    await client.query(`INSERT INTO "User" ("id", "email", "name", "passwordHash", "updatedAt") VALUES ($1, $2, 'Out Sider', $3, now())`, [`u${Date.now()}`, email, await hashPassword("outsider-password")]);
    await client.end();

    const anonymous = await browser.newContext({ baseURL: baseUrl });
    const t0 = Date.now();
    expect((await anonymous.request.get(`/api/readings/${readingId}/events`, { timeout: 5000 })).status()).toBe(401);
    expect(Date.now() - t0).toBeLessThan(5000);
    const outsider = await signedInContext(browser, email, "outsider-password");
    const refused = await outsider.request.get(`/api/readings/${readingId}/events`, { timeout: 5000 });
    expect(refused.status()).toBe(404);
    expect(await refused.text()).not.toMatch(/comment/i);
    // A member's stream opens as text/event-stream (read in the page, then closed).
    const member = await signedInContext(browser, "student1@demo.colloquy");
    const page = await member.newPage();
    await page.goto("/");
    const head = await page.evaluate(async (url) => {
      const controller = new AbortController();
      const r = await fetch(url, { signal: controller.signal });
      const reader = r.body!.getReader();
      const { value } = await reader.read();
      controller.abort();
      return { type: r.headers.get("content-type"), first: new TextDecoder().decode(value) };
    }, `/api/readings/${readingId}/events`);
    expect(head.type).toMatch(/^text\/event-stream/);
    expect(head.first).toMatch(/^retry: \d+/);
    await anonymous.close();
    await outsider.close();
    await member.close();
  });
});
