import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, baseUrl } from "./support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const readingPath = "/courses/de-stalinization-1955-57/readings/khrushchev-on-stalin";

describe("who can see a course", () => {
  test("a signed-out visitor is sent to sign in, and comes back after", async () => {
    const c = await browser.newContext({ baseURL: baseUrl });
    const p = await c.newPage();
    await p.goto(readingPath);
    expect(new URL(p.url()).pathname).toBe("/signin");
    await p.getByLabel("Email").fill("student1@demo.colloquy");
    await p.getByLabel("Password").fill("demo-password");
    await p.getByRole("button", { name: "Sign in" }).click();
    await p.waitForURL((u) => u.pathname === readingPath);
    await p.getByRole("heading", { level: 1, name: "Khrushchev on Stalin" }).waitFor();
    await c.close();
  });

  test("a wrong password is refused with a message", async () => {
    const c = await browser.newContext({ baseURL: baseUrl });
    const p = await c.newPage();
    await p.goto("/signin");
    await p.getByLabel("Email").fill("student1@demo.colloquy");
    await p.getByLabel("Password").fill("not-the-password");
    await p.getByRole("button", { name: "Sign in" }).click();
    await p.getByRole("alert").filter({ hasText: "don't match" }).waitFor();
    expect(new URL(p.url()).pathname).toBe("/signin");
    await c.close();
  });

  test("a signed-up non-member gets a 404 page and none of the reading", async () => {
    const c = await browser.newContext({ baseURL: baseUrl });
    const p = await c.newPage();
    await p.goto("/signup");
    await p.getByLabel("Display name").fill("Outsider Olga");
    await p.getByLabel("Email").fill(`olga.${Date.now()}@example.edu`);
    await p.getByLabel("Password").fill("a-long-password");
    await p.getByRole("button", { name: "Create account" }).click();
    await p.getByRole("heading", { name: "Your courses" }).waitFor();
    await expect(p.getByText("You are not in any course yet").isVisible()).resolves.toBe(true);

    const response = await p.goto(readingPath);
    expect(response?.status()).toBe(404);
    const text = await p.textContent("body");
    expect(text).toContain("not a member");
    expect(text).not.toContain("No one who has seen and heard N. S. Khrushchev");

    const api = await c.request.get("/api/comments?blockId=anything");
    expect(api.status()).toBe(404);
    await c.close();
  });
});
