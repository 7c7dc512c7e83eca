import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** Run axe-core (WCAG 2.2 A/AA rules — 2.2 adds target size, as Lighthouse checks it) in the page; return what a screen-reader or keyboard user would hit. */
export async function audit(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's Content-Security-Policy (rightly)
  // refuses an injected <script> without its nonce.
  // Right after a client refresh (router.refresh) Next streams the page's metadata again and
  // the <title> can be absent for a moment; let it settle. A page that really has no title
  // still fails (axe's document-title rule) once the wait is over.
  await page.waitForFunction(() => document.title.trim() !== "", null, { timeout: 5000 }).catch(() => {});
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
    return result.violations;
  })) as Violation[];
  return violations.map((v) => `${v.impact}: ${v.id} — ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")})`);
}
