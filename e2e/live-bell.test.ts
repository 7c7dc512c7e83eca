/**
 * The live bell (issue 8): a reply by B makes A's bell say "Notifications: 1 unread" on
 * the page A already has open — no reload — through the notifications.changed ping.
 * Uses a reading of its own (inserted into the demo course, removed afterwards).
 */
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import pg from "pg";
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { baseUrl, launchBrowser, signedInContext } from "./support/browser";

let browser: Browser;
let readingId: string;
let blockId: string;

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: inject("e2eDatabaseUrl") });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  browser = await launchBrowser();
  readingId = `lb${randomUUID().replace(/-/g, "").slice(0, 20)}`;
  blockId = `${readingId}b0`;
  await sql(
    `INSERT INTO "Reading" ("id", "courseId", "slug", "title", "position", "updatedAt", "openNotifiedAt")
     SELECT $1, "id", 'live-bell-reading', 'Live Bell Reading', 98, now(), now() FROM "Course" WHERE "isDemo" LIMIT 1`,
    [readingId],
  );
  await sql(`INSERT INTO "Block" ("id", "readingId", "position", "number", "kind", "text", "updatedAt") VALUES ($1, $2, 0, 1, 'PARAGRAPH', 'A paragraph to talk about.', now())`, [blockId, readingId]);
});

afterAll(async () => {
  await browser?.close();
  if (readingId) await sql(`DELETE FROM "Reading" WHERE "id" = $1`, [readingId]);
});

const bell = (page: Page) => page.getByRole("link", { name: /^Notifications/ });

describe("the live bell", () => {
  test("B replies to A: A's open page says 'Notifications: 1 unread' without a reload", { timeout: 120_000 }, async () => {
    const a = await signedInContext(browser, "student1@demo.colloquy");
    const b = await signedInContext(browser, "student2@demo.colloquy");
    const page = await a.newPage();
    // Start from an empty bell (other tests may have left notifications).
    await page.goto("/notifications");
    if ((await page.getByRole("button", { name: "Mark all read" }).count()) > 0) {
      await page.getByRole("button", { name: "Mark all read" }).click();
      await expect.poll(() => bell(page).getAttribute("aria-label"), { timeout: 15_000 }).toBe("Notifications: none unread");
    }
    await page.goto("/");
    await expect(bell(page).getAttribute("aria-label")).resolves.toBe("Notifications: none unread");
    const origin = { Origin: new URL(baseUrl).origin };
    const posted = await a.request.post("/api/comments", { data: { readingId, blockId, body: `A question ${Date.now()}?` }, headers: origin });
    expect(posted.status()).toBe(201);
    const { comment } = (await posted.json()) as { comment: { id: string } };
    // Give the bell's stream a moment to be open, then B answers.
    await page.waitForTimeout(1000);
    const navigations: string[] = [];
    page.on("framenavigated", (f) => {
      if (f === page.mainFrame()) navigations.push(f.url());
    });
    const reply = await b.request.post("/api/comments", { data: { readingId, blockId, parentId: comment.id, body: `An answer ${Date.now()}` }, headers: origin });
    expect(reply.status()).toBe(201);
    await expect.poll(() => bell(page).getAttribute("aria-label"), { timeout: 15_000 }).toBe("Notifications: 1 unread");
    expect(navigations, "no reload").toEqual([]);
    await a.close();
    await b.close();
  });
});
