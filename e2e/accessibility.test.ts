import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { baseUrl, launchBrowser, signedInContext } from "./support/browser";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** Run axe-core (WCAG 2.1 A/AA rules) in the page; return what a screen-reader or keyboard user would hit. */
async function audit(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations;
  })) as Violation[];
  return violations.map((v) => `${v.impact}: ${v.id} — ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")})`);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("pages pass axe-core's WCAG 2.1 AA checks", () => {
  test("sign-in and sign-up", async () => {
    const c = await browser.newContext({ baseURL: baseUrl });
    const p = await c.newPage();
    await p.goto("/signin");
    expect(await audit(p)).toEqual([]);
    await p.goto("/signup");
    expect(await audit(p)).toEqual([]);
    await c.close();
  });

  test("home, course page, and a reading with its discussion open (desktop, phone, dark theme)", async () => {
    for (const [viewport, scheme] of [
      [{ width: 1280, height: 900 }, "light"],
      [{ width: 390, height: 844 }, "light"],
      [{ width: 1280, height: 900 }, "dark"],
    ] as const) {
      const c = await signedInContext(browser, "student1@demo.colloquy", undefined, viewport);
      const p = await c.newPage();
      await p.emulateMedia({ colorScheme: scheme });
      await p.goto("/");
      expect(await audit(p)).toEqual([]);
      await p.goto("/courses/de-stalinization-1955-57");
      expect(await audit(p)).toEqual([]);
      await p.goto("/courses/de-stalinization-1955-57/readings/khrushchev-on-stalin");
      expect(await audit(p)).toEqual([]);
      await p.getByRole("button", { name: /^Discuss paragraph 1\b/ }).click();
      await p.getByRole("heading", { name: "Paragraph 1" }).waitFor();
      // Audit with a thread in the panel and a marker showing a count, whatever ran before.
      await p.getByRole("textbox", { name: "Comment" }).fill(`Accessibility check (${viewport.width}px, ${scheme})`);
      await p.getByRole("button", { name: "Post comment" }).click();
      await p.getByText(`Accessibility check (${viewport.width}px, ${scheme})`).waitFor();
      expect(await audit(p)).toEqual([]);
      await c.close();
    }
  });

  test("the import preview", async () => {
    const c = await signedInContext(browser, "instructor@demo.colloquy");
    const p = await c.newPage();
    await p.goto("/courses/de-stalinization-1955-57/readings/new");
    await p.getByLabel("Or paste text").fill("A Title\n\nFirst paragraph of the reading.\n\nSecond paragraph of the reading.");
    await p.getByRole("button", { name: "Preview pasted text" }).click();
    await p.getByRole("list", { name: "Blocks" }).waitFor();
    expect(await audit(p)).toEqual([]);
    await c.close();
  });
});
