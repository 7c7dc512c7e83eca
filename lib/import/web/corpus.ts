/**
 * The saved-web-page evaluation corpus (tests/fixtures/web): real pages taken from public repositories,
 * each with ground truth written by hand (truth/ID.md) and the page's metadata as it shows it (meta.json).
 * See docs/WEB-IMPORT.md for where each page comes from and how the truth was written.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseTruth, type TruthBlock } from "./score";

export type PageKind = "news" | "magazine" | "blog" | "academic" | "archive";

export interface ExpectedMeta {
  title: string | null;
  author: string | null;
  /** ISO date (YYYY-MM-DD or YYYY); alternatives separated by "|" */
  date: string | null;
  site: string | null;
}

export interface CorpusPage {
  id: string;
  kind: PageKind;
  lang: string;
  /** chosen before any tuning (the first third of each kind, ordered by SHA-1 of the id): never tuned on */
  heldOut: boolean;
  /**
   * held out in the second round: pages added after the first held-out third had been looked at, their truth
   * written and their figures measured before any change to the extractor (also `heldOut`)
   */
  fresh: boolean;
  /**
   * held out in the third round: pages added after the fresh set had been looked at, their truth written
   * and their figures measured before any further change to the extractor (also `heldOut`, never `fresh`)
   */
  fresh2: boolean;
  source: { repo: string; commit: string; path: string; license: string };
  bytes: Uint8Array;
  truth: TruthBlock[];
  meta: ExpectedMeta;
}

export const DEFAULT_CORPUS_DIR = path.resolve(process.cwd(), "tests/fixtures/web");

interface SourceEntry {
  id: string;
  kind: PageKind;
  lang: string;
  heldOut: boolean;
  fresh?: boolean;
  fresh2?: boolean;
  source: CorpusPage["source"];
}

export function loadCorpus(dir = DEFAULT_CORPUS_DIR): CorpusPage[] {
  const sources = JSON.parse(readFileSync(path.join(dir, "sources.json"), "utf8")) as SourceEntry[];
  const metas = JSON.parse(readFileSync(path.join(dir, "meta.json"), "utf8")) as Record<string, ExpectedMeta>;
  return sources.map((s) => ({
    ...s,
    fresh: s.fresh === true,
    fresh2: s.fresh2 === true,
    bytes: new Uint8Array(readFileSync(path.join(dir, "pages", `${s.id}.html`))),
    truth: parseTruth(readFileSync(path.join(dir, "truth", `${s.id}.md`), "utf8")),
    meta: metas[s.id] ?? { title: null, author: null, date: null, site: null },
  }));
}
