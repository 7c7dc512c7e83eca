import { findListedWord } from "@/lib/moderation/word-list";
import { describeRuns, median } from "../stats";
import type { BenchSection } from "../types";

/** The course word list on every student post (lib/moderation/word-list.ts), at its bounds:
 *  200 entries of 64 characters against a comment of 10,000 characters that matches none. */
export const wordList: BenchSection = {
  id: "word-list",
  title: "Word list: 200 entries × 64 characters against a 10,000-character comment",
  needs: "nothing",
  keys: {
    word_list_first_ms: "ms for the first check (building the expression for a new list, then matching)",
    word_list_check_us: "µs per check with the list's expression cached (median of runs of 1,000 checks)",
  },
  async run(ctx) {
    const words = Array.from({ length: 200 }, (_, i) => `${String(i).padStart(3, "0")}${"wörd".repeat(16)}`.slice(0, 64));
    const body = Array.from({ length: 1_500 }, (_, i) => `word${i % 97} Straße`).join(" ").slice(0, 10_000);
    let t = performance.now();
    if (findListedWord(body, words) !== null) throw new Error("the bench comment should match no entry");
    const first = performance.now() - t;
    const runs: number[] = [];
    for (let r = 0; r < (ctx.quick ? 2 : 5); r++) {
      t = performance.now();
      for (let i = 0; i < 1_000; i++) findListedWord(body, words);
      runs.push(((performance.now() - t) / 1_000) * 1_000);
    }
    ctx.line(`first check ${first.toFixed(2)} ms; cached: ${describeRuns(runs, "µs")}`);
    ctx.figure("word_list_first_ms", Number(first.toFixed(2)));
    ctx.figure("word_list_check_us", median(runs), runs);
  },
};
