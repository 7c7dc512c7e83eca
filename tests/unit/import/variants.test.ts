/**
 * The same reading in another format yields the same blocks: hard-wrapped text with running headers
 * and page numbers, legacy windows-1252 HTML (declared and undeclared) with <font> and navigation
 * tables, Markdown with front matter and [^n] footnotes, DOCX with real footnotes, and a PDF.
 * Fixtures: tests/fixtures/import/variants (regenerate with tests/fixtures/import/generate.ts).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importDocument } from "@/lib/import/index";
import type { ImportedReading } from "@/lib/import/types";
import { importSeed, texts, VARIANT_DIR, loadImporterOnce } from "./helpers/seeds";
import { toDocx, toLegacyHtml, toMarkdown, toWrappedText } from "./helpers/variants";

loadImporterOnce();

const SEEDS = ["000", "001", "002", "003", "004"];
const VARIANTS: Array<[string, string]> = [
  ["-wrapped.txt", "text"],
  ["-legacy.html", "html"],
  ["-undeclared.htm", "html"],
  ["-frontmatter.md", "markdown"],
  [".docx", "docx"],
  [".pdf", "pdf"],
];

function load(name: string): Promise<ImportedReading> {
  return importDocument(new Uint8Array(readFileSync(path.join(VARIANT_DIR, name))), name);
}

/** The PDF fixtures use a WinAnsi font: characters outside windows-1252 print as "?". */
function winAnsi(s: string): string {
  return [...s].map((c) => (c.codePointAt(0)! > 0xff && !"‘’“”–—…•€ŠšŒœŽžŸƒˆ˜†‡‰‹›™".includes(c) ? "?" : c)).join("");
}

describe.each(SEEDS)("seed %s in other formats", (id) => {
  it.each(VARIANTS)(`%s reads the same as the seed`, async (suffix, format) => {
    const seed = await importSeed(id);
    const variant = await load(`${id}${suffix}`);
    expect(variant.format).toBe(format);
    const norm = format === "pdf" ? winAnsi : (s: string) => s;
    expect(texts(variant)).toEqual(texts(seed).map(norm));
    expect(variant.notes.map((n) => n.text)).toEqual(seed.notes.map((n) => norm(n.text)));
    expect({ title: variant.title, author: variant.author, date: variant.date }).toEqual({
      title: seed.title,
      author: seed.author,
      date: seed.date,
    });
  });
});

describe("variants built on the fly agree with the committed fixtures", () => {
  it("wrapped text, legacy HTML, Markdown and DOCX of 001 (notes included)", async () => {
    const seed = await importSeed("001");
    const runs: Array<[Uint8Array, string]> = [
      [new TextEncoder().encode(toWrappedText(seed, { width: 72, pageLines: 33, header: "KHRUSHCHEV ON STALIN" })), "a.txt"],
      [toLegacyHtml(seed, { declareCharset: true }), "a.html"],
      [new TextEncoder().encode(toMarkdown(seed)), "a.md"],
      [await toDocx(seed), "a.docx"],
    ];
    for (const [bytes, name] of runs) {
      const r = await importDocument(bytes, name);
      expect(texts(r), name).toEqual(texts(seed));
      expect(r.notes, name).toEqual(seed.notes);
    }
  });

  it("Markdown front matter supplies metadata even when the body has none", async () => {
    const r = await importDocument(
      new TextEncoder().encode(`---\ntitle: "On Reading"\nauthor: Jane Roe\ndate: 2001-02-03\nsource: Somewhere Review\n---\n\nFirst paragraph of the essay, long enough to count as prose for a reader.\n`),
      "x.md",
    );
    expect(r).toMatchObject({ title: "On Reading", author: "Jane Roe", date: "2001-02-03", source: "Somewhere Review" });
    expect(texts(r)).toEqual(["First paragraph of the essay, long enough to count as prose for a reader."]);
  });
});
