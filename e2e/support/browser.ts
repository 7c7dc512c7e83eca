import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { inject } from "vitest";
import { CHROMIUM_ARGS, findChromium } from "../../scripts/lib/chromium";

export const baseUrl = inject("baseUrl");
export const DEMO_PASSWORD = "demo-password";

export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error("No Chromium found (set CHROME_PATH); scripts/test.ts should have skipped the browser tests.");
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

/** Sign in through next-auth's own credentials endpoint (a real session cookie), the way
 *  the sign-in form does, without clicking through the form in every test. `appUrl`: a test's
 *  own app (tests/support/seeded-app.ts) instead of the shared one. */
export async function signedInContext(browser: Browser, email: string, password = DEMO_PASSWORD, viewport = { width: 1280, height: 900 }, appUrl = baseUrl): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: appUrl, viewport });
  const csrf = (await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await context.request.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, email, password, json: "true" },
  });
  if (!response.ok()) throw new Error(`sign-in as ${email} failed: ${response.status()}`);
  const session = (await (await context.request.get("/api/auth/session")).json()) as { user?: { email?: string } };
  if (session.user?.email !== email) throw new Error(`no session for ${email} after sign-in`);
  return context;
}

export async function openReading(page: Page, title: RegExp | string) {
  await page.goto("/");
  await page.getByRole("link", { name: /De-Stalinization/ }).click();
  await page.getByRole("link", { name: title }).click();
  await page.waitForSelector("#p-1");
}

/** The right-gutter discussion marker of paragraph n (its name starts "Discuss paragraph n"). */
export const marker = (page: Page, n: number) => page.getByRole("button", { name: new RegExp(`^Discuss paragraph ${n}\\b`) });
