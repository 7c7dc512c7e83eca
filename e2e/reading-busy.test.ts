/**
 * Opening a reading when Colloquy is past its capacity for reads, in a real browser: the
 * reader gets a page that says Colloquy is busy (answered 503 with Retry-After, not a 500),
 * readable and accessible, and its "Try again" loads the reading once there is room. The app
 * here is its own, allowed one read in flight waiting at most 500 ms for a turn
 * (COLLOQUY_READS_IN_FLIGHT=1, lib/net/admission.ts); a classmate's thread open holds that
 * turn the way a busy database holds it — another connection holds the reactions table.
 * Each account may have one read in flight here (COLLOQUY_RATE_READS=1, normally 8): a
 * reader whose own earlier read is still held gets a page saying so at once (429).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import pg from "pg";
import { launchBrowser, signedInContext, DEMO_PASSWORD } from "./support/browser";
import { audit } from "./support/axe";
import { startSeededApp } from "../tests/support/seeded-app";
import { READS_BUSY_MESSAGE } from "../lib/net/admission";
import { LIMITS } from "../lib/rate-limit/limits";
import { REACTIONS_LOCK, withLockHeld } from "../tests/support/hold-lock";

let browser: Browser;
let app: Awaited<ReturnType<typeof startSeededApp>>;
let sql: pg.Pool;

beforeAll(async () => {
  app = await startSeededApp("readbusy", { COLLOQUY_READS_IN_FLIGHT: "1", COLLOQUY_READS_WAIT_MS: "500", COLLOQUY_RATE_READS: "1", COLLOQUY_READING_NOTICES: "off" });
  sql = new pg.Pool({ connectionString: app.databaseUrl, max: 3 });
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await sql?.end();
  await app?.stop();
});

const signedIn = (email: string, viewport?: { width: number; height: number }): Promise<BrowserContext> => signedInContext(browser, email, DEMO_PASSWORD, viewport, app.baseUrl);

async function target() {
  const [row] = (await sql.query<{ id: string; path: string; blockId: string }>(
    `SELECT r.id, '/courses/' || co.slug || '/readings/' || r.slug AS path, b.id AS "blockId"
       FROM "Reading" r JOIN "Course" co ON co.id = r."courseId" JOIN "Block" b ON b."readingId" = r.id
      WHERE r.title LIKE 'Khrushchev on Stalin%' AND b.kind = 'PARAGRAPH' ORDER BY b.position LIMIT 1`,
  )).rows;
  expect(row).toBeDefined();
  return row!;
}

/** Hold reads up the way a busy database does (tests/support/hold-lock.ts: another connection
 *  holds the reactions table). `hold` starts the reads to hold; they are awaited after COMMIT. */
async function whileReadsHeld(hold: () => Promise<number>, during: () => Promise<void>) {
  let held: Promise<number> | null = null;
  try {
    await withLockHeld(app.databaseUrl, REACTIONS_LOCK, async ({ waiting, release }) => {
      held = hold();
      await expect.poll(waiting, { timeout: 20_000 }).toBeGreaterThan(0);
      await during();
      await release();
      expect(await held).toBe(200);
      held = null;
    });
  } finally {
    await (held as Promise<number> | null)?.catch(() => {});
  }
}

describe("opening a reading while Colloquy is busy", () => {
  test("the reader gets a 503 page that says Colloquy is busy; Try again opens the reading when there is room", async () => {
    const reading = await target();
    // Phone-sized: the busy page must read well there too.
    const context = await signedIn("student1@demo.colloquy", { width: 390, height: 844 });
    const page = await context.newPage();
    const classmate = await signedIn("student2@demo.colloquy");
    // A comment in the paragraph, so that opening its thread reads reactions.
    const posted = await classmate.request.post("/api/comments", { data: { readingId: reading.id, blockId: reading.blockId, body: `A thread to open ${Date.now()}` }, headers: { Origin: app.baseUrl } });
    expect(posted.status()).toBe(201);
    await whileReadsHeld(
      () => classmate.request.get(`/api/comments?blockId=${reading.blockId}`, { timeout: 60_000 }).then((r) => r.status()),
      async () => {
        const response = await page.goto(reading.path);
        expect(response!.status()).toBe(503);
        expect(Number(response!.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
        await page.getByRole("heading", { level: 1, name: "Colloquy is busy right now" }).waitFor();
        await expect(page.getByText(READS_BUSY_MESSAGE).isVisible()).resolves.toBe(true);
        // Not the generic error page, and no stack or internals.
        await expect(page.getByText("Something went wrong").count()).resolves.toBe(0);
        await expect(page.locator("main").innerText()).resolves.not.toMatch(/ReadsBusyError|\.js|digest|stack/i);
        await expect(audit(page)).resolves.toEqual([]);
      },
    );

    // Room again: Try again (keyboard) opens the reading itself.
    const again = page.getByRole("button", { name: "Try again" });
    await again.focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector("#p-1");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toMatch(/Khrushchev on Stalin/);
    await classmate.close();
    await context.close();
  });

  test("a reader whose own earlier read is still loading (past its session's share) is told so at once (429); Try again opens the reading", async () => {
    const reading = await target();
    const context = await signedIn("student3@demo.colloquy");
    const page = await context.newPage();
    const posted = await context.request.post("/api/comments", { data: { readingId: reading.id, blockId: reading.blockId, body: `Another thread ${Date.now()}` }, headers: { Origin: app.baseUrl } });
    expect(posted.status()).toBe(201);
    await whileReadsHeld(
      // The same account's thread open, held: its one read in flight.
      () => context.request.get(`/api/comments?blockId=${reading.blockId}`, { timeout: 60_000 }).then((r) => r.status()),
      async () => {
        const t0 = Date.now();
        const response = await page.goto(reading.path);
        expect(response!.status()).toBe(429);
        expect(Number(response!.headers()["retry-after"])).toBe(2);
        await page.getByRole("heading", { level: 1, name: "Too many pages loading at once" }).waitFor();
        await expect(page.getByText(`${LIMITS.reads.what}. Close some tabs or wait for them to load, then try again.`).isVisible()).resolves.toBe(true);
        await expect(page.locator("main").innerText()).resolves.not.toMatch(/TooManyReadsError|\.js|digest|stack/i);
        await expect(audit(page)).resolves.toEqual([]);
        // At once: not after the 500 ms wait for a turn, let alone the held read.
        expect(Date.now() - t0).toBeLessThan(5_000);
      },
    );
    // The refusal comes from proxy.ts, before Next.js renders: a plain page, its link reloads.
    await page.getByRole("link", { name: "Try again" }).click();
    await page.waitForSelector("#p-1");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toMatch(/Khrushchev on Stalin/);
    await context.close();
  });
});
