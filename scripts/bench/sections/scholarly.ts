import { formatScholarly, runScholarlyBench } from "@/lib/import/scholarly-bench";
import type { BenchSection } from "../types";

/** The JSTOR-style fixture (tests/fixtures/import/scholarly: thaw.pdf, thaw.txt, thaw-scan.txt) against its
 *  hand-written truth: notes found and linked, download stamps and running heads removed, line-end hyphens
 *  decided right. Each figure is the share over the three files (1 = all). No server. */
export const scholarly: BenchSection = {
  id: "scholarly",
  title: "Scholarly scans: the JSTOR-style fixture as PDF, text and scanned text",
  needs: "nothing",
  keys: {
    scholarly_notes_found: "share of the fixture's notes found with their label and text (goal 1)",
    scholarly_notes_linked: "share of the notes whose marker stands where the article puts it (goal 1)",
    scholarly_stamps_removed: "share of the download-stamp lines removed (goal 1)",
    scholarly_heads_removed: "share of the running heads removed (goal 1)",
    scholarly_hyphens_right: "share of the line-end hyphens decided right: broken words joined, compounds kept (goal 1)",
    scholarly_blocks_exact: "share of the truth's blocks read with exactly the right kind and text (goal 1)",
    scholarly_furniture_left: "stamps, running heads, note texts or missing blocks left in the bodies (goal 0)",
  },
  async run(ctx) {
    const scores = await runScholarlyBench();
    for (const s of scores) ctx.line(formatScholarly(s));
    const share = (got: (s: (typeof scores)[number]) => number, of: (s: (typeof scores)[number]) => number) => {
      const total = scores.reduce((n, s) => n + of(s), 0);
      return total ? Math.round((scores.reduce((n, s) => n + got(s), 0) / total) * 10000) / 10000 : 1;
    };
    ctx.figure("scholarly_notes_found", share((s) => s.notesFound, (s) => s.notes));
    ctx.figure("scholarly_notes_linked", share((s) => s.notesLinked, (s) => s.notes));
    ctx.figure("scholarly_stamps_removed", share((s) => s.stampsRemoved, (s) => s.stampLines));
    ctx.figure("scholarly_heads_removed", share((s) => s.headsRemoved, (s) => s.runningHeads));
    ctx.figure("scholarly_hyphens_right", share((s) => s.hyphensRight, (s) => s.hyphens));
    ctx.figure("scholarly_blocks_exact", share((s) => s.blocksRight, (s) => s.blocks));
    ctx.figure("scholarly_furniture_left", scores.reduce((n, s) => n + s.furnitureLeft.length, 0));
  },
};
