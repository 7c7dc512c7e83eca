/**
 * A JSTOR-style download (tests/fixtures/import/scholarly, made by generate.ts from an article written
 * for these tests): the PDF, its `pdftotext -layout` text and an OCR reading of the same pages all
 * import as the article — cover page, stamps and running heads gone, the notes at the page bottoms
 * linked where their markers stood, compounds broken at line ends kept, block quotes recognised — and
 * every repair is in the report.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importDocument } from "@/lib/import/index";
import { loadScholarlyTruth, SCHOLARLY_FILES, scoreScholarly } from "@/lib/import/scholarly-bench";
import type { ImportedReading } from "@/lib/import/types";
import { importText, texts, loadImporterOnce } from "./helpers/seeds";

loadImporterOnce();

const DIR = path.resolve(__dirname, "../../fixtures/import/scholarly");
const truth = loadScholarlyTruth(DIR);
const cache = new Map<string, Promise<ImportedReading>>();
const load = (file: string) => {
  if (!cache.has(file)) cache.set(file, importDocument(new Uint8Array(readFileSync(path.join(DIR, file))), file));
  return cache.get(file)!;
};

describe.each(SCHOLARLY_FILES)("%s", { timeout: 30_000 }, (file) => {
  it("reads as the article: metadata, blocks with their kinds and markers, notes", async () => {
    const r = await load(file);
    expect({ title: r.title, author: r.author, source: r.source, date: r.date }).toEqual({
      title: "The Thaw and Its Discontents",
      author: "Margaret Holloway",
      source: "Journal of Cold War Studies, Vol. 9, No. 2",
      date: "Spring 2007",
    });
    expect(r.blocks.map((b) => b.kind)).toEqual(truth.blocks.map((b) => b.kind));
    expect(texts(r)).toEqual(truth.blocks.map((b) => b.text));
    expect(r.notes).toEqual(truth.notes);
  });

  it("scores 100 % on every figure the benchmark reports", async () => {
    const s = scoreScholarly(file, await load(file), truth);
    expect(s.furnitureLeft).toEqual([]);
    expect([s.notesFound, s.notesLinked, s.stampsRemoved, s.headsRemoved, s.hyphensRight, s.blocksRight, s.metadata]).toEqual([
      s.notes, s.notes, s.stampLines, s.runningHeads, s.hyphens, s.blocks, 4,
    ]);
  });

  it("reports every repair, each pointing at a block the preview shows", async () => {
    const r = await load(file);
    const rules = new Set(r.report.map((e) => e.rule));
    for (const rule of ["drop-download-stamp", "drop-running-header", "move-note", "join-hyphenated-word", "metadata-title", "metadata-source"]) expect(rules, rule).toContain(rule);
    expect(r.report.filter((e) => e.rule === "move-note")).toHaveLength(8);
    for (const e of r.report) if (e.block !== null) expect(e.block).toBeLessThan(r.blocks.length);
    // the stamp and the cover page's terms are removals, never merged into a paragraph
    expect(r.report.filter((e) => e.rule === "join-page-break").map((e) => e.after).join(" ")).not.toMatch(/downloaded|JSTOR|JOURNAL OF/);
  });

  it("reports the page-break joins and the quotations, numbered as the preview numbers blocks (issue 11)", async () => {
    const r = await load(file);
    const at = (rule: string) => r.report.filter((e) => e.rule === rule).map((e) => e.block).sort((a, b) => a! - b!);
    expect(at("join-page-break")).toEqual([3, 9, 15]);
    expect(at("mark-quote")).toEqual([5, 14]);
    expect(r.blocks[5]!.kind).toBe("quote");
    for (const e of r.report.filter((x) => x.rule === "join-page-break" || x.rule === "mark-quote")) expect(e.id).toBeTruthy();
  });

  it("undoing a page-break join or a quotation leaves the blocks as the page set them", async () => {
    const r = await load(file);
    const join = r.report.find((e) => e.rule === "join-page-break" && e.block === 9)!;
    const quote = r.report.find((e) => e.rule === "mark-quote" && e.block === 5)!;
    const u = await importDocument(new Uint8Array(readFileSync(path.join(DIR, file))), file, { skip: new Set([join.id!, quote.id!]) });
    expect(u.blocks).toHaveLength(r.blocks.length + 1);
    expect(u.blocks[5]!.kind).toBe("paragraph");
    expect(u.blocks[9]!.text).toMatch(/were read aloud at$/);
    expect(u.blocks[10]!.text).toMatch(/^party meetings across the country/);
    expect(u.report.map((e) => e.id)).not.toContain(join.id);
    expect(u.report.map((e) => e.id)).not.toContain(quote.id);
  });
});

describe("the same furniture in a document never seen", () => {
  const stamp = "This content downloaded from 203.0.113.9 on Mon, 03 Feb 2021 10:00:00 UTC";
  const page = (n: number, body: string[], notes: string[]) =>
    [n % 2 ? `THE HARBOUR BOARD ${n}` : `${n} MARITIME HISTORY REVIEW`, "", ...body, "", ...notes, "", stamp, "All use subject to https://about.jstor.org/terms"].join("\n");

  it("finds notes whose markers are digits glued to words, and rejoins the paragraph they interrupted", async () => {
    const text = [
      page(12, [
        "The board met for the first time in the spring of 1881, when the harbour was",
        "still a tidal creek.1 Its members were merchants, and their minutes are",
        "mostly about money.2 Only later did they write about ships, and when",
      ], ["1 Minutes of the board, 4 April 1881.", "2 See the accounts for 1881-1884."]),
      page(13, [
        "they did, it was with the enthusiasm of converts. By 1890 the creek was a",
        "harbour of sorts, and the board had a secretary.3",
      ], ["3 His letters survive in the county archive."]),
      page(14, ["The secretary kept everything. His successors kept almost nothing, which is why", "the story ends where it does."], []),
    ].join("\n\f");
    const r = await importText(text);
    expect(r.notes.map((n) => n.label)).toEqual(["1", "2", "3"]);
    expect(texts(r)[0]).toBe(
      "The board met for the first time in the spring of 1881, when the harbour was still a tidal creek.[1] Its members were merchants, and their minutes are mostly about money.[2] Only later did they write about ships, and when they did, it was with the enthusiasm of converts. By 1890 the creek was a harbour of sorts, and the board had a secretary.[3]",
    );
    expect(texts(r).join("\n")).not.toMatch(/downloaded|HARBOUR BOARD|MARITIME|All use/);
  });

  it("a finished note followed by a blank line and a new paragraph is not a page's foot: the paragraph stays in the text", async () => {
    // (found trying the preview: the last paragraph became part of note 3)
    const r = await importText(
      [
        "Not everyone welcomed the change, as one editor remembered it.3 The quarrel lasted a decade.",
        "",
        "3 Interview with the author, Moscow, 1991.",
        "",
        "Editors learned to read the political weather as closely as the manuscripts on their desks.",
      ].join("\n"),
    );
    expect(r.notes.map((n) => n.text)).not.toContainEqual(expect.stringContaining("Editors learned"));
    expect(texts(r).at(-1)).toBe("Editors learned to read the political weather as closely as the manuscripts on their desks.");
  });

  it("a numbered list at a page's foot without markers above it stays in the text", async () => {
    const r = await importText(
      [
        "The committee agreed on three things, which the minutes record in this order:",
        "",
        "1. The harbour would be dredged before the winter.",
        "2. The dues would be raised by a penny a ton.",
        "3. The secretary would be paid.",
        "\f",
        "Nobody asked the merchants what they thought of the second point, and they did not say.",
      ].join("\n"),
    );
    expect(r.notes).toEqual([]);
    expect(texts(r).join("\n")).toContain("The dues would be raised by a penny a ton.");
  });
});
