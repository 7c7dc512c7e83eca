/**
 * Defects a user test found, each checked on the user's own files (tests/fixtures/import/user/) and on
 * a document of the same shape the fixtures never showed (the rules are general).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importDocument } from "@/lib/import/index";
import type { ImportedReading } from "@/lib/import/types";
import { importSeed, importText, paragraphs, ROOT, texts, loadImporterOnce } from "./helpers/seeds";

loadImporterOnce();

const USER_DIR = path.join(ROOT, "tests/fixtures/import/user");
const userBytes = (name: string) => new Uint8Array(readFileSync(path.join(USER_DIR, name)));
const importUser = (name: string, as = name, skip?: string[]) => importDocument(userBytes(name), as, skip ? { skip } : {});
const html = (s: string, name = "page.html") => importDocument(new TextEncoder().encode(s), name);

/** No entry says "X → X": a repair that changed nothing visible is phrased as what it did. */
function expectNoNoOps(r: ImportedReading): void {
  for (const e of r.report) expect(e.before === e.after && e.before !== "", `${e.rule}: ${e.before}`).toBe(false);
}

describe("running heads with a page number on the same line (plain text)", () => {
  it.each(["messy.txt", "messy2.txt"])("%s: alternating title/author heads are removed before the page-break join", async (name) => {
    const r = await importUser(name);
    expect(r.title).toBe("The Ethics of Belief");
    expect(r.author).toBe("W. K. Clifford");
    const all = texts(r).join("\n");
    expect(all).not.toMatch(/ETHICS OF BELIEF|CLIFFORD \d|\b1[23]\b/);
    expect(all).toContain("even though this should put him to great expense. Before the ship sailed");
    expect(all).toContain("seas and climes, and often");
    expect(all).toContain("succeeded in overcoming these melancholy reflections.");
    expect(paragraphs(r).some((p) => p.startsWith("In such ways he acquired"))).toBe(true);
    expect(r.blocks.filter((b) => b.kind === "heading").map((b) => b.text)).toEqual(["The Duty of Inquiry"]);
    const heads = r.report.filter((e) => e.rule === "drop-running-header");
    expect(heads.map((e) => e.before)).toEqual(["THE ETHICS OF BELIEF 12", "W. K. CLIFFORD 13"]);
    for (const e of heads) { expect(e.id).toBeTruthy(); expect(e.after).toBe(""); expect(e.block).not.toBeNull(); }
    expect(r.notes).toEqual([{ label: "*", text: "Clifford first delivered this essay to the Metaphysical Society in 1876." }]);
  });

  it("reports every de-hyphenation and the page-break join, none as a no-op", async () => {
    const r = await importUser("messy.txt");
    const hyphens = r.report.filter((e) => e.rule === "join-hyphenated-word");
    expect(hyphens.map((e) => [e.before, e.after])).toEqual([["cli-mes", "climes"], ["over-coming", "overcoming"]]);
    for (const e of hyphens) expect(e.id).toBeTruthy();
    const join = r.report.find((e) => e.rule === "join-page-break")!;
    expect(join.before).toBe("even though this should put him ¶ to great expense. Before the ship");
    expect(r.blocks[join.block!]!.text).toContain("put him to great expense");
    expectNoNoOps(r);
    expect(r.report.find((e) => e.rule === "metadata-author")).toMatchObject({ before: "W. K. Clifford", after: "author: W. K. Clifford" });
    expect(r.report.find((e) => e.rule === "metadata-title")).toMatchObject({ before: "THE ETHICS OF BELIEF", after: "title: The Ethics of Belief" });
    expect(r.report.find((e) => e.rule === "promote-heading")).toMatchObject({ before: "The Duty of Inquiry", after: "heading: The Duty of Inquiry" });
  });

  it("undo: a running head comes back where it stood; an undone de-hyphenation keeps the hyphen", async () => {
    const base = await importUser("messy2.txt");
    const head = base.report.find((e) => e.rule === "drop-running-header")!;
    const hyphen = base.report.find((e) => e.rule === "join-hyphenated-word")!;
    const undone = await importUser("messy2.txt", "messy2.txt", [head.id!, hyphen.id!]);
    const i = undone.blocks.findIndex((b) => b.text === "THE ETHICS OF BELIEF 12");
    expect(i).toBeGreaterThan(0);
    expect(undone.blocks[i - 1]!.text).toMatch(/should put him$/);
    expect(undone.blocks[i + 1]!.text).toMatch(/^to great expense/);
    expect(texts(undone).join("\n")).toContain("seas and cli-mes, and");
    const others = base.report.filter((e) => e.id && e.id !== head.id && e.id !== hyphen.id && e.rule !== "join-page-break").map((e) => e.id);
    expect(undone.report.map((e) => e.id)).toEqual(expect.arrayContaining(others));
  });

  it("a document never seen: numbered heads on both sides, with and without blank lines; the title line stays the title", async () => {
    const body = "The committee met in the spring and heard from every witness who asked to speak, at length.";
    const text = [
      "A Report on the Harbour",
      "",
      "Margaret Ellison",
      "",
      `${body} The chairman thanked them and adjourned the`,
      "2                    A REPORT ON THE HARBOUR",
      "meeting until the following week, when the engineers would be present.",
      "",
      `${body} Nobody expected the engineers to agree on anything, and they did`,
      "",
      "MARGARET ELLISON      3",
      "",
      "not: each brought a plan of his own.",
      "",
      `${body}`,
      "4 A REPORT ON THE HARBOUR",
      `${body}`,
    ].join("\n");
    const r = await importText(text);
    expect(r.title).toBe("A Report on the Harbour");
    expect(r.author).toBe("Margaret Ellison");
    const all = texts(r).join("\n");
    expect(all).not.toMatch(/REPORT ON THE HARBOUR|ELLISON/);
    expect(all).toContain("adjourned the meeting until the following week");
    expect(all).toContain("and they did not: each brought a plan of his own.");
    expect(r.report.filter((e) => e.rule === "drop-running-header").map((e) => e.before)).toEqual([
      "2 A REPORT ON THE HARBOUR",
      "MARGARET ELLISON 3",
      "4 A REPORT ON THE HARBOUR",
    ]);
  });

  it("a line that merely repeats the title in the prose, or a number after a sentence, is not a running head", async () => {
    const text = [
      "Notes on Rivers",
      "",
      "The book was called Notes on Rivers and it sold 12 copies in its first year of publication, which is few.",
      "",
      "Notes on rivers 14",
      "",
      "The second edition did better, and the third better still, until every school library had a copy.",
    ].join("\n");
    const r = await importText(text);
    // lowercase words: not set like a running head
    expect(texts(r)).toContain("Notes on rivers 14");
  });
});

