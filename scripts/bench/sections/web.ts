import { formatWebBench, runWebBench } from "@/lib/import/bench-web";
import type { BenchSection } from "../types";

/** Saved web pages: the importer's article text against hand-written ground truth, beside
 *  Readability.js on the same pages (tests/fixtures/web, docs/WEB-IMPORT.md). No server. */
export const web: BenchSection = {
  id: "web",
  title: "Web pages: article extraction on 67 saved pages (word-level F1 against hand-written truth)",
  needs: "nothing",
  keys: {
    web_f1: "importer's word-level F1, mean over the 67 pages (goal ≥ 0.97)",
    web_precision: "importer's word-level precision, mean over the pages",
    web_recall: "importer's word-level recall, mean over the pages",
    readability_f1: "Readability.js 0.6.0 (on jsdom) F1 on the same pages",
    readability_precision: "Readability.js precision on the same pages",
    readability_recall: "Readability.js recall on the same pages",
    web_f1_tuned: "importer's F1 on the 33 pages it was tuned on",
    readability_f1_tuned: "Readability.js F1 on those 33 pages",
    web_f1_heldout: "importer's F1 on the 17 held-out pages (goal ≥ 0.97)",
    readability_f1_heldout: "Readability.js F1 on the 17 held-out pages",
    web_f1_fresh: "importer's F1 on the 10 fresh held-out pages (measured before any tuning on them, tuned on since; goal ≥ 0.97)",
    readability_f1_fresh: "Readability.js F1 on the 10 fresh held-out pages",
    web_f1_fresh2: "importer's F1 on the 7 pages of the third held-out set (added, and measured, after the fresh set was tuned on; goal ≥ 0.97)",
    readability_f1_fresh2: "Readability.js F1 on the 7 pages of the third held-out set",
    web_pages_below_readability_recall: "pages where the importer keeps less of the article than Readability (goal 0)",
    web_import_failures: "saved pages whose import failed (goal 0)",
    web_meta_accuracy: "share of the title/author/date/site fields the pages state that the importer got right",
    readability_meta_accuracy: "the same for Readability.js (title, byline, publishedTime, siteName)",
  },
  async run(ctx) {
    const r = await runWebBench();
    for (const line of formatWebBench(r).split("\n")) ctx.line(line.trim());
    const keys = [
      "web_f1", "web_precision", "web_recall", "readability_f1", "readability_precision", "readability_recall", "web_f1_heldout",
      "readability_f1_heldout", "web_f1_fresh", "readability_f1_fresh", "web_f1_fresh2", "readability_f1_fresh2", "web_pages_below_readability_recall", "web_import_failures", "web_meta_accuracy", "readability_meta_accuracy",
    ] as const;
    for (const k of keys) ctx.figure(k, r[k]);
    ctx.figure("web_f1_tuned", Math.round(r.tuned.ours.f1 * 10000) / 10000);
    ctx.figure("readability_f1_tuned", Math.round(r.tuned.readability.f1 * 10000) / 10000);
  },
};
