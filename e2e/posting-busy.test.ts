/**
 * Posting when Colloquy is past its capacity, in a real browser: the composer shows the
 * server's "busy" message, keeps the text, and the same Post button posts it (once) when
 * there is room again. The app here is its own, allowed one post in flight
 * (COLLOQUY_POSTS_IN_FLIGHT=1, lib/net/admission.ts); a classmate's post is held in flight
 * the way a busy database holds it — another connection holds the reading's live-event lock
 * (lib/live/publish.ts).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import pg from "pg";
import { launchBrowser, signedInContext, DEMO_PASSWORD } from "./support/browser";
import { audit } from "./support/axe";
import { withLockHeld } from "../tests/support/hold-lock";
import { startSeededApp } from "../tests/support/seeded-app";
import { readingTopic } from "../lib/live/topics";
import { BUSY_MESSAGE } from "../lib/net/admission";

let browser: Browser;
let app: Awaited<ReturnType<typeof startSeededApp>>;
let sql: pg.Pool;

beforeAll(async () => {
  app = await startSeededApp("busy", { COLLOQUY_POSTS_IN_FLIGHT: "1", COLLOQUY_POSTS_WAIT_MS: "200", COLLOQUY_RATE_COMMENT: "1000/1m", COLLOQUY_READING_NOTICES: "off" });
  sql = new pg.Pool({ connectionString: app.databaseUrl, max: 3 });
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await sql?.end();
  await app?.stop();
});

const signedIn = (email: string): Promise<BrowserContext> => signedInContext(browser, email, DEMO_PASSWORD, undefined, app.baseUrl);

describe("posting while Colloquy is busy", () => {
  test("the composer says Colloquy is busy and keeps the text; Post again posts it once when there is room", async () => {
    const [reading] = (await sql.query<{ id: string; blockId: string }>(
      `SELECT r.id, b.id AS "blockId" FROM "Reading" r JOIN "Block" b ON b."readingId" = r.id WHERE r.title LIKE 'Khrushchev on Stalin%' AND b.kind = 'PARAGRAPH' ORDER BY b.position LIMIT 1`,
    )).rows;
    expect(reading).toBeDefined();

    const context = await signedIn("student1@demo.colloquy");
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("link", { name: /De-Stalinization/ }).click();
    await page.getByRole("link", { name: /Khrushchev on Stalin/ }).click();
    await page.waitForSelector("#p-1");
    await page.getByRole("button", { name: /^Discuss paragraph 4\b/ }).click();
    const text = `Posted when there was room again ${Date.now()}`;
    const box = page.getByRole("textbox", { name: "Comment" });
    await box.fill(text);

    // A classmate's post takes the one turn and is held in flight.
    const classmate = await signedIn("student2@demo.colloquy");
    let held: Promise<number> | null = null;
    try {
      // The classmate's post waits for the reading's live-event lock inside its transaction (tests/support/hold-lock.ts).
      const lock = { sql: "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", params: [readingTopic(reading!.id)], locktype: "advisory" as const };
      await withLockHeld(app.databaseUrl, lock, async ({ waiting, release }) => {
        held = classmate.request
          .post("/api/comments", { data: { readingId: reading!.id, blockId: reading!.blockId, body: `Held in flight ${Date.now()}` }, headers: { Origin: app.baseUrl }, timeout: 60_000 })
          .then((r) => r.status());
        await expect.poll(waiting, { timeout: 20_000 }).toBeGreaterThan(0);

        await page.getByRole("button", { name: "Post comment" }).click();
        const alert = page.getByRole("alert").filter({ hasText: "Colloquy is busy" });
        await alert.waitFor();
        await expect(alert.textContent()).resolves.toContain(BUSY_MESSAGE);
        await expect(box.inputValue()).resolves.toBe(text);
        await expect(box.getAttribute("aria-invalid")).resolves.toBe("true");
        expect((await sql.query(`SELECT 1 FROM "Comment" WHERE body = $1`, [text])).rowCount).toBe(0);
        // The message is read out and the page stays accessible.
        await expect(audit(page)).resolves.toEqual([]);

        await release();
        expect(await held).toBe(201);
        held = null;
      });
    } finally {
      await (held as Promise<number> | null)?.catch(() => {});
    }

    // Room again: the same button posts the kept text, once.
    await page.getByRole("button", { name: "Post comment" }).click();
    await page.locator("article, li").filter({ hasText: text }).first().waitFor();
    await expect.poll(() => box.inputValue()).toBe("");
    await expect.poll(() => page.getByText("Colloquy is busy").count()).toBe(0);
    expect((await sql.query(`SELECT 1 FROM "Comment" WHERE body = $1`, [text])).rowCount).toBe(1);
    await classmate.close();
    await context.close();
  });
});