describe("HTML: footnotes, title and byline", () => {
  it("sample.html: notes linked from their markers, title from the h1, byline to the author, all reported", async () => {
    const r = await importUser("sample.html");
    expect(r.format).toBe("html");
    expect(r.title).toBe("Of the Liberty of Thought and Discussion");
    expect(r.author).toBe("John Stuart Mill");
    expect(r.date).toBe("1859");
    expect(r.notes).toEqual([
      { label: "1", text: "Written in 1858, amid the prosecutions of the press." },
      { label: "2", text: "Compare Milton, Areopagitica (1644)." },
    ]);
    expect(r.blocks[0]!.noteRefs).toEqual([{ label: "1", offset: r.blocks[0]!.text.length }]);
    expect(r.blocks.at(-1)!.noteRefs).toEqual([{ label: "2", offset: r.blocks.at(-1)!.text.length }]);
    expect(r.report.some((e) => e.rule === "drop-orphan-note-marker")).toBe(false);
    expect(texts(r).join("\n")).not.toMatch(/By John Stuart Mill|Of the Liberty of Thought|↩|Philosophy Archive|Subscribe/);
    expect(r.report.find((e) => e.rule === "metadata-title")).toMatchObject({ before: "Of the Liberty of Thought and Discussion", after: "title: Of the Liberty of Thought and Discussion" });
    expect(r.report.some((e) => e.before === "By John Stuart Mill · 1859" && e.id)).toBe(true);
    expectNoNoOps(r);
  });

  it("undoing the h1 title keeps the h1 as a heading at the top", async () => {
    const base = await importUser("sample.html");
    const t = base.report.find((e) => e.rule === "metadata-title")!;
    const undone = await importUser("sample.html", "sample.html", [t.id!]);
    expect(undone.blocks[0]).toMatchObject({ kind: "heading", text: "Of the Liberty of Thought and Discussion" });
    expect(undone.title).toBe("On Liberty, Chapter II (excerpt)"); // the <title>, without the site's name
  });

  const P1 = "Trade between the two ports grew steadily through the decade, although the records are incomplete.";
  const P2 = "The customs house burned in the last year of the decade, and with it most of the ledgers.";

  it("div.footnotes with [1]-style anchors, and <aside> notes, outside the article", async () => {
    const r = await html(`<!doctype html><html><head><title>Two Ports — The Harbour Gazette</title></head><body>
      <article><p>${P1}<a href="#note-1" id="ref-1">[1]</a></p><p>${P2}<a href="#n2" class="noteref">[2]</a></p></article>
      <div class="footnotes"><p id="note-1">[1] Harbour board minutes, 1881.</p></div>
      <aside id="n2">The fire is reported in the Gazette of 3 May. <a href="#ref-2">^</a></aside>
      </body></html>`);
    expect(r.title).toBe("Two Ports");
    expect(r.notes.map((n) => n.label)).toEqual(["1", "2"]);
    expect(r.notes[0]!.text).toBe("Harbour board minutes, 1881.");
    expect(r.notes[1]!.text).toMatch(/^The fire is reported in the Gazette of 3 May\.$/);
    expect(r.blocks.map((b) => b.noteRefs?.map((n) => n.label))).toEqual([["1"], ["2"]]);
    expect(r.report.find((e) => e.rule === "metadata-title")).toMatchObject({ before: "Two Ports — The Harbour Gazette", after: "title: Two Ports" });
  });

  it("paragraph-number links are not notes; a byline with rel=author becomes the author", async () => {
    const r = await html(`<!doctype html><html><head><title>Ledgers | Archive</title></head><body>
      <header><h1>Ledgers Lost</h1><p class="meta">By <a rel="author" href="/a/jane">Jane Whitcombe</a></p></header>
      <main><p id="p1"><a href="#p1">1</a> ${P1}</p><p id="p2"><a href="#p2">2</a> ${P2}</p></main></body></html>`);
    expect(r.title).toBe("Ledgers Lost");
    expect(r.author).toBe("Jane Whitcombe");
    expect(r.notes).toEqual([]);
    expect(paragraphs(r)).toHaveLength(2);
    expect(r.report.some((e) => e.rule === "metadata-author" && e.before === "By Jane Whitcombe" && e.after === "author: Jane Whitcombe")).toBe(true);
  });

  it("several h1s: the <title> (without the site suffix) is the title, the h1s stay headings", async () => {
    const r = await html(`<html><head><title>The Two Ports | Harbour Gazette</title></head><body><main>
      <h1>Part one</h1><p>${P1}</p><h1>Part two</h1><p>${P2}</p></main></body></html>`);
    expect(r.title).toBe("The Two Ports");
    expect(r.blocks.filter((b) => b.kind === "heading").map((b) => b.text)).toEqual(["Part one", "Part two"]);
  });
});

