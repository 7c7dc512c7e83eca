import { runImportBench } from "@/lib/import/bench";
import { describeRuns } from "../stats";
import type { BenchSection } from "../types";

/** The importer on book-length text: all five seeds repeated to ~750 KB (read as Markdown)
 *  and the plain-text seeds only. Runs in this process, no server. */
export const importer: BenchSection = {
  id: "importer",
  title: "Importer: a ~750 KB book",
  needs: "nothing",
  keys: {
    import_750k_cold_ms: "ms to import ~750 KB of the five seeds (Markdown-ish), first run in the process",
    import_750k_best_ms: "ms, best warm run of the same (target ≤ 2000)",
    import_750k_plain_best_ms: "ms, best run on ~750 KB of the plain-text seeds",
  },
  async run(ctx) {
    const [mixed, plain] = await runImportBench({ runs: ctx.quick ? 2 : 3 });
    for (const r of [mixed!, plain!]) {
      ctx.line(`${r.name}: ${(r.bytes / 1024).toFixed(0)} KB ${r.format}, ${r.blocks} blocks, ${r.notes} notes — cold ${r.coldMs} ms; warm ${describeRuns(r.runsMs.slice(1), "ms")}`);
    }
    ctx.figure("import_750k_cold_ms", mixed!.coldMs);
    ctx.figure("import_750k_best_ms", Math.min(...mixed!.runsMs.slice(1)), mixed!.runsMs.slice(1));
    ctx.figure("import_750k_plain_best_ms", Math.min(...plain!.runsMs.slice(1)), plain!.runsMs.slice(1));
  },
};
