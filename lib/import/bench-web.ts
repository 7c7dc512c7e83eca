/**
 * Saved-web-page extraction against hand-written ground truth (tests/fixtures/web), for the importer and for
 * Readability.js (@mozilla/readability with its reference DOM, jsdom) on the same pages. Word-level scores
 * (see lib/import/web/score.ts for the tokenisation). Run directly for a per-page table:
 *   npx tsx lib/import/bench-web.ts [--tune | --held-out] [--page ID] [--json] [--show-held-out] [--write-readability]
 * --write-readability stores Readability's per-page scores in tests/fixtures/web/readability.json (the unit
 * tests compare the importer with them without running jsdom).
 * The per-page table leaves out the held-out pages (only their totals are printed) unless --show-held-out:
 * they are for measuring, not for tuning.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { JSDOM, VirtualConsole } from "jsdom";
import { Readability } from "@mozilla/readability";
import { importDocument } from "./index";
import { DEFAULT_CORPUS_DIR, loadCorpus, type CorpusPage, type ExpectedMeta, type PageKind } from "./web/corpus";
import { macroAverage, microAverage, scoreText, tokenize, truthText, type Score } from "./web/score";

export interface PageResult {
  id: string;
  kind: PageKind;
  lang: string;
  heldOut: boolean;
  /** the second, fresh held-out set (also heldOut) */
  fresh: boolean;
  /** the third held-out set (also heldOut) */
  fresh2: boolean;
  ours: Score;
  readability: Score;
  /** metadata fields (title, author, date, site) each extractor got right, of those the page states */
  oursMeta: MetaResult;
  readabilityMeta: MetaResult;
  /** milliseconds to import the page */
  ms: number;
  /** the import failed (a saved web page must never make it fail) */
  error?: string;
}

export interface MetaResult {
  correct: number;
  expected: number;
  fields: Record<keyof ExpectedMeta, boolean | null>;
}

export interface Figures {
  pages: number;
  /** macro average (mean of per-page scores) */
  f1: number;
  precision: number;
  recall: number;
  /** micro average (every token of the corpus weighs the same) */
  micro_f1: number;
}

export interface WebBenchResult {
  web_f1: number;
  web_precision: number;
  web_recall: number;
  readability_f1: number;
  readability_precision: number;
  readability_recall: number;
  /** the first held-out set (17 pages chosen before tuning; no longer blind, see docs/WEB-IMPORT.md) */
  web_f1_heldout: number;
  readability_f1_heldout: number;
  /** the fresh held-out set (pages added, and measured, before any tuning on them) */
  web_f1_fresh: number;
  readability_f1_fresh: number;
  /** the third held-out set (pages added, and measured, after the fresh set had been tuned on) */
  web_f1_fresh2: number;
  readability_f1_fresh2: number;
  /** pages where the importer kept less of the article than Readability (recall below Readability's) */
  web_pages_below_readability_recall: number;
  /** pages whose import failed */
  web_import_failures: number;
  web_meta_accuracy: number;
  readability_meta_accuracy: number;
  web_pages: number;
  ours: Figures;
  readability: Figures;
  heldOut: { ours: Figures; readability: Figures };
  fresh: { ours: Figures; readability: Figures };
  fresh2: { ours: Figures; readability: Figures };
  tuned: { ours: Figures; readability: Figures };
  byKind: Record<string, { ours: Figures; readability: Figures }>;
  perPage: PageResult[];
}

const BLOCK_TAGS = /^(?:P|DIV|SECTION|ARTICLE|H[1-6]|LI|BLOCKQUOTE|PRE|TR|TD|TH|DT|DD|FIGCAPTION|FIGURE|TABLE|UL|OL|DL|HEADER|FOOTER|ASIDE)$/;

/** The text of Readability's article HTML with a line break between blocks (textContent would glue words across them). */
function blockText(node: Node, out: string[] = []): string[] {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3) out.push(child.nodeValue ?? "");
    else if (child.nodeType === 1) {
      const el = child as Element;
      if (el.tagName === "BR") { out.push("\n"); continue; }
      const block = BLOCK_TAGS.test(el.tagName);
      if (block) out.push("\n");
      blockText(el, out);
      if (block) out.push("\n");
    }
  }
  return out;
}

export interface ReadabilityOutput {
  text: string;
  title: string | null;
  byline: string | null;
  date: string | null;
  site: string | null;
}

export function runReadability(bytes: Uint8Array): ReadabilityOutput {
  // <style> bodies are cut first (on a latin1 view, which keeps the bytes): Readability never reads them, and
  // jsdom's CSS parser throws on some modern stylesheets
  const page = Buffer.from(Buffer.from(bytes).toString("latin1").replace(/<style\b[^>]*>[\s\S]*?<\/style\s*>/gi, ""), "latin1");
  const dom = new JSDOM(page, { contentType: "text/html", url: "https://example.org/page", virtualConsole: new VirtualConsole() });
  try {
    const article = new Readability(dom.window.document).parse();
    if (!article?.content) return { text: "", title: null, byline: null, date: null, site: null };
    const frag = JSDOM.fragment(article.content);
    return {
      text: blockText(frag).join(""),
      title: article.title ?? null,
      byline: article.byline ?? null,
      date: article.publishedTime ?? null,
      site: article.siteName ?? null,
    };
  } finally {
    dom.window.close();
  }
}

