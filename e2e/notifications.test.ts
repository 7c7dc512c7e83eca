import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signedInContext, openReading } from "./support/browser";
import { audit } from "./support/axe";

const READING = "Khrushchev on Stalin";
const PARAGRAPH = /^Discuss paragraph 5\b/;
const A = "student3@demo.colloquy"; // Tomás Reyes
const B = "student2@demo.colloquy"; // Lena Fischer

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

const commentOf = (page: Page, text: string) => page.getByRole("article", { name: /^Comment by / }).filter({ hasText: text });
const bell = (page: Page) => page.getByRole("link", { name: /^Notifications/ });

describe("notifications", () => {
  test("B replies to A: A's bell shows 1 unread, the inbox item links to the reply, opening it marks it read", { timeout: 240_000 }, async () => {
    const text = `Where does the lamp's light fall? ${Date.now()}`;
    const answer = `On the miners' faces, I think ${Date.now()}`;
    const a = await openParagraph(A);
    // Start from an empty bell (earlier runs or tests may have left notifications).
    await a.page.goto("/notifications");
    if ((await a.page.getByRole("button", { name: "Mark all read" }).count()) > 0) {
      await a.page.getByRole("button", { name: "Mark all read" }).click();
      await expect.poll(() => bell(a.page).getAttribute("aria-label"), { timeout: 15_000 }).toBe("Notifications: none unread");
    }
    await openReading(a.page, READING);
    await a.page.getByRole("button", { name: PARAGRAPH }).click();
    await a.page.getByRole("textbox", { name: "Comment" }).fill(text);
    await a.page.getByRole("button", { name: "Post comment" }).click();
    await commentOf(a.page, text).waitFor();

    const b = await openParagraph(B);
    await commentOf(b.page, text).getByRole("button", { name: "Reply" }).click();
    await b.page.getByRole("textbox", { name: "Reply" }).fill(answer);
    await b.page.getByRole("button", { name: "Post reply" }).click();
    await b.page.getByText(answer).waitFor();
    // B, the replier, is not told about their own reply.
    await b.page.goto("/notifications");
    await expect(b.page.getByRole("link", { name: /Lena Fischer replied to you/ }).count()).resolves.toBe(0);

    // The bell is read per page load: load the home page until it has counted (a loaded
    // machine answered one early run's first request without a count).
    await expect
      .poll(async () => {
        await a.page.goto("/");
        return bell(a.page).getAttribute("aria-label");
      }, { timeout: 20_000, interval: 1000 })
      .toBe("Notifications: 1 unread");
    await bell(a.page).click();
    await a.page.getByRole("heading", { name: "Notifications", level: 1 }).waitFor();
    const item = a.page.getByRole("link", { name: /^Lena Fischer replied to you \(unread\)/ });
    const href = await item.getAttribute("href");
    expect(href).toMatch(/^\/courses\/[^/]+\/readings\/[^/]+#c-[a-z0-9]+$/);
    expect(await audit(a.page)).toEqual([]);

    await item.click();
    await a.page.waitForURL(/#c-/);
    expect(new URL(a.page.url()).hash).toBe(href!.slice(href!.indexOf("#")));
    // The deep link opens the thread at the reply.
    await a.page.locator(href!.slice(href!.indexOf("#"))).getByText(answer).waitFor();
    await a.page.goto("/notifications");
    await a.page.getByRole("link", { name: /^Lena Fischer replied to you/ }).first().waitFor();
    await expect(a.page.getByRole("link", { name: /^Lena Fischer replied to you \(unread\)/ }).count()).resolves.toBe(0);
    await expect(bell(a.page).getAttribute("aria-label")).resolves.toBe("Notifications: none unread");

    // The same reply reached A by mail: no SMTP_URL here, so it is in A's outbox page.
    const subject = /^Lena Fischer replied to you — Khrushchev on Stalin/;
    await expect
      .poll(async () => {
        await a.page.goto("/outbox");
        return a.page.getByRole("link", { name: subject }).count();
      }, { timeout: 30_000, interval: 1000 })
      .toBeGreaterThan(0);
    await a.page.getByRole("link", { name: subject }).first().click();
    await a.page.getByRole("heading", { name: subject, level: 2 }).waitFor();
    await a.page.getByText(answer).waitFor();
    expect(await audit(a.page)).toEqual([]);
    // B's outbox does not hold A's mail.
    await b.page.goto("/outbox");
    await expect(b.page.getByRole("link", { name: subject }).count()).resolves.toBe(0);
    await Promise.all([a.context.close(), b.context.close()]);
  });

  test("mention autocomplete by keyboard: '@Len' suggests Lena, Enter chooses her, the comment shows her name and she is told", { timeout: 240_000 }, async () => {
    const a = await openParagraph(A);
    const box = a.page.getByRole("textbox", { name: "Comment" });
    const marker = `lamp ${Date.now()}`;
    await box.fill(`About the ${marker}, `);
    await box.press("End");
    await box.pressSequentially("@Len");
    const list = a.page.getByRole("listbox", { name: "People to mention" });
    await list.waitFor();
    await expect(box.getAttribute("aria-autocomplete")).resolves.toBe("list");
    const option = list.getByRole("option", { name: "Lena Fischer" });
    await option.waitFor();
    // The textbox points at the active option; Down and Up move it (one match: it stays).
    await box.press("ArrowDown");
    await box.press("ArrowUp");
    const activeId = await box.getAttribute("aria-activedescendant");
    expect(activeId).toBe(await option.getAttribute("id"));
    await expect(option.getAttribute("aria-selected")).resolves.toBe("true");
    await box.press("Enter");
    await expect.poll(() => list.count()).toBe(0);
    await expect(box.inputValue()).resolves.toMatch(/@\[Lena Fischer\]\(user:[a-z0-9]+\) $/);
    await box.pressSequentially("what do you think?");
    // Escape closes a list without leaving the composer.
    await box.pressSequentially(" @Sa");
    await list.waitFor();
    await box.press("Escape");
    await expect.poll(() => list.count()).toBe(0);
    await expect(box.isVisible()).resolves.toBe(true);
    await a.page.getByRole("button", { name: "Post comment" }).click();
    const posted = commentOf(a.page, marker);
    await posted.waitFor();
    await posted.getByText("@Lena Fischer").waitFor();
    await expect(posted.innerText()).resolves.not.toContain("user:");

    const b = await signedInContext(browser, B);
    const page = await b.newPage();
    await page.goto("/notifications");
    await page.getByRole("link", { name: /^Tomás Reyes mentioned you \(unread\)/ }).first().waitFor();
    await Promise.all([a.context.close(), b.close()]);
  });
});
