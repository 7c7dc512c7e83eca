/**
 * Import benchmark: a book-length (~750 KB) text built from the seed readings, imported once cold and
 * a few times warm. `npm run bench` times it (scripts/bench/sections/importer.ts); it can also be run directly:
 *   npx tsx lib/import/bench.ts
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { importDocument } from "./index";

export interface ImportBenchResult {
  name: string;
  bytes: number;
  format: string;
  blocks: number;
  notes: number;
  /** milliseconds of each run; the first one includes parser warm-up */
  runsMs: number[];
  bestMs: number;
  coldMs: number;
}

/** ~`targetBytes` of text made by repeating the seed readings (all five, in order). */
export function buildBookText(seedDir = path.resolve(process.cwd(), "seed/readings"), targetBytes = 750_000, only?: RegExp): string {
  const files = readdirSync(seedDir).filter((f) => f.endsWith(".txt") && (!only || only.test(f))).sort();
  if (!files.length) throw new Error(`no seed readings in ${seedDir}`);
  const texts = files.map((f) => readFileSync(path.join(seedDir, f), "utf8"));
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const t = texts[i % texts.length]!;
    parts.push(t);
    size += Buffer.byteLength(t) + 2;
  }
  return parts.join("\n\n");
}

async function time(name: string, text: string, fileName: string, runs: number): Promise<ImportBenchResult> {
  const bytes = new TextEncoder().encode(text);
  const runsMs: number[] = [];
  let last: Awaited<ReturnType<typeof importDocument>> | null = null;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = await importDocument(bytes, fileName);
    runsMs.push(Math.round(performance.now() - t0));
  }
  return {
    name,
    bytes: bytes.length,
    format: last!.format,
    blocks: last!.blocks.length,
    notes: last!.notes.length,
    runsMs,
    bestMs: Math.min(...runsMs),
    coldMs: runsMs[0]!,
  };
}

/** Time importDocument on ~750 KB books: all seeds (read as Markdown) and the plain-text seeds only. */
export async function runImportBench(opts: { seedDir?: string; runs?: number } = {}): Promise<ImportBenchResult[]> {
  const runs = opts.runs ?? 3;
  return [
    await time("book-750k-mixed", buildBookText(opts.seedDir), "book.txt", runs),
    await time("book-750k-plain", buildBookText(opts.seedDir, 750_000, /^00[013]/), "book-plain.txt", runs),
  ];
}

const invokedDirectly = typeof require !== "undefined" && typeof module !== "undefined" && require.main === module;
if (invokedDirectly) {
  runImportBench().then((results) => {
    for (const r of results)
      console.log(`${r.name}: ${(r.bytes / 1024).toFixed(0)} KB ${r.format}, ${r.blocks} blocks, ${r.notes} notes — cold ${r.coldMs} ms, best ${r.bestMs} ms (${r.runsMs.join(", ")})`);
  });
}
