/**
 * Upload limits, enforced while reading (issue 10 finding 1–2): each check on the smallest
 * file that crosses it, and just under it; the sandbox's heap cap and time limit.
 */
import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { importDocument, ImportError } from "@/lib/import";
import { checkXml } from "@/lib/import/limits-docx";
import { scanPdfStreams } from "@/lib/import/limits-pdf";
import { checkTextShape } from "@/lib/import/limits-text";
import { inflateEntries, readZipDirectory, writeZip } from "@/lib/import/zip";
import { PdfWriter, textPdf } from "@/lib/import/pdf-writer";
import { locateUncertainWords } from "@/lib/import/ocr-marks";
import { runInSandbox } from "@/lib/import/sandbox";

const code = async (p: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof p === "function" ? p() : p);
    return "accepted";
  } catch (e) {
    return e instanceof ImportError ? e.code : String(e);
  }
};

describe("zip parts are inflated with a ceiling", () => {
  test("a part inflating past 32 MB stops there and is refused as TOO_LARGE; a 1 MB part passes", () => {
    const big = Buffer.alloc(40 * 1024 * 1024, "<w:p/>");
    const zip = writeZip([{ name: "word/document.xml", data: big, deflate: true }, { name: "small.xml", data: Buffer.alloc(1024 * 1024, "a"), deflate: true }]);
    expect(zip.length).toBeLessThan(200_000);
    const entries = readZipDirectory(zip);
    expect(entries.map((e) => e.name)).toEqual(["word/document.xml", "small.xml"]);
    const t = performance.now();
    expect(() => inflateEntries(zip, entries, () => true)).toThrow(/expands to more than 32 MB/);
    expect(performance.now() - t).toBeLessThan(5_000);
    expect(inflateEntries(zip, entries, (n) => n === "small.xml").get("small.xml")!.length).toBe(1024 * 1024);
  }, 60_000);

  test("a directory that lies about a part's size does not matter: the inflate itself is capped", () => {
    const zip = writeZip([{ name: "word/document.xml", data: Buffer.alloc(40 * 1024 * 1024, "x"), deflate: true }]);
    // Rewrite the declared uncompressed size (central directory) to 10 bytes.
    const cd = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(10, cd + 24);
    expect(() => inflateEntries(zip, readZipDirectory(zip), () => true)).toThrow(ImportError);
  }, 60_000);
});

describe("XML parts are scanned for DTDs, depth and run floods", () => {
  const nested = (n: number) => Buffer.from(`<?xml version="1.0"?>${"<a>".repeat(n)}x${"</a>".repeat(n)}`);
  test("256 levels pass, 257 are refused", () => {
    expect(() => checkXml(nested(256), "t.xml")).not.toThrow();
    expect(() => checkXml(nested(257), "t.xml")).toThrow(/more than 256 levels/);
  });
  test("a DTD is refused (billion laughs needs one); comments, CDATA and quoted '>' are read past", () => {
    expect(() => checkXml(Buffer.from('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'), "t.xml")).toThrow(/document type \(DTD\)/);
    expect(() => checkXml(Buffer.from('<a b="1 > 0"><!-- <x><x><x> --><![CDATA[<y><y>]]><c/></a>'), "t.xml")).not.toThrow();
  });
  test("a paragraph split into more than 5,000 runs is refused", () => {
    const para = (runs: number) => Buffer.from(`<w:body><w:p>${"<w:r><w:t>a</w:t></w:r>".repeat(runs)}</w:p></w:body>`);
    expect(() => checkXml(para(5_000), "d.xml")).not.toThrow();
    expect(() => checkXml(para(5_001), "d.xml")).toThrow(/more than 5,000 formatting runs/);
  });
});