describe("memo headers stay in the body", () => {
  it("004: date, TO: and SUBJECT: are paragraphs at the top; the title is still metadata", async () => {
    const r = await importSeed("004");
    expect(texts(r).slice(0, 4).map((t) => t.slice(0, 24))).toEqual(["25 October 1956", "TO: All Area Branches", "SUBJECT: Significance of", "1. Attached you will fin"]);
    expect(r.title).toMatch(/^Significance of Developments/);
    const subject = r.report.find((e) => e.rule === "metadata-title")!;
    expect(subject.after).toBe(`title: ${r.title}`);
    expect(r.blocks[subject.block!]!.text).toMatch(/^SUBJECT: /);
    expectNoNoOps(r);
  });

  it("a memo never seen: FROM/TO/SUBJECT stay, in order; FROM is the author", async () => {
    const r = await importText([
      "MEMORANDUM",
      "",
      "3 March 1961",
      "",
      "FROM: Director of Planning",
      "TO: Regional Offices",
      "SUBJECT: Revised Travel Allowances",
      "",
      "1. The allowances set out in the subject above take effect at once and replace those of last year, which are withdrawn.",
    ].join("\n"));
    expect(r.title).toBe("Revised Travel Allowances");
    expect(r.author).toBe("Director of Planning");
    expect(r.date).toBe("3 March 1961");
    const all = texts(r).join("\n");
    expect(all).toMatch(/FROM: Director of Planning[\s\S]*TO: Regional Offices[\s\S]*SUBJECT: Revised Travel Allowances/);
    expect(all).toContain("3 March 1961");
    expect(r.blocks.filter((b) => b.kind === "heading")).toEqual([]);
  });
});

describe("a file named .pdf that is not a PDF", () => {
  it("is read by its content, and the report says so", async () => {
    const r = await importDocument(userBytes("messy2.txt"), "chapter.pdf");
    expect(r.format).toBe("text");
    expect(r.report[0]).toEqual({ rule: "detect-format", block: null, before: "chapter.pdf: not a PDF file (no %PDF- header)", after: "read as plain text" });
    expect(texts(r)).toEqual(texts(await importUser("messy2.txt")));
    const h = await importDocument(userBytes("sample.html"), "saved.pdf");
    expect(h.format).toBe("html");
    expect(h.report.find((e) => e.rule === "detect-format")?.after).toBe("read as HTML");
    expect((await importUser("messy2.txt")).report.some((e) => e.rule === "detect-format")).toBe(false);
  });
});

describe("no report entry is a no-op", () => {
  it.each(["000", "001", "002", "003", "004"])("seed %s", async (id) => expectNoNoOps(await importSeed(id)));
});
