import { reviseAtScale } from "../../lib/bench-revise";
import type { BenchSection } from "../types";

/** Publishing an edit of a reading that carries 10,000 threads, through the job queue as the app does. */
export const revise: BenchSection = {
  id: "revise",
  title: "Publishing an edit of a 1,000-paragraph reading with 10,000 threads and 10,000 replies (background job, batched writes)",
  needs: "app",
  keys: {
    revise_10k_threads_ms: "ms, from enqueueing the edit to its task succeeding",
    revise_10k_detached: "threads detached by the edit (the edit removes one paragraph's worth of text)",
  },
  async run(ctx) {
    const result = await reviseAtScale(ctx.db, ctx.databaseUrl);
    ctx.line(`published in ${(result.ms / 1000).toFixed(1)} s; ${result.detached} threads detached`);
    ctx.figure("revise_10k_threads_ms", result.ms);
    ctx.figure("revise_10k_detached", result.detached);
  },
};
