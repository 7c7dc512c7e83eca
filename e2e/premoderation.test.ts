import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import pg from "pg";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signedInContext, openReading } from "./support/browser";
import { audit } from "./support/axe";

const READING = "Khrushchev on Stalin";
const PARAGRAPH = /^Discuss paragraph 8\b/;
const PEOPLE = ["student1@demo.colloquy", "student2@demo.colloquy", "student3@demo.colloquy"];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});

/** Put the demo course back as the seed left it (off by default): whatever happened above,
 *  the other browser tests must find no pre-moderation, no mute and Tomás a student. */
afterAll(async () => {
  await browser?.close();
  const client = new pg.Client({ connectionString: inject("e2eDatabaseUrl") });
  await client.connect();
  try {
    await client.query(
      `UPDATE "Membership" SET "premoderated" = false, "mutedUntil" = NULL, "muteReason" = NULL, "role" = 'STUDENT'
        WHERE "role" <> 'INSTRUCTOR' AND "userId" IN (SELECT "id" FROM "User" WHERE "email" = ANY($1))`,
      [PEOPLE],
    );
  } finally {
    await client.end();
  }
});

async function openParagraph(email: string) {
  const context = await signedInContext(browser, email);
  const page = await context.newPage();
  await openReading(page, READING);
  await page.getByRole("button", { name: PARAGRAPH }).click();
  await page.getByRole("textbox", { name: "Comment" }).waitFor();
  return { context, page };
}

async function openCourseTab(page: Page, tab: RegExp) {
  await page.goto("/");
  await page.getByRole("link", { name: /De-Stalinization/ }).first().click();
  await page.getByRole("heading", { name: "Readings" }).waitFor();
  await page.getByRole("link", { name: tab }).click();
}

const commentOf = (page: Page, text: string) => page.getByRole("article", { name: /^Comment by / }).filter({ hasText: text });

/** "YYYY-MM-DDTHH:mm" two days from now (in any time zone it is in the future and within a year). */
const inTwoDays = () => new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 16);

describe("pre-moderation and mutes", () => {
  test("a pre-moderated student's comment waits for approval: the author sees 'Waiting for approval', a classmate sees nothing until a TA approves it from the Pending tab; a muted student sees why instead of the composer", { timeout: 240_000 }, async () => {
    const text = `A held thought about the secret speech ${Date.now()}`;
    const prof = await (await signedInContext(browser, "instructor@demo.colloquy")).newPage();

    // The instructor makes Tomás a TA and puts Sam under pre-moderation, on the People page.
    await openCourseTab(prof, /^People/);
    await prof.getByRole("combobox", { name: "Role of Tomás Reyes" }).selectOption("TA");
    await prof.getByText("Saved").first().waitFor();
    await prof.getByRole("checkbox", { name: "Pre-moderate Sam Okafor" }).check();
    await prof.getByText("Sam Okafor's new comments now wait for approval.").waitFor();
    await expect(audit(prof)).resolves.toEqual([]);

    // Sam posts: he sees it, marked as waiting.
    const sam = await openParagraph("student1@demo.colloquy");
    await sam.page.getByRole("textbox", { name: "Comment" }).fill(text);
    await sam.page.getByRole("button", { name: "Post comment" }).click();
    await commentOf(sam.page, text).getByText("Waiting for approval", { exact: true }).waitFor();

    // Lena, a classmate, sees nothing of it.
    const lena = await openParagraph("student2@demo.colloquy");
    await expect(lena.page.getByText(text).count()).resolves.toBe(0);
    await expect(lena.page.content()).resolves.not.toContain(text);

    // Tomás, now a TA, finds it through "Moderation (N)" → Pending and approves it.
    const ta = await (await signedInContext(browser, "student3@demo.colloquy")).newPage();
    await openCourseTab(ta, /^Moderation/);
    await ta.getByRole("link", { name: /^Pending \(\d+\)/ }).click();
    const card = ta.getByRole("article", { name: "Pending comment by Sam Okafor" }).filter({ hasText: text });
    await card.getByText(/Held because the author's comments are pre-moderated/).waitFor();
    await expect(audit(ta)).resolves.toEqual([]);
    await card.getByRole("button", { name: "Approve" }).click();
    await expect.poll(() => ta.getByText(text).count(), { timeout: 20_000 }).toBe(0);

    // Lena now sees it.
    await lena.page.reload();
    await lena.page.getByRole("button", { name: PARAGRAPH }).click();
    await commentOf(lena.page, text).waitFor();

    // The instructor mutes Lena: on the reading, the composer gives way to the reason and the date.
    await openCourseTab(prof, /^People/);
    await prof.getByRole("button", { name: "Mute… Lena Fischer" }).click();
    const form = prof.getByRole("form", { name: "Mute Lena Fischer" });
    await form.getByLabel("Muted until").fill(inTwoDays());
    await form.getByLabel("Reason").fill("Please take a break after Tuesday's thread.");
    await form.getByRole("button", { name: "Mute", exact: true }).click();
    await prof.getByText(/^Muted until .+: Please take a break after Tuesday's thread\./).waitFor();

    await lena.page.reload();
    await lena.page.getByText(/You are muted in this course until .+: Please take a break after Tuesday's thread\./).first().waitFor();
    await lena.page.getByRole("button", { name: PARAGRAPH }).click();
    await lena.page.getByRole("note").filter({ hasText: "You are muted in this course until" }).last().waitFor();
    await expect(lena.page.getByRole("textbox", { name: "Comment" }).count()).resolves.toBe(0);
    // She can still read the discussion.
    await commentOf(lena.page, text).waitFor();

    await Promise.all([prof.context().close(), sam.context.close(), lena.context.close(), ta.context().close()]);
  });

  test("the Settings and Schedule pages' moderation controls are accessible, and the demo course has everything off", { timeout: 120_000 }, async () => {
    const prof = await (await signedInContext(browser, "instructor@demo.colloquy")).newPage();
    await openCourseTab(prof, /^Settings/);
    await expect(prof.getByRole("checkbox", { name: "Hold every student's new comment for approval" }).isChecked()).resolves.toBe(false);
    await expect(prof.getByRole("textbox", { name: "Word list" }).inputValue()).resolves.toBe("");
    await expect(audit(prof)).resolves.toEqual([]);
    await openCourseTab(prof, /^Schedule/);
    await prof.getByRole("heading", { name: "Discussion moderation" }).waitFor();
    await expect(prof.getByRole("checkbox", { name: `Pre-moderate “${READING}”` }).isChecked()).resolves.toBe(false);
    await prof.getByRole("button", { name: `Lock discussion of “${READING}”` }).waitFor();
    await expect(audit(prof)).resolves.toEqual([]);
    await prof.context().close();
  });
});
