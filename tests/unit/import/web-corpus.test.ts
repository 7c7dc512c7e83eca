/**
 * The saved-web-page corpus (tests/fixtures/web, docs/WEB-IMPORT.md): 60 real pages with hand-written
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
const BELOW_READABILITY = new Set(["arch-hukumusume"]);

/**
 * Pages far below their truth (F1 < 0.8), open bugs: news-liberation (fresh set, F1 0.382) keeps the
 * page's "Direct" live-news column, whose items are prose and outweigh the short article (see
 * docs/WEB-IMPORT.md). Not tuned on, to keep the fresh set measuring. Exact list: it only shrinks.
 */
const FAR_BELOW_TRUTH = new Set(["news-liberation"]);

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
  it("has 60 pages of five kinds: a third of the first 50 held out, and 10 fresh held-out pages", () => {
    expect(pages).toHaveLength(60);
    expect(new Set(pages.map((p) => p.kind))).toEqual(new Set(["news", "magazine", "blog", "academic", "archive"]));
    expect(pages.filter((p) => p.heldOut && !p.fresh)).toHaveLength(17);
    expect(pages.filter((p) => p.fresh)).toHaveLength(10);
    for (const p of pages.filter((p) => p.fresh)) expect(p.heldOut, p.id).toBe(true);
    for (const p of pages) expect(readability[p.id], p.id).toBeDefined();
  });

  it("never makes the import fail", () => {
    const failed = [...results].filter(([, r]) => r.error).map(([id, r]) => `${id}: ${r.error}`);
    expect(failed).toEqual([]);
  });

  it("keeps the article as well as measured: F1 ≥ 0.98 on the tuned-on pages, ≥ 0.965 on the first held-out ones, ≥ 0.93 on the fresh ones", () => {
    // measured 0.984 and 0.970 (the first held-out 17 are no longer blind); the fresh set measured 0.931
    // before any change made with it in view (Readability 0.970), and after this round's fixes still 0.931
    expect(f1(pages.filter((p) => !p.heldOut))).toBeGreaterThanOrEqual(0.98);
    expect(f1(pages.filter((p) => p.heldOut && !p.fresh))).toBeGreaterThanOrEqual(0.965);
    expect(f1(pages.filter((p) => p.fresh))).toBeGreaterThanOrEqual(0.93);
  });

  it("keeps at least as much of every article as Readability.js (listed open bugs aside)", () => {
    const below = pages.filter((p) => results.get(p.id)!.score!.recall < readability[p.id]!.recall - 0.0001).map((p) => p.id);
    expect(below.sort()).toEqual([...BELOW_READABILITY].sort());
  });

  it("keeps no page far below its truth: every page's F1 ≥ 0.8 (listed open bugs aside)", () => {
    const weak = pages.filter((p) => results.get(p.id)!.score!.f1 < 0.8).map((p) => p.id);
    expect(weak.sort()).toEqual([...FAR_BELOW_TRUTH].sort());
  });
});