const norm = (s: string) => tokenize(s).join(" ");

/** ISO date (or year) from what an extractor gave: ISO strings, "March 18, 2015", "18.03.2015", "2015年3月18日" … */
export function isoDate(s: string | null): string | null {
  if (!s) return null;
  const t = s.trim();
  let m = t.match(/(\d{4})-(\d{2})-(\d{2})/);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = t.match(/(\d{4})[年/.](\d{1,2})[月/.](\d{1,2})/);
  if (m) return `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  m = t.match(/\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b/);
  if (m) return `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
  const parsed = Date.parse(t.replace(/(\d)(st|nd|rd|th)\b/, "$1"));
  if (!Number.isNaN(parsed)) return new Date(parsed).toISOString().slice(0, 10);
  m = t.match(/\b(1[5-9]\d\d|20\d\d)\b/);
  return m ? m[1]! : null;
}

function sameTitle(got: string | null, want: string): boolean {
  if (!got) return false;
  return scoreText(got, want).f1 >= 0.8;
}

function containsName(got: string | null, want: string): boolean {
  if (!got) return false;
  const g = ` ${norm(got)} `;
  const w = norm(want);
  return w.length > 0 && g.includes(` ${w} `) && tokenize(got).length <= tokenize(want).length * 4 + 4;
}

function sameSite(got: string | null, want: string): boolean {
  if (!got) return false;
  const g = norm(got).replace(/ /g, ""), w = norm(want).replace(/ /g, "");
  return g.length > 0 && (g.includes(w) || w.includes(g));
}

function sameDate(got: string | null, want: string): boolean {
  const d = isoDate(got);
  if (!d) return false;
  return want.split("|").some((w) => (w.length === 4 ? d.startsWith(w) : d === w));
}

export function scoreMeta(got: { title: string | null; author: string | null; date: string | null; site: string | null }, want: ExpectedMeta): MetaResult {
  const fields: MetaResult["fields"] = {
    title: want.title ? sameTitle(got.title, want.title) : null,
    author: want.author ? containsName(got.author, want.author) : null,
    date: want.date ? sameDate(got.date, want.date) : null,
    site: want.site ? sameSite(got.site, want.site) : null,
  };
  const judged = Object.values(fields).filter((v) => v !== null);
  return { correct: judged.filter(Boolean).length, expected: judged.length, fields };
}

