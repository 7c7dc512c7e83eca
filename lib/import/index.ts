/**
 * Reading importer: bytes + file name in, an ImportedReading out. Pure: no database, no framework.
 *
 *   detect container (pdf / docx / text) → decode text → classify (html / markdown / text)
 *   → parse into raw blocks → repair pipeline (pipeline.ts) → ImportedReading
 */
import type { ImportOptions, ImportedReading } from "./types";
import { ImportError, MAX_BYTES } from "./errors";
import { classifyText, detectContainer } from "./detect";
import { decodeText } from "./decode";
import { Report, type RawDoc } from "./raw";
import { stripPrivateUse } from "./sentinel";
import { parseText } from "./parse/text";
import { parseMarkdown } from "./parse/markdown";
import { parseHtml } from "./parse/html";
import { parseDocx } from "./parse/docx";
import { parsePdf } from "./parse/pdf";
import { runPipeline } from "./pipeline";
import { checkReadingSize, LIMITS, tooComplex } from "./limits";
import { checkTextShape } from "./limits-text";
import { EM_OPEN, STRONG_OPEN } from "./sentinel";
import { locateUncertainWords } from "./ocr-marks";

export { ImportError, MAX_BYTES } from "./errors";

/** Extensions that name a container format; a file so named that is not one is read as text, and reported. */
const CONTAINER_EXTENSIONS: Record<string, string> = { pdf: "PDF", docx: "DOCX" };

function extensionOf(fileName: string): string {
  return fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? "";
}
export type { ImportErrorCode } from "./errors";
export * from "./types";

/**
 * `options.skip`: ids of repairs (`RepairEntry.id` from an earlier import of the same bytes) the user
 * undid; the import leaves those places as they were and reports everything else as before, with the
 * same ids.
 */
export async function importDocument(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): Promise<ImportedReading> {
  if (!bytes || bytes.length === 0) throw new ImportError("EMPTY", `"${fileName}" is empty. Check that you picked the right file and that it finished saving.`);
  if (bytes.length > MAX_BYTES)
    throw new ImportError(
      "TOO_LARGE",
      `"${fileName}" is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_BYTES / 1024 / 1024} MB. Split the reading into parts or remove embedded images and try again.`,
    );
  const container = detectContainer(bytes, fileName);
  const report = new Report(options.skip);
  const progress = options.onProgress ?? (() => {});
  progress({ stage: "reading", label: "Reading the file" });
  let doc: RawDoc;
  let result: ImportedReading;
  if (container === "pdf") {
    const pdf = await parsePdf(bytes, report, { ocr: options.ocr, onProgress: options.onProgress });
    progress({ stage: "repairing", label: "Repairing the text" });
    result = await runPipeline(checkParsed(pdf), report, { format: "pdf", markdownEscapes: false, guessHeadings: true, ocr: Boolean(pdf.ocr) });
    if (pdf.ocr) result.ocr = { pages: pdf.ocr.pages, confidence: Math.round(pdf.ocr.confidence), uncertain: locateUncertainWords(result.blocks, pdf.ocr.words) };
  } else if (container === "docx") {
    doc = checkParsed(await parseDocx(bytes, report));
    progress({ stage: "repairing", label: "Repairing the text" });
    result = await runPipeline(doc, report, { format: "docx", markdownEscapes: false, guessHeadings: false });
  } else {
    const decoded = decodeText(bytes);
    const text = stripPrivateUse(decoded.text).replace(/\r\n?/g, "\n");
    if (!text.trim()) throw new ImportError("EMPTY", `"${fileName}" contains no text (only blank space).`);
    const kind = classifyText(text, fileName);
    checkTextShape(text, kind);
    if (kind === "html") {
      doc = checkParsed(parseHtml(text, report, { stripChrome: true }));
      progress({ stage: "repairing", label: "Repairing the text" });
      result = await runPipeline(doc, report, { format: "html", markdownEscapes: true, guessHeadings: false });
    } else if (kind === "markdown") {
      doc = checkParsed(parseMarkdown(text));
      progress({ stage: "repairing", label: "Repairing the text" });
      result = await runPipeline(doc, report, { format: "markdown", markdownEscapes: false, guessHeadings: true });
    } else {
      doc = checkParsed(parseText(text, report));
      progress({ stage: "repairing", label: "Repairing the text" });
      result = await runPipeline(doc, report, { format: "text", markdownEscapes: true, guessHeadings: true });
    }
    if (decoded.encoding !== "utf-8") result.report.unshift({ rule: "decode", block: null, before: decoded.encoding, after: "utf-8" });
    // the name promised a container the bytes are not: read by content, and say so
    const claimed = CONTAINER_EXTENSIONS[extensionOf(fileName)];
    if (claimed) {
      const as = kind === "html" ? "HTML" : kind === "markdown" ? "Markdown" : "plain text";
      result.report.unshift({
        rule: "detect-format",
        block: null,
        before: `${fileName.split(/[\\/]/).pop()}: not a ${claimed} file (${claimed === "PDF" ? "no %PDF- header" : "not a Word zip package"})`,
        after: `read as ${as}`,
      });
    }
  }
  checkReadingSize(result);
  if (result.blocks.length === 0)
    throw new ImportError(
      container === "pdf" ? "NO_TEXT_LAYER" : "EMPTY",
      container === "pdf"
        ? "This PDF has no selectable text (it is probably a scan). Run it through OCR, or upload the text another way."
        : `No readable text was found in "${fileName}".`,
    );
  return result;
}

/** Bound what the parser produced before the repairs run over it (they are linear, but not free). */
function checkParsed<T extends RawDoc>(doc: T): T {
  if (doc.blocks.length > LIMITS.blocks * 2)
    throw tooComplex(
      `This document has ${doc.blocks.length.toLocaleString("en")} paragraphs; a reading may have at most ${LIMITS.blocks.toLocaleString("en")}. Split it into several readings.`,
    );
  let marks = 0;
  for (const b of doc.blocks) {
    let inBlock = 0;
    for (let i = 0; i < b.text.length; i++) {
      const c = b.text[i];
      if (c === EM_OPEN || c === STRONG_OPEN) inBlock++;
    }
    if (inBlock > LIMITS.marksPerBlock)
      throw tooComplex(
        `A paragraph has ${inBlock.toLocaleString("en")} separate bold/italic runs (the limit is ${LIMITS.marksPerBlock.toLocaleString("en")}). Remove the direct formatting (select all, clear formatting) and upload it again.`,
      );
    marks += inBlock;
  }
  if (marks > LIMITS.marks)
    throw tooComplex(`This document has ${marks.toLocaleString("en")} bold/italic runs (the limit is ${LIMITS.marks.toLocaleString("en")}). Remove the direct formatting and upload it again.`);
  return doc;
}
