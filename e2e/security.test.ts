/**
 * Security as a person meets it, in a real Chromium: the pages work under the nonce
 * Content-Security-Policy (no violation anywhere a person goes), the Account page
 * (name, password, other sessions), signing out ending a copied session, sign-up not
 * telling whether an email has an account, and the sign-in form saying how long to wait.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { baseUrl, launchBrowser, signedInContext, openReading, DEMO_PASSWORD } from "./support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Collects every CSP violation the browser reports on the context's pages (Chromium logs
 *  each one to the console). */
function watchCsp(context: BrowserContext): string[] {
  const violations: string[] = [];
  context.on("console", (message) => {
    // Also anything else the browser complains about in the console (an unknown
    // Permissions-Policy feature is logged on every page) — but not a 404 page's own status.
    const complaint = /Content Security Policy|Permissions-Policy/i.test(message.text()) || (message.type() === "error" && !/status of 404/.test(message.text()));
    if (complaint) violations.push(`${message.page()?.url()}: ${message.text().slice(0, 200)}`);
  });
  return violations;
}

async function signUp(page: Page, name: string, email: string, password: string) {
  await page.goto("/signup");
  await page.getByLabel("Display name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
}

describe("the Content-Security-Policy breaks nothing a person does", () => {
  test("reading, discussing, the account page and the instructor's pages run with no violation", async () => {
    const student = await signedInContext(browser, "student1@demo.colloquy");
    const violations = watchCsp(student);
    const p = await student.newPage();
    await openReading(p, "Khrushchev on Stalin");
    await p.getByRole("button", { name: /^Discuss paragraph 2\b/ }).click();
    await p.getByRole("heading", { name: "Paragraph 2" }).waitFor();
    const text = `Under the CSP ${Date.now()}`;
    await p.getByRole("textbox", { name: "Comment" }).fill(text);
    await p.getByRole("button", { name: "Post comment" }).click();
    await p.getByText(text).waitFor();
    await p.goto("/account");
    await p.getByRole("heading", { name: "Your account" }).waitFor();
    const teacher = await signedInContext(browser, "instructor@demo.colloquy");
    const teacherViolations = watchCsp(teacher);
    const t = await teacher.newPage();
    await t.goto("/courses/de-stalinization-1955-57/readings/new");
    await t.getByRole("heading", { name: "Add a reading" }).waitFor();
    // Staff tables (a scrolling region with a maximum height). (A path that matches no route
    // gets Next's prerendered 404 page: static, so its scripts carry no nonce and are refused —
    // it works without them; making it dynamic would make every static page dynamic too.)
    for (const path of ["/courses/de-stalinization-1955-57/people", "/courses/de-stalinization-1955-57/participation"]) {
      await t.goto(path);
      await t.getByRole("heading", { level: 1 }).first().waitFor();
      await t.waitForLoadState("networkidle");
    }
    expect([...violations, ...teacherViolations]).toEqual([]);
    await student.close();
    await teacher.close();
  });

  test("injected markup cannot run script (an inline event handler has no nonce)", async () => {
    const c = await browser.newContext({ baseURL: baseUrl });
    const violations = watchCsp(c);
    const p = await c.newPage();
    await p.goto("/signin");
    await p.evaluate(() => document.body.insertAdjacentHTML("beforeend", `<img src="data:," onerror="window.__injected = true" alt="">`));
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(await p.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    await c.close();
  });
});

describe("the Account page", () => {
  test("change the display name (titles and invisible names are refused with a message), the password, and sign out elsewhere", async () => {
    const email = `account.${Date.now()}@example.edu`;
    const c = await browser.newContext({ baseURL: baseUrl });
    const p = await c.newPage();
    await signUp(p, "Ada Lovelace", email, "first-password");
    await p.getByRole("heading", { name: "Your courses" }).waitFor();
    // A second device, signed in with the same account.
    const other = await signedInContext(browser, email, "first-password");
    const o = await other.newPage();
    await o.goto("/account");
    await o.getByRole("heading", { name: "Your account" }).waitFor();

    await p.getByRole("link", { name: /Your account/ }).click();
    await p.getByRole("heading", { name: "Your account" }).waitFor();
    const name = p.getByRole("textbox", { name: "Display name" });
    await name.fill("Prof. Ada Lovelace");
    await p.getByRole("button", { name: "Save name" }).click();
    await p.getByText(/Leave titles like Prof\., Dr\., Instructor or TA out of your name/).waitFor();
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    await name.fill("\u200b\u200b");
    await p.getByRole("button", { name: "Save name" }).click();
    await p.getByText("Enter the name classmates will see.").waitFor();
    await name.fill("Ada King");
    await p.getByRole("button", { name: "Save name" }).click();
    await p.getByRole("status").filter({ hasText: "Your name is changed." }).waitFor();
    await p.getByRole("link", { name: /Your account: Ada King/ }).waitFor();

    await p.getByLabel("Current password").fill("not-it");
    await p.getByLabel("New password", { exact: true }).fill("second-password");
    await p.getByLabel("Repeat the new password").fill("second-password");
    await p.getByRole("button", { name: "Change password" }).click();
    await p.getByText("That is not your current password.").waitFor();
    await p.getByLabel("Current password").fill("first-password");
    await p.getByRole("button", { name: "Change password" }).click();
    await p.getByRole("status").filter({ hasText: "Your password is changed." }).waitFor();
    // This browser is still signed in; the other device is not.
    await p.reload();
    await p.getByRole("heading", { name: "Your account" }).waitFor();
    await o.reload();
    await o.waitForURL((u) => u.pathname === "/signin");

    // Sign in elsewhere again with the new password, then end that session from here.
    const third = await signedInContext(browser, email, "second-password");
    const t = await third.newPage();
    await p.getByRole("button", { name: "Sign out everywhere else" }).click();
    await p.getByRole("status").filter({ hasText: "Every other session has been signed out" }).waitFor();
    await t.goto("/account");
    await t.waitForURL((u) => u.pathname === "/signin");
    await p.reload();
    await p.getByRole("heading", { name: "Your account" }).waitFor();
    await Promise.all([c.close(), other.close(), third.close()]);
  });

  test("keyboard: the header's account link and the forms are in the tab order", async () => {
    const c = await signedInContext(browser, "student2@demo.colloquy");
    const p = await c.newPage();
    await p.goto("/account");
    await p.keyboard.press("Tab"); // skip link
    await p.keyboard.press("Tab");
    const focused = await p.evaluate(() => document.activeElement?.textContent ?? "");
    expect(focused.length).toBeGreaterThan(0);
    await p.getByRole("textbox", { name: "Display name" }).focus();
    await p.keyboard.press("Tab");
    expect(await p.evaluate(() => document.activeElement?.textContent)).toBe("Save name");
    await c.close();
  });
});

describe("signing out", () => {
  test("the Sign out button ends the session: a copy of its cookie no longer opens the course", async () => {
    const c = await signedInContext(browser, "student3@demo.colloquy");
    const cookies = await c.cookies();
    const p = await c.newPage();
    await p.goto("/");
    await p.getByRole("button", { name: "Sign out" }).click();
    await p.waitForURL((u) => u.pathname === "/signin");
    // Someone who copied the cookie before (a shared computer, a stolen token).
    const copy = await browser.newContext({ baseURL: baseUrl });
    await copy.addCookies(cookies);
    const q = await copy.newPage();
    const response = await q.goto("/courses/de-stalinization-1955-57");
    expect(new URL(q.url()).pathname).toBe("/signin");
    expect(response?.status()).toBe(200);
    await Promise.all([c.close(), copy.close()]);
  });
});

describe("sign-up and sign-in do not give accounts away", () => {
  test("signing up with a taken email says 'check your email or sign in', as for any email, and signs nobody in", async () => {
    const c = await browser.newContext({ baseURL: baseUrl });
    const p = await c.newPage();
    await signUp(p, "Someone Else", "student1@demo.colloquy", "a-guessed-password");
    await p.getByRole("status").filter({ hasText: /Check your email or sign in/ }).waitFor();
    expect(new URL(p.url()).pathname).toBe("/signup");
    expect(await p.getByText("already exists").count()).toBe(0);
    await p.goto("/account");
    expect(new URL(p.url()).pathname).toBe("/signin");
    await c.close();
  });

  test("after 5 wrong passwords the sign-in form says how long to wait", async () => {
    const email = `guessed.${Date.now()}@example.edu`;
    const setup = await browser.newContext({ baseURL: baseUrl });
    await signUp(await setup.newPage(), "Guessed Person", email, "the-right-password");
    await setup.close();
    const c = await browser.newContext({ baseURL: baseUrl });
    const p = await c.newPage();
    await p.goto("/signin");
    for (let i = 0; i < 5; i++) {
      await p.getByLabel("Email").fill(email);
      await p.getByLabel("Password").fill(`wrong-${i}`);
      await p.getByRole("button", { name: "Sign in" }).click();
      await p.getByRole("alert").filter({ hasText: "don't match" }).waitFor();
    }
    await p.getByLabel("Password").fill("the-right-password");
    await p.getByRole("button", { name: "Sign in" }).click();
    await p.getByRole("alert").filter({ hasText: /Too many failed sign-ins for this account\. Try again in \d+ seconds?\./ }).waitFor();
    await c.close();
  });
});

void DEMO_PASSWORD;