export async function scorePage(page: CorpusPage): Promise<PageResult> {
  const truth = truthText(page.truth);
  const t0 = performance.now();
  let oursText = "";
  let oursMeta = { title: null as string | null, author: null as string | null, date: null as string | null, site: null as string | null };
  let error: string | undefined;
  try {
    const r = await importDocument(page.bytes, `${page.id}.html`);
    oursText = [...r.blocks.map((b) => b.text), ...r.notes.map((n) => n.text)].join("\n");
    oursMeta = { title: r.title, author: r.author, date: r.date, site: r.source };
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const ms = performance.now() - t0;
  const rd = runReadability(page.bytes);
  return {
    id: page.id,
    kind: page.kind,
    lang: page.lang,
    heldOut: page.heldOut,
    fresh: page.fresh,
    fresh2: page.fresh2,
    ours: scoreText(oursText, truth),
    readability: scoreText(rd.text, truth),
    oursMeta: scoreMeta(oursMeta, page.meta),
    readabilityMeta: scoreMeta({ title: rd.title, author: rd.byline, date: rd.date, site: rd.site }, page.meta),
    ms,
    ...(error ? { error } : {}),
  };
}

function figures(scores: Score[]): Figures {
  const macro = macroAverage(scores);
  return { pages: scores.length, ...macro, micro_f1: microAverage(scores).f1 };
}

function pair(rs: PageResult[]) {
  return { ours: figures(rs.map((r) => r.ours)), readability: figures(rs.map((r) => r.readability)) };
}

const round = (n: number) => Math.round(n * 10000) / 10000;

export async function runWebBench(opts: { dir?: string; only?: (p: CorpusPage) => boolean } = {}): Promise<WebBenchResult> {
  const pages = loadCorpus(opts.dir).filter(opts.only ?? (() => true));
  const perPage: PageResult[] = [];
  for (const p of pages) perPage.push(await scorePage(p));
  const all = pair(perPage);
  const heldOut = pair(perPage.filter((r) => r.heldOut && !r.fresh && !r.fresh2));
  const fresh = pair(perPage.filter((r) => r.fresh));
  const fresh2 = pair(perPage.filter((r) => r.fresh2));
  const tuned = pair(perPage.filter((r) => !r.heldOut));
  const byKind: WebBenchResult["byKind"] = {};
  for (const kind of [...new Set(perPage.map((r) => r.kind))]) byKind[kind] = pair(perPage.filter((r) => r.kind === kind));
  const metaAcc = (get: (r: PageResult) => MetaResult) => {
    const c = perPage.reduce((s, r) => s + get(r).correct, 0);
    const e = perPage.reduce((s, r) => s + get(r).expected, 0);
    return e ? c / e : 0;
  };
  return {
    web_f1: round(all.ours.f1),
    web_precision: round(all.ours.precision),
    web_recall: round(all.ours.recall),
    readability_f1: round(all.readability.f1),
    readability_precision: round(all.readability.precision),
    readability_recall: round(all.readability.recall),
    web_f1_heldout: round(heldOut.ours.f1),
    readability_f1_heldout: round(heldOut.readability.f1),
    web_f1_fresh: round(fresh.ours.f1),
    readability_f1_fresh: round(fresh.readability.f1),
    web_f1_fresh2: round(fresh2.ours.f1),
    readability_f1_fresh2: round(fresh2.readability.f1),
    web_pages_below_readability_recall: perPage.filter((r) => r.ours.recall < r.readability.recall).length,
    web_import_failures: perPage.filter((r) => r.error).length,
    web_meta_accuracy: round(metaAcc((r) => r.oursMeta)),
    readability_meta_accuracy: round(metaAcc((r) => r.readabilityMeta)),
    web_pages: perPage.length,
    ours: all.ours,
    readability: all.readability,
    heldOut,
    fresh,
    fresh2,
    tuned,
    byKind,
    perPage,
  };
}

const f = (n: number) => n.toFixed(3);

export function formatWebBench(r: WebBenchResult): string {
  const lines: string[] = [];
  const row = (name: string, p: { ours: Figures; readability: Figures }) =>
    `  ${name.padEnd(10)} ${String(p.ours.pages).padStart(3)} pages   ours F1 ${f(p.ours.f1)} (P ${f(p.ours.precision)} R ${f(p.ours.recall)})   Readability F1 ${f(p.readability.f1)} (P ${f(p.readability.precision)} R ${f(p.readability.recall)})`;
  lines.push(row("all", { ours: r.ours, readability: r.readability }));
  lines.push(row("held-out", r.heldOut));
  lines.push(row("fresh", r.fresh));
  lines.push(row("fresh2", r.fresh2));
  lines.push(row("tuned-on", r.tuned));
  for (const [kind, p] of Object.entries(r.byKind)) lines.push(row(kind, p));
  lines.push(`  micro F1: ours ${f(r.ours.micro_f1)}, Readability ${f(r.readability.micro_f1)}; metadata fields right: ours ${f(r.web_meta_accuracy)}, Readability ${f(r.readability_meta_accuracy)}`);
  lines.push(`  pages keeping less than Readability: ${r.web_pages_below_readability_recall}; import failures: ${r.web_import_failures}`);
  return lines.join("\n");
}

const invokedDirectly = typeof require !== "undefined" && typeof module !== "undefined" && require.main === module;
if (invokedDirectly) {
  const args = process.argv.slice(2);
  const page = args.includes("--page") ? args[args.indexOf("--page") + 1] : undefined;
  const heldOutOnly = args.includes("--held-out");
  const tunedOnly = args.includes("--tune"); // tuning: the held-out pages are not even run
  runWebBench({ only: (p) => (!page || p.id === page) && (!heldOutOnly || p.heldOut) && (!tunedOnly || !p.heldOut) }).then((r) => {
    if (args.includes("--json")) { console.log(JSON.stringify({ ...r, perPage: undefined })); return; }
    if (args.includes("--write-readability")) {
      // Readability's per-page scores, for the unit test that no page keeps less than Readability (without jsdom)
      const out = Object.fromEntries(r.perPage.map((p) => [p.id, { precision: round(p.readability.precision), recall: round(p.readability.recall), f1: round(p.readability.f1) }]));
      writeFileSync(path.join(DEFAULT_CORPUS_DIR, "readability.json"), JSON.stringify(out, null, 1) + "\n");
    }
    for (const p of r.perPage) {
      if (p.heldOut && !args.includes("--show-held-out") && !page) continue;
      const flag = p.error ? `  FAILED: ${p.error}` : p.ours.recall < p.readability.recall ? "  < Readability recall" : "";
      console.log(
        `${p.fresh2 ? "3" : p.fresh ? "F" : p.heldOut ? "H" : " "} ${p.id.padEnd(22)} ours F1 ${f(p.ours.f1)} P ${f(p.ours.precision)} R ${f(p.ours.recall)} | Rd F1 ${f(p.readability.f1)} P ${f(p.readability.precision)} R ${f(p.readability.recall)} | meta ${p.oursMeta.correct}/${p.oursMeta.expected} vs ${p.readabilityMeta.correct}/${p.readabilityMeta.expected} ${p.ms.toFixed(0)} ms${flag}`,
      );
    }
    console.log(formatWebBench(r));
  });
}
