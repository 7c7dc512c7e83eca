/**
 * The saved-web-page corpus (tests/fixtures/web, docs/WEB-IMPORT.md): 67 real pages with hand-written
 * article text. Every page imports; the importer's word-level F1 stays at its measured level on the pages
 * it was tuned on and on the held-out ones; and no page keeps less of the article than Readability.js
 * (its per-page scores are stored in readability.json by `npx tsx lib/import/bench-web.ts --write-readability`,
 * so this test needs no jsdom; rounded to 4 places, hence the 0.0001) except the pages listed below as open bugs.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importDocument } from "@/lib/import/index";
import { DEFAULT_CORPUS_DIR, loadCorpus, type CorpusPage } from "@/lib/import/web/corpus";
import { macroAverage, scoreText, truthText, type Score } from "@/lib/import/web/score";

const pages = loadCorpus();
const readability = JSON.parse(readFileSync(path.join(DEFAULT_CORPUS_DIR, "readability.json"), "utf8")) as Record<string, Score>;

/**
 * Pages where the importer still keeps less of the article than Readability (open bugs, see
 * docs/WEB-IMPORT.md). The test fails when one of them is fixed, so the list only shrinks.
 */
const BELOW_READABILITY = new Set<string>([]);

/**
 * Pages far below their truth (F1 < 0.8), open bugs (none since news-liberation's live-news column was
 * left out, see docs/WEB-IMPORT.md). Exact list: it only shrinks.
 */
const FAR_BELOW_TRUTH = new Set<string>([]);

/**
 * Pages where the importer's F1 is still below Readability's (open bugs, see docs/WEB-IMPORT.md): blog-dropbox's
 * truth writes an ordered list's items as bullets, and the importer keeps the numbers the browser shows.
 * Exact list: it only shrinks.
 */
const F1_BELOW_READABILITY = new Set<string>(["blog-dropbox"]);

const results = new Map<string, { score?: Score; error?: string }>();

beforeAll(async () => {
  for (const page of pages) {
    try {
      const r = await importDocument(page.bytes, `${page.id}.html`);
      const text = [...r.blocks.map((b) => b.text), ...r.notes.map((n) => n.text)].join("\n");
      results.set(page.id, { score: scoreText(text, truthText(page.truth)) });
    } catch (e) {
      results.set(page.id, { error: e instanceof Error ? e.message : String(e) });
    }
  }
}, 180_000);

const f1 = (ps: CorpusPage[]) => macroAverage(ps.map((p) => results.get(p.id)!.score ?? { precision: 0, recall: 0, f1: 0, extracted: 0, truth: 0, matched: 0 })).f1;

describe("saved web pages", () => {
  it("has 67 pages of five kinds: a third of the first 50 held out, 10 fresh held-out pages and a third held-out set of 7", () => {
    expect(pages).toHaveLength(67);
    expect(new Set(pages.map((p) => p.kind))).toEqual(new Set(["news", "magazine", "blog", "academic", "archive"]));
    expect(pages.filter((p) => p.heldOut && !p.fresh && !p.fresh2)).toHaveLength(17);
    expect(pages.filter((p) => p.fresh)).toHaveLength(10);
    expect(pages.filter((p) => p.fresh2)).toHaveLength(7);
    for (const p of pages.filter((p) => p.fresh || p.fresh2)) expect(p.heldOut, p.id).toBe(true);
    for (const p of pages.filter((p) => p.fresh)) expect(p.fresh2, p.id).toBe(false);
    for (const p of pages) expect(readability[p.id], p.id).toBeDefined();
  });

  it("never makes the import fail", () => {
    const failed = [...results].filter(([, r]) => r.error).map(([id, r]) => `${id}: ${r.error}`);
    expect(failed).toEqual([]);
  });

  it("keeps the article as well as measured: F1 ≥ 0.985 on the tuned-on pages, ≥ 0.97 on the first held-out ones, ≥ 0.99 on the fresh ones and on the third set", () => {
    // measured 0.984 and 0.971 (the first held-out 17 are no longer blind); the fresh set measured 0.931
    // before any change made with it in view (Readability 0.970), 0.998 after the fixes aimed at its pages
    // (no longer blind either); the third set measured 0.998 (Readability 0.992) before any change, and
    // 0.998 after this round's fixes. The text-flow round (issue 11): 0.990 tuned-on, 0.973 first held-out
    expect(f1(pages.filter((p) => !p.heldOut))).toBeGreaterThanOrEqual(0.985);
    expect(f1(pages.filter((p) => p.heldOut && !p.fresh && !p.fresh2))).toBeGreaterThanOrEqual(0.97);
    expect(f1(pages.filter((p) => p.fresh))).toBeGreaterThanOrEqual(0.99);
    expect(f1(pages.filter((p) => p.fresh2))).toBeGreaterThanOrEqual(0.99);
  });

  it("keeps at least as much of every article as Readability.js (listed open bugs aside)", () => {
    const below = pages.filter((p) => results.get(p.id)!.score!.recall < readability[p.id]!.recall - 0.0001).map((p) => p.id);
    expect(below.sort()).toEqual([...BELOW_READABILITY].sort());
  });

  it("scores at least Readability.js's F1 on every page (listed open bugs aside)", () => {
    const below = pages.filter((p) => results.get(p.id)!.score!.f1 < readability[p.id]!.f1 - 0.0001).map((p) => p.id);
    expect(below.sort()).toEqual([...F1_BELOW_READABILITY].sort());
  });

  it("keeps no page far below its truth: every page's F1 ≥ 0.8 (listed open bugs aside)", () => {
    const weak = pages.filter((p) => results.get(p.id)!.score!.f1 < 0.8).map((p) => p.id);
    expect(weak.sort()).toEqual([...FAR_BELOW_TRUTH].sort());
  });
});
