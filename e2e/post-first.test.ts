/**
 * "Post before you see" (issue 8 item 5) in a real browser: the instructor turns it on for
 * a reading on the Schedule page; a student who has not posted on a paragraph sees how many
 * classmates' comments wait there, never their text; after posting, the panel shows them.
 * Uses a reading of its own (inserted into the demo course, removed afterwards), so no other
 * browser test meets the setting.
 */
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import pg from "pg";
import { randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import { launchBrowser, openReading, signedInContext } from "./support/browser";
import { audit } from "./support/axe";

const TITLE = "Honest First Responses";
const PARAGRAPH = /^Discuss paragraph 1\b/;

let browser: Browser;
let readingId: string;

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
  readingId = `pf${randomUUID().replace(/-/g, "").slice(0, 20)}`;
  await sql(
    `INSERT INTO "Reading" ("id", "courseId", "slug", "title", "position", "updatedAt", "openNotifiedAt")
     SELECT $1, "id", 'honest-first-responses', $2, 99, now(), now() FROM "Course" WHERE "isDemo" LIMIT 1`,
    [readingId, TITLE],
  );
  const texts = ["The lamp in the gallery throws a long shadow over every argument.", "A second paragraph, for later."];
  for (const [i, text] of texts.entries())
    await sql(`INSERT INTO "Block" ("id", "readingId", "position", "number", "kind", "text", "updatedAt") VALUES ($1, $2, $3, $4, 'PARAGRAPH', $5, now())`, [`${readingId}b${i}`, readingId, i, i + 1, text]);
});

afterAll(async () => {
  await browser?.close();
  if (readingId) await sql(`DELETE FROM "Reading" WHERE "id" = $1`, [readingId]);
});

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

describe("post before you see", () => {
  test("on for a reading, a student sees classmates' comments on a paragraph only after posting there", { timeout: 120_000 }, async () => {
    // The instructor turns it on from the Schedule page.
    const helen = await signedInContext(browser, "instructor@demo.colloquy");
    const prof = await helen.newPage();
    await prof.goto("/");
    await prof.getByRole("link", { name: /De-Stalinization/ }).click();
    await prof.getByRole("link", { name: /^Schedule/ }).first().click();
    const toggle = prof.getByRole("checkbox", { name: `Post before you see “${TITLE}”` });
    await expect(toggle.isChecked()).resolves.toBe(false);
    await toggle.check();
    await prof.getByText(`Students now post on a paragraph of “${TITLE}” before they see their classmates' comments there.`).waitFor();
    await expect(prof.getByRole("combobox", { name: `Anonymity for “${TITLE}”` }).inputValue()).resolves.toBe("inherit");
    expect(await audit(prof)).toEqual([]);
    await helen.close();

    // Sam posts first: nobody else has, so nothing is held back from him.
    const samText = `Sam's first take on the lamp ${unique()}`;
    const sam = await signedInContext(browser, "student1@demo.colloquy");
    const p1 = await sam.newPage();
    await openReading(p1, TITLE);
    await p1.getByRole("button", { name: PARAGRAPH }).click();
    await p1.getByRole("textbox", { name: "Comment" }).fill(samText);
    await p1.getByRole("button", { name: "Post comment" }).click();
    await p1.locator("article[data-comment]").filter({ hasText: samText }).waitFor();
    await sam.close();

    // Lena has not posted there: a count, no text — not in the marker, the panel or the page.
    const lena = await signedInContext(browser, "student2@demo.colloquy");
    const p2 = await lena.newPage();
    await openReading(p2, TITLE);
    const marker = p2.getByRole("button", { name: PARAGRAPH });
    await expect(marker.getAttribute("aria-label")).resolves.toMatch(/: 0 comments$/);
    await marker.click();
    await p2.getByRole("note").filter({ hasText: "Post your own comment on this paragraph to see your classmates' (1 comment)." }).waitFor();
    await expect(p2.content()).resolves.not.toContain(samText);
    expect(await audit(p2)).toEqual([]);

    // She posts: the panel loads again with Sam's comment beside hers.
    const lenaText = `Lena's own reading of the shadow ${unique()}`;
    await p2.getByRole("textbox", { name: "Comment" }).fill(lenaText);
    await p2.getByRole("button", { name: "Post comment" }).click();
    await p2.locator("article[data-comment]").filter({ hasText: samText }).waitFor();
    await p2.locator("article[data-comment]").filter({ hasText: lenaText }).waitFor();
    await expect(p2.getByRole("note").filter({ hasText: "Post your own comment" }).count()).resolves.toBe(0);
    await expect(marker.getAttribute("aria-label")).resolves.toMatch(/: 2 comments/);
    await lena.close();
  });
});
