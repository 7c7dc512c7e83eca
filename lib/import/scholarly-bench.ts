/**
 * How well the importer reads a JSTOR-style download: the fixtures in tests/fixtures/import/scholarly
 * (a PDF with a cover page, stamps, alternating running heads, notes at the page bottoms and words
 * broken at line ends; its `pdftotext -layout` text; an OCR reading of the same pages) scored against
 * their ground truth (thaw.expected.json). `npm run bench` prints the figures; the unit tests hold
 * them at 100 %.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { importDocument } from "./index";
import { textWithMarkers, type ImportedReading } from "./types";

export interface ScholarlyTruth {
  title: string;
  author: string;
  source: string;
  date: string;
  blocks: Array<{ kind: string; text: string }>;
  notes: Array<{ label: string; text: string }>;
  stampLines: number;
  runningHeads: number;
  hyphenBreaks: Array<{ broken: string; word: string; compound: boolean }>;
}

export interface ScholarlyScore {
  file: string;
  /** title, author, source, date as the text says (4 at most) */
  metadata: number;
  /** blocks whose kind and text (markers included) are exactly right */
  blocksRight: number;
  blocks: number;
  /** notes found with their label and text */
  notesFound: number;
  /** notes whose marker sits where the article puts it (the block text with [n] matches) */
  notesLinked: number;
  notes: number;
  stampsRemoved: number;
  stampLines: number;
  headsRemoved: number;
  runningHeads: number;
  /** line-end hyphens decided right: compounds kept, broken words joined */
  hyphensRight: number;
  hyphens: number;
  /** any stamp, running head or note text left in the body */
  furnitureLeft: string[];
}

export const SCHOLARLY_DIR = path.resolve(process.cwd(), "tests/fixtures/import/scholarly");
export const SCHOLARLY_FILES = ["thaw.pdf", "thaw.txt", "thaw-scan.txt"];

export function loadScholarlyTruth(dir = SCHOLARLY_DIR): ScholarlyTruth {
  return JSON.parse(readFileSync(path.join(dir, "thaw.expected.json"), "utf8")) as ScholarlyTruth;
}

const norm = (s: string) => s.replace(/\s+/g, " ").trim();

export function scoreScholarly(file: string, r: ImportedReading, truth: ScholarlyTruth): ScholarlyScore {
  const got = r.blocks.map((b) => ({ kind: b.kind, text: norm(textWithMarkers(b)) }));
  const body = got.map((b) => b.text).join("\n");
  const bodyPlain = r.blocks.map((b) => b.text).join("\n");
  const gotSet = new Set(got.map((b) => `${b.kind}|${b.text}`));
  const plainSet = new Set(got.map((b) => b.text.replace(/\[[^\]]+\]/g, "")));
  const notes = new Map(r.notes.map((n) => [n.label, norm(n.text)]));
  const linked = truth.notes.filter((n) => {
    const block = truth.blocks.find((b) => b.text.includes(`[${n.label}]`));
    return !!block && got.some((b) => b.text === norm(block.text));
  }).length;
  const furnitureLeft = [
    /This content downloaded/i, /All use subject to/i, /JSTOR/, /JOURNAL OF COLD WAR STUDIES/, /THE THAW AND ITS DISCONTENTS/, /Preview the article/i,
    /Stable URL|Published by:|Author\(s\)/,
  ].filter((re) => re.test(bodyPlain)).map(String);
  for (const n of truth.notes) if (bodyPlain.includes(n.text.slice(0, 40))) furnitureLeft.push(`note ${n.label} in the body`);
  const hyphensRight = truth.hyphenBreaks.filter((h) => {
    const other = h.compound ? h.word.replace(/-/g, "") : h.broken;
    return body.includes(h.word) && !new RegExp(`\\b${other.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).test(body);
  }).length;
  return {
    file,
    metadata: (["title", "author", "source", "date"] as const).filter((k) => r[k] === truth[k]).length,
    blocksRight: truth.blocks.filter((b) => gotSet.has(`${b.kind}|${norm(b.text)}`)).length,
    blocks: truth.blocks.length,
    notesFound: truth.notes.filter((n) => notes.get(n.label) === norm(n.text)).length,
    notesLinked: linked,
    notes: truth.notes.length,
    stampsRemoved: r.report.filter((e) => e.rule === "drop-download-stamp" && /This content downloaded|All use subject to/.test(e.before)).length,
    stampLines: truth.stampLines,
    // every article page after the first has a running head: none of them may be left in the text
    headsRemoved: Math.max(0, truth.runningHeads - (bodyPlain.match(/JOURNAL OF COLD WAR STUDIES|THE THAW AND ITS DISCONTENTS/g) ?? []).length),
    runningHeads: truth.runningHeads,
    hyphensRight,
    hyphens: truth.hyphenBreaks.length,
    furnitureLeft: [...furnitureLeft, ...truth.blocks.filter((b) => !plainSet.has(norm(b.text).replace(/\[[^\]]+\]/g, ""))).map((b) => `block not found: ${b.text.slice(0, 50)}`).slice(0, 3)],
  };
}

/** Import each fixture and score it. */
export async function runScholarlyBench(dir = SCHOLARLY_DIR): Promise<ScholarlyScore[]> {
  const truth = loadScholarlyTruth(dir);
  const out: ScholarlyScore[] = [];
  for (const file of SCHOLARLY_FILES) {
    const r = await importDocument(new Uint8Array(readFileSync(path.join(dir, file))), file);
    out.push(scoreScholarly(file, r, truth));
  }
  return out;
}

/** One line per fixture, for `npm run bench`. */
export function formatScholarly(s: ScholarlyScore): string {
  return (
    `${s.file}: notes ${s.notesFound}/${s.notes} found, ${s.notesLinked}/${s.notes} linked; stamps ${s.stampsRemoved}/${s.stampLines} removed; ` +
    `running heads ${s.headsRemoved}/${s.runningHeads} removed; hyphens ${s.hyphensRight}/${s.hyphens} right; blocks ${s.blocksRight}/${s.blocks} exact; ` +
    `metadata ${s.metadata}/4` + (s.furnitureLeft.length ? `; left: ${s.furnitureLeft.join(", ")}` : "")
  );
}

const invokedDirectly = typeof require !== "undefined" && typeof module !== "undefined" && require.main === module;
if (invokedDirectly) void runScholarlyBench().then((scores) => scores.forEach((s) => console.log(formatScholarly(s))));
