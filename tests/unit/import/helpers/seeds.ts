import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll } from "vitest";
import { importDocument } from "@/lib/import/index";
import { loadLexicon } from "@/lib/import/lexicon";
import { textWithMarkers, type ImportedReading } from "@/lib/import/types";

export const ROOT = path.resolve(__dirname, "../../../..");
export const SEED_DIR = path.join(ROOT, "seed/readings");
export const VARIANT_DIR = path.join(ROOT, "tests/fixtures/import/variants");

export function seedFile(id: string): string {
  const f = readdirSync(SEED_DIR).find((n) => n.startsWith(id) && n.endsWith(".txt"));
  if (!f) throw new Error(`no seed ${id}`);
  return f;
}

export function seedBytes(id: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(SEED_DIR, seedFile(id))));
}

const cache = new Map<string, Promise<ImportedReading>>();
export function importSeed(id: string): Promise<ImportedReading> {
  if (!cache.has(id)) cache.set(id, importDocument(seedBytes(id), seedFile(id)));
  return cache.get(id)!;
}

export function importText(text: string, fileName = "reading.txt"): Promise<ImportedReading> {
  return importDocument(new TextEncoder().encode(text), fileName);
}

export const texts = (r: ImportedReading, kinds?: string[]) =>
  r.blocks.filter((b) => !kinds || kinds.includes(b.kind)).map(textWithMarkers);

export const paragraphs = (r: ImportedReading) => texts(r, ["paragraph", "quote", "list"]);

/** Things a reader would never expect to see as a block of the reading. */
export const FURNITURE_PATTERNS: RegExp[] = [
  /^\s*\d{1,4}\s*$/, // page number
  /^\s*(?:top\s+)?secret\s*$/i,
  /\b\d{2}X\d[A-Za-z0-9]*\b/, // declassification codes anywhere
  /subscribe/i,
  /you are reading a free article/i,
  /<\/?\s*sup|&lt;|&gt;|&amp;|\\_|\\\*|~~/, // markup debris
  /^\s*\[\d+\]/, // a note definition left in the body
];

/** A paragraph that begins in the middle of a sentence starts with a lowercase letter. */
export function startsMidSentence(text: string): boolean {
  return /^[\s"“‘'(«—–-]*\p{Ll}/u.test(text);
}

/**
 * Load the importer's word lists once per test file before its tests run (≈ 0.5 s of CPU, far longer
 * on a loaded machine), so that no single test's time limit pays for it.
 */
export function loadImporterOnce(): void {
  beforeAll(() => loadLexicon(), 120_000);
}
