/**
 * Issue 11, the defects a new instructor's trial found in the scanned and plain-text paths: markers
 * whose note is not in the document are flagged (Publish waits), a publication note is not a source,
 * and OCR's "|" for the pronoun I is read as I — each reported. The scan is read by tesseract.js itself.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importDocument } from "@/lib/import/index";
import { createTesseractOcr } from "@/lib/import/ocr";
import type { ImportedReading } from "@/lib/import/types";
import { noteLinks } from "@/lib/editor/note-ops";
import { importText, texts, loadImporterOnce } from "./helpers/seeds";

loadImporterOnce();

const ocr = createTesseractOcr();
afterAll(() => ocr.terminate());
let scan: Promise<ImportedReading> | null = null;
const loadScan = () =>
  (scan ??= importDocument(new Uint8Array(readFileSync(path.resolve(__dirname, "../../fixtures/import/scanned/001-scan.pdf"))), "001-scan.pdf", { ocr }));

describe("a marker whose note is not in the document", () => {
  it("stays a marker, flagged: the preview's note links call it dangling, so Publish waits", async () => {
    const r = await importText(
      "Khrushchev on Stalin\n\nNevertheless this is the real stuff, genuine Khrushchev saying about himself almost as much as he says about Stalin.[1]\n\nThe style, like the man himself, is untutored and impulsive. See item [3] of the list.\n",
    );
    expect(texts(r)[0]).toMatch(/about Stalin\.\[1\]$/);
    expect(r.blocks[0]!.text).toMatch(/about Stalin\.$/);
    expect(r.blocks[0]!.noteRefs).toEqual([{ label: "1", offset: r.blocks[0]!.text.length }]);
    expect(noteLinks({ blocks: r.blocks, notes: r.notes }).dangling).toEqual([{ block: 0, label: "1" }]);
    expect(r.report).toContainEqual(expect.objectContaining({ rule: "flag-orphan-note-marker", block: 0, before: "[1]" }));
    // a bracketed number standing apart ("item [3]") is not a note marker
    expect(texts(r)[1]).toContain("See item [3] of the list.");
  });

  it("in the scanned PDF (OCR), both markers whose notes are on later pages are flagged", { timeout: 240_000 }, async () => {
    const r = await loadScan();
    const dangling = noteLinks({ blocks: r.blocks, notes: r.notes }).dangling;
    expect(dangling.map((d) => d.label)).toEqual(["1", "2"]);
    expect(r.blocks[0]!.text).toMatch(/about Stalin\.$/);
    expect(r.report.filter((e) => e.rule === "flag-orphan-note-marker")).toHaveLength(2);
  });
});

describe("a publication note is not a source", () => {
  it("'Source: Written and first published (in …) in June 1956' gives the date, not a source", async () => {
    const r = await importText(
      "Khrushchev on Stalin\n\nIsaac Deutscher\n\nSource: Written and first published (in French, German, Italian, Japanese) in June 1956\n\nNo one who has seen and heard N. S. Khrushchev speaking on a platform will doubt the authenticity of the text.\n",
    );
    expect(r.source).toBeNull();
    expect(r.date).toBe("June 1956");
    const s = await importText("The Thaw\n\nSource: Journal of Cold War Studies, Vol. 9, No. 2 (Spring 2007), pp. 45-52\n\nWhen Ilya Ehrenburg gave his short novel the title The Thaw, he could not have known it.\n");
    expect(s.source).toBe("Journal of Cold War Studies, Vol. 9, No. 2");
  });

  it("the scan's Source line is left empty for the instructor, as the seed's text is", { timeout: 240_000 }, async () => {
    const r = await loadScan();
    expect(r.source).toBeNull();
    expect(r.date).toBe("June 1956");
    expect(r.title).toBe("Khrushchev on Stalin");
  });
});

describe("OCR's bar for the pronoun I", () => {
  it("'| have attempted', 'as | have watched' read as I, reported and undoable; a bar that is debris still goes", async () => {
    const text =
      "This is not the place to analyse the minds of men like Khrushchev during the Stalin era. | have attempted to do it elsewhere. As one watches Khrushchev (even, as | have watched him, with a certain bias against him) one comes to think so.\n\nSuch attempts at | “tricking history” were common in the 1930s, as the historians have long said.\n\n| Name | Year | Place |\n";
    const r = await importText(text);
    expect(texts(r)[0]).toContain("era. I have attempted to do it elsewhere");
    expect(texts(r)[0]).toContain("as I have watched him");
    expect(texts(r).join("\n")).toContain("attempts at “tricking history”");
    const fixes = r.report.filter((e) => e.rule === "ocr-bar-as-i");
    expect(fixes).toHaveLength(2);
    expect(fixes[0]!.before).toContain("| have attempted");
    expect(fixes[0]!.after).toContain("I have attempted");
    const undone = await importDocument(new TextEncoder().encode(text), "reading.txt", { skip: new Set([fixes[1]!.id!]) });
    expect(texts(undone)[0]).toContain("era. I have attempted");
    // undone, the bar is OCR debris again (its own repair, which can be undone in turn)
    expect(texts(undone)[0]).not.toContain("as I have watched");
    expect(undone.report.map((e) => e.rule)).toContain("clean-ocr-debris");
  });

  it("in the scanned PDF", { timeout: 240_000 }, async () => {
    const r = await loadScan();
    const all = texts(r).join("\n");
    expect(all).toContain("I have attempted to do it elsewhere");
    expect(all).toContain("as I have watched him");
    expect(all).not.toMatch(/\s\|\s/);
    expect(r.report.filter((e) => e.rule === "ocr-bar-as-i").length).toBeGreaterThanOrEqual(2);
  });
});

describe("a preposition run together with 'a' (OCR lost the space)", () => {
  it("typed text is left as it was typed: 'ina' or 'ata' may be a word the English list does not know", async () => {
    const r = await importText(
      "The Trial\n\nThe speakers were the authors of a man, or men, engaged ina controversy before the congress. The data are clear, and Tina said ata meeting.\n",
    );
    expect(texts(r)[0]).toContain("engaged ina controversy before");
    expect(texts(r)[0]).toContain("Tina said ata meeting");
    expect(r.report.filter((e) => e.rule === "ocr-split-words")).toHaveLength(0);
  });

  it("in the scanned PDF", { timeout: 240_000 }, async () => {
    const r = await loadScan();
    expect(texts(r).join("\n")).toContain("engaged in a controversy");
    expect(texts(r).join("\n")).not.toMatch(/\bina\b/);
  });
});
