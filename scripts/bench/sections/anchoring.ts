import { anchoringAtScale } from "@/lib/anchoring/bench-scale";
import { describeRuns, median } from "../stats";
import type { BenchSection } from "../types";

/** Re-anchoring after an edit, at scale: the engine alone, in this process. */
export const anchoring: BenchSection = {
  id: "anchoring",
  title: "Re-anchoring 5,000 comments across an edit of a 1,000-paragraph reading",
  needs: "nothing",
  keys: {
    reanchor_5k_ms: "ms to place 5,000 comments after typos, deletions, merges, splits and a moved chunk (median of runs)",
    reanchor_5k_detached: "comments of the 5,000 that could not be placed safely (Detached)",
  },
  async run(ctx) {
    const runs = [];
    for (let i = 0; i < (ctx.quick ? 1 : 3); i++) runs.push(anchoringAtScale());
    const last = runs.at(-1)!;
    const times = runs.map((r) => r.ms);
    ctx.line(`${last.comments} comments, ${last.blocksBefore} → ${last.blocksAfter} blocks: ${describeRuns(times, "ms")}`);
    ctx.line(`${last.attached} attached (${Object.entries(last.counts).map(([k, n]) => `${k} ${n}`).join(", ")})`);
    ctx.figure("reanchor_5k_ms", median(times), times);
    ctx.figure("reanchor_5k_detached", last.comments - last.attached);
  },
};
