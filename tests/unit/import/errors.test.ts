import { describe, expect, it } from "vitest";
import { importDocument, ImportError, MAX_BYTES } from "@/lib/import/index";
import { toPdf } from "./helpers/variants";

async function failure(bytes: Uint8Array, name: string): Promise<ImportError> {
  try {
    await importDocument(bytes, name);
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error(`expected ${name} to fail`);
}

describe("import errors a person can act on", () => {
  it("EMPTY for a zero-byte file and for a file of blank space", async () => {
    expect((await failure(new Uint8Array(), "empty.txt")).code).toBe("EMPTY");
    const blank = await failure(new TextEncoder().encode(" \n\n\t \r\n"), "blank.txt");
    expect(blank.code).toBe("EMPTY");
    expect(blank.message).toMatch(/blank\.txt/);
  });

  it("TOO_LARGE above 20 MB, with the size in the message", async () => {
    const e = await failure(new Uint8Array(MAX_BYTES + 1).fill(0x61), "huge.txt");
    expect(e.code).toBe("TOO_LARGE");
    expect(e.message).toMatch(/20 MB/);
  });

  it("UNDECODABLE for binary garbage named .txt", async () => {
    let seed = 12345;
    const bytes = new Uint8Array(4096).map(() => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed >> 16) & 0xff);
    const e = await failure(bytes, "garbage.txt");
    expect(e.code).toBe("UNDECODABLE");
    expect(e.message).toMatch(/UTF-8|\.docx|PDF/);
  });

  it("UNSUPPORTED_TYPE for images, old Word files, archives and spreadsheets", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect((await failure(png, "scan.png")).code).toBe("UNSUPPORTED_TYPE");
    expect((await failure(png, "looks-like-text.txt")).code).toBe("UNSUPPORTED_TYPE"); // content, not the name, decides
    const doc = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const e = await failure(doc, "essay.doc");
    expect(e.code).toBe("UNSUPPORTED_TYPE");
    expect(e.message).toMatch(/\.docx/);
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode("xl/workbook.xml")]);
    expect((await failure(zip, "grades.xlsx")).code).toBe("UNSUPPORTED_TYPE");
  });

  it("NO_TEXT_LAYER for a PDF that is only an image", async () => {
    const e = await failure(toPdf([[""]], { noText: true }), "scan.pdf");
    expect(e.code).toBe("NO_TEXT_LAYER");
    expect(e.message).toMatch(/OCR/);
  });

  it("UNDECODABLE for a damaged PDF or DOCX", async () => {
    expect((await failure(new TextEncoder().encode("%PDF-1.4\nthis is not really a pdf"), "broken.pdf")).code).toBe("UNDECODABLE");
    const fakeDocx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode("word/document.xml garbage")]);
    expect((await failure(fakeDocx, "broken.docx")).code).toBe("UNDECODABLE");
  });
});