describe("PDF streams are inflated with a ceiling before pdf.js reads them", () => {
  test("a content stream inflating past 32 MB is refused fast; the seed PDFs pass", () => {
    const w = new PdfWriter();
    const catalog = w.reserve();
    w.stream("/Filter /FlateDecode", zlib.deflateSync(Buffer.alloc(40 * 1024 * 1024, "0 0 m 1 1 l S\n")));
    w.set(catalog, "<< /Type /Catalog >>");
    const t = performance.now();
    expect(() => scanPdfStreams(w.finish(catalog))).toThrow(/more than 32 MB of page content/);
    expect(performance.now() - t).toBeLessThan(5_000);
    const ordinary = textPdf([["A page of text."], ["Another page."]]);
    expect(scanPdfStreams(ordinary)).toMatchObject({ streams: 2 });
    expect(() => scanPdfStreams(readFileSync(path.resolve("tests/fixtures/import/variants/002.pdf")))).not.toThrow();
  }, 60_000);

  test("a PDF over the page limit is refused before its pages are read", async () => {
    const pdf = textPdf(Array.from({ length: 2_001 }, () => ["a"]));
    await expect(code(importDocument(pdf, "many.pdf"))).resolves.toBe("TOO_COMPLEX");
  }, 60_000);
});

describe("text uploads are scanned before parsing", () => {
  test("HTML nesting, Markdown quote nesting and paragraph floods are refused; ordinary text passes", () => {
    expect(() => checkTextShape(`<html><body>${"<div>".repeat(5_001)}x</body></html>`, "html")).toThrow(/more than 5,000 levels/);
    // Unclosed <p>/<li> (auto-closed by the parser) do not count as nesting.
    expect(() => checkTextShape(`<html><body>${"<p>x<li>y".repeat(20_000)}</body></html>`, "html")).not.toThrow();
    expect(() => checkTextShape(`${">".repeat(101)} deep`, "markdown")).toThrow(/block quotes more than 100 levels/);
    expect(() => checkTextShape(`${"> ".repeat(5)}quote`, "markdown")).not.toThrow();
    expect(() => checkTextShape("a\n\n".repeat(100_001), "text")).toThrow(/paragraphs/);
  }, 30_000);
});

describe("OCR's uncertain words are found again in the repaired text", () => {
  test("each word is located after the previous one; a word a repair changed is skipped", () => {
    const blocks = [
      { kind: "paragraph" as const, text: "The congress of 1954 was the first sign." },
      { kind: "paragraph" as const, text: "Younger poets read work that circulated." },
    ];
    const words = [
      { text: "The", confidence: 95 },
      { text: "congress", confidence: 40 },
      { text: "of", confidence: 96 },
      { text: "l954", confidence: 30 }, // OCR read it wrong; not in the text: skipped
      { text: "was", confidence: 90 },
      { text: "the", confidence: 90 },
      { text: "first", confidence: 90 },
      { text: "sign.", confidence: 90 },
      { text: "Younger", confidence: 90 },
      { text: "poets", confidence: 55 },
    ];
    expect(locateUncertainWords(blocks, words)).toEqual([
      { block: 0, start: 4, end: 12, text: "congress", confidence: 40 },
      { block: 1, start: 8, end: 13, text: "poets", confidence: 55 },
    ]);
  });
});

describe("the sandbox: a heap cap and a time limit around each import", () => {
  const book = new TextEncoder().encode(Array.from({ length: 20_000 }, (_, i) => `Paragraph ${i} of a long reading, with some words in it.`).join("\n\n"));

  test("an import that needs more memory than the cap fails alone with a message", async () => {
    const error = await runInSandbox({ kind: "import", bytes: book, fileName: "book.txt", skip: [], ocr: false }, { timeoutMs: 60_000, heapMb: 8 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe("TOO_COMPLEX");
    expect((error as ImportError).message).toMatch(/more than 8 MB of memory/);
  }, 60_000);

  test("an import past its time limit is stopped with a message", async () => {
    const t = performance.now();
    const error = await runInSandbox({ kind: "import", bytes: book, fileName: "book.txt", skip: [], ocr: false }, { timeoutMs: 50 }).catch((e: unknown) => e);
    expect((error as ImportError).code).toBe("TOO_COMPLEX");
    expect((error as ImportError).message).toMatch(/took longer than 0 s|took longer than/);
    expect(performance.now() - t).toBeLessThan(5_000);
  }, 60_000);

  test("an ordinary import comes back whole", async () => {
    const result = await runInSandbox<{ blocks: unknown[] }>({ kind: "import", bytes: new TextEncoder().encode("A title\n\nA first paragraph of text.\n\nA second one."), fileName: "a.txt", skip: [], ocr: false }, { timeoutMs: 60_000 });
    expect(result.blocks.length).toBeGreaterThanOrEqual(2);
  }, 60_000);
});
