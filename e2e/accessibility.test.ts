import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { audit } from "./support/axe";
import { baseUrl, launchBrowser, signedInContext } from "./support/browser";

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

  test("the account page, with a field error showing", async () => {
    const c = await signedInContext(browser, "student3@demo.colloquy", undefined, { width: 390, height: 844 });
    const p = await c.newPage();
    await p.goto("/account");
    expect(await audit(p)).toEqual([]);
    await p.getByRole("textbox", { name: "Display name" }).fill("Dr. Who");
    await p.getByRole("button", { name: "Save name" }).click();
    await p.getByText(/Leave titles like/).waitFor();
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
      // Audit with a passage thread open in the panel, its highlight in the text, a marker
      // showing a count and a reply — whatever ran before.
      await p.evaluate(() => {
        // The paragraph's first 20 characters, across the text nodes earlier highlights made.
        const walker = document.createTreeWalker(document.getElementById("p-1")!, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        let at = 0;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const len = n.textContent!.length;
          if (at === 0) range.setStart(n, 0);
          if (at + len >= 20) {
            range.setEnd(n, 20 - at);
            break;
          }
          at += len;
        }
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
      });
      await p.getByRole("button", { name: "Comment on selection" }).click();
      await p.getByRole("heading", { name: "Paragraph 1" }).waitFor();
      const text = `Accessibility check (${viewport.width}px, ${scheme}) **with** [a link](https://example.org)`;
      await p.getByRole("textbox", { name: "Comment" }).fill(text);
      await p.getByRole("button", { name: "Post comment" }).click();
      const article = p.locator("#discussion-panel article", { hasText: `Accessibility check (${viewport.width}px, ${scheme})` });
      await article.waitFor();
      await p.locator("#p-1 mark").first().waitFor();
      await article.getByRole("button", { name: "Reply" }).click();
      expect(await audit(p)).toEqual([]);
      await c.close();
    }
    // Three layouts × five audits on two cores.
  }, 240_000);

  test("the import preview", async () => {
    const c = await signedInContext(browser, "instructor@demo.colloquy");
    const p = await c.newPage();
    await p.goto("/courses/de-stalinization-1955-57/readings/new");
    await p.getByLabel("Or paste text").fill("A Title\n\nFirst paragraph of the reading.\n\nSecond paragraph of the reading, with a note.[1]\n\n[1] The note.");
    await p.getByRole("button", { name: "Preview pasted text" }).click();
    await p.getByRole("list", { name: "Blocks" }).waitFor();
    expect(await audit(p)).toEqual([]);
    // the note-editing controls: a block being edited (its markers), a note being edited, the add-a-note form
    await p.getByRole("button", { name: "Edit note 1" }).click();
    await p.getByText("Add a note").click();
    expect(await audit(p)).toEqual([]);
    await p.getByRole("button", { name: "Cancel" }).click();
    await p.getByRole("button", { name: "Edit block 2", exact: true }).click();
    await p.getByRole("list", { name: "Note markers in block 2" }).waitFor();
    expect(await audit(p)).toEqual([]);
    await c.close();
  });
});
