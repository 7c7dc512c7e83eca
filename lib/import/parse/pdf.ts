/**
 * PDF with a text layer → lines → the plain-text reader (which unwraps lines, drops running headers
 * and page numbers). Pages are separated by form feeds; a larger vertical gap than the usual line
 * spacing becomes a blank line (paragraph break). A page without text (a scan) is recognised by
 * `options.ocr` when given (its lines then go the same way); without it, a PDF with no text at all
 * is refused.
 */
import { ImportError } from "../errors";
import { LIMITS, tooComplex } from "../limits";
import { scanPdfStreams } from "../limits-pdf";
import type { RawDoc, Report } from "../raw";
import type { ImportOptions, OcrWord, PageImage } from "../types";
import { PAGE_BREAK, PAGE_GLUE, parseText } from "./text";
import { noteMarker, stripPrivateUse } from "../sentinel";
import { endsSentence } from "../text-utils";

/** What OCR contributed: the recognised pages (1-based) and their words in reading order. */
export interface PdfOcrInfo {
  pages: number[];
  words: OcrWord[];
  confidence: number;
}

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL?: boolean;
}

interface Line {
  y: number;
  x: number;
  right: number;
  size: number;
  text: string;
}

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjsPromise: Promise<PdfJs> | null = null;

function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  return pdfjsPromise;
}

export async function parsePdf(bytes: Uint8Array, report: Report, options: Pick<ImportOptions, "ocr" | "onProgress"> = {}): Promise<RawDoc & { ocr?: PdfOcrInfo }> {
  // Every compressed stream is measured (inflated with a ceiling) before pdf.js decodes any.
  scanPdfStreams(bytes);
  const pdfjs = await loadPdfJs();
  let doc: Awaited<ReturnType<PdfJs["getDocument"]>["promise"]>;
  try {
    doc = await pdfjs.getDocument({
      data: new Uint8Array(bytes), // pdf.js takes ownership of (detaches) the buffer it is given
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
      maxImageSize: LIMITS.pdfImagePixels,
    }).promise;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/password/i.test(msg))
      throw new ImportError("UNDECODABLE", "This PDF is password-protected. Remove the password (print to a new PDF) and upload it again.");
    throw new ImportError("UNDECODABLE", `This PDF could not be read (${msg}). Try re-saving it from a PDF viewer, or upload the text another way.`);
  }
  const pages: Line[][] = [];
  let chars = 0;
  const scanned: number[] = [];
  try {
    if (doc.numPages > LIMITS.pdfPages)
      throw tooComplex(
        `This PDF has ${doc.numPages.toLocaleString("en")} pages; a reading may have at most ${LIMITS.pdfPages.toLocaleString("en")}. Split it into several readings.`,
      );
    for (let p = 1; p <= doc.numPages; p++) {
      options.onProgress?.({ stage: "reading", label: `Reading page ${p} of ${doc.numPages}`, done: p - 1, total: doc.numPages });
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const lines = toLines(content.items.filter((i) => "str" in i) as unknown as TextItem[]);
      const pageChars = lines.reduce((n, l) => n + l.text.replace(/\s/g, "").length, 0);
      chars += pageChars;
      if (chars > LIMITS.textChars) throw tooComplex(`This PDF holds more than ${LIMITS.textChars.toLocaleString("en")} characters of text, more than a reading may have. Split it into several readings.`);
      if (pageChars === 0) scanned.push(p);
      pages.push(lines);
      page.cleanup();
    }
    if (scanned.length && options.ocr) {
      const ocr = await recognisePages(doc, pages, scanned, options);
      return { ...parseText(joinPages(pages), report), ocr };
    }
  } finally {
    await doc.destroy();
  }
  if (chars === 0)
    throw new ImportError(
      "NO_TEXT_LAYER",
      "This PDF has no text layer — it is a scanned image. Run OCR on it (e.g. in Acrobat, or with ocrmypdf) and upload the result, or upload the text as .txt/.docx.",
    );
  return parseText(joinPages(pages), report);
}

type PdfDoc = Awaited<ReturnType<PdfJs["getDocument"]>["promise"]>;

/** The page's images, largest first, as pdf.js decodes them (bounded by maxImageSize). */
async function pageImages(doc: PdfDoc, p: number): Promise<PageImage[]> {
  const pdfjs = await loadPdfJs();
  const page = await doc.getPage(p);
  const ops = await page.getOperatorList();
  const names = new Set<string>();
  for (let i = 0; i < ops.fnArray.length; i++) {
    if (ops.fnArray[i] === pdfjs.OPS.paintImageXObject) names.add(String((ops.argsArray[i] as unknown[])[0]));
  }
  const pageWidth = page.view[2]! - page.view[0]!;
  const images: PageImage[] = [];
  for (const name of names) {
    const img = await new Promise<{ width: number; height: number; data?: Uint8ClampedArray | Uint8Array } | null>((resolve) => {
      const objs = name.startsWith("g_") ? page.commonObjs : page.objs;
      try {
        objs.get(name, resolve as (v: unknown) => void);
      } catch {
        resolve(null);
      }
    });
    if (img?.data && img.width * img.height >= 10_000) images.push({ width: img.width, height: img.height, data: img.data, pageWidth });
  }
  page.cleanup();
  return images.sort((a, b) => b.width * b.height - a.width * a.height);
}

/** OCR each page without a text layer (its largest image); its lines replace the empty page. */
async function recognisePages(doc: PdfDoc, pages: Line[][], scanned: number[], options: Pick<ImportOptions, "ocr" | "onProgress">): Promise<PdfOcrInfo> {
  const words: OcrWord[] = [];
  let confidence = 0;
  for (const [k, p] of scanned.entries()) {
    options.onProgress?.({ stage: "ocr", label: `Recognising text, page ${k + 1} of ${scanned.length}`, done: k, total: scanned.length });
    const [image] = await pageImages(doc, p);
    if (!image) continue;
    const result = await options.ocr!.recognize(image, k + 1, scanned.length);
    const lines = result.lines.filter((l) => l.text.trim());
    pages[p - 1] = lines;
    for (const l of lines) words.push(...l.words);
    confidence += result.confidence;
  }
  options.onProgress?.({ stage: "ocr", label: `Recognised ${scanned.length} page${scanned.length === 1 ? "" : "s"}`, done: scanned.length, total: scanned.length });
  if (pages.every((l) => l.length === 0))
    throw new ImportError("NO_TEXT_LAYER", "No text could be recognised on the scanned pages of this PDF. Check that the scan is of text, upright and legible, or upload the text another way.");
  return { pages: scanned, words, confidence: confidence / scanned.length };
}

/**
 * Page turns: when a page's last line of running text reaches the right margin and the next page's
 * text starts with a word, the paragraph runs on (PAGE_GLUE); otherwise the turn is a plain boundary
 * (PAGE_BREAK). Running text is the body type size: notes, running heads and stamps are smaller or
 * larger, so they neither decide a turn nor set the margins.
 */
function joinPages(pages: Line[][]): string {
  const all = pages.flat();
  if (!all.length) return "";
  const bodySize = dominantSize(all);
  const isBody = (l: Line) => Math.abs(l.size - bodySize) <= bodySize * 0.08;
  const body = all.filter(isBody);
  const rights = (body.length ? body : all).map((l) => l.right).sort((a, b) => a - b);
  const margin = rights[Math.floor(rights.length * 0.9)]!;
  const left = leftMargin(body.length ? body : all);
  // does the text mark paragraphs by indenting their first line? Then that decides a page turn;
  // otherwise a page that ends a sentence ends the paragraph
  const indented = (l: Line) => l.x > left + bodySize * 0.5;
  let indents = 0;
  for (let i = 1; i < body.length; i++) if (indented(body[i]!) && !indented(body[i - 1]!) && endsSentence(body[i - 1]!.text)) indents++;
  const paragraphsIndented = indents >= 3;
  const widths = body.filter((l) => l.text.length > 20).map((l) => (l.right - l.x) / l.text.length).sort((a, b) => a - b);
  const charWidth = widths.length ? widths[Math.floor(widths.length / 2)]! : bodySize * 0.5;
  let out = "";
  pages.forEach((lines, i) => {
    if (i > 0) {
      const prevBody = pages[i - 1]!.filter(isBody);
      const last = prevBody[prevBody.length - 1];
      const first = lines.find(isBody);
      const full = !!last && (last.right - left) >= (margin - left) * 0.9;
      const head = first?.text.trim() ?? "";
      // (unindented paragraphs: the page's last line ended early — the next page's first word would
      // have fitted on it — so the paragraph ended there)
      const nextWord = head.split(/\s/, 1)[0] ?? "";
      const fitted = !!last && last.right + charWidth * (nextWord.length + 1) <= margin;
      const runsOn = paragraphsIndented ? !!first && !indented(first) : !fitted;
      const glue = full && runsOn && /^[\p{L}\p{N}"“‘'(]/u.test(head) && !/^\(?\d{1,3}[.)]\s/.test(head) && !/:$/.test(last!.text.trim());
      out += `\n${glue ? PAGE_GLUE : PAGE_BREAK}\n`;
    }
    out += layout(lines, left, bodySize);
  });
  return out;
}

/** The type size most of the text is set in. */
function dominantSize(lines: Line[]): number {
  const chars = new Map<number, number>();
  for (const l of lines) {
    const k = Math.round(l.size * 2) / 2;
    chars.set(k, (chars.get(k) ?? 0) + l.text.length);
  }
  return [...chars.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

/** Where most lines start. */
function leftMargin(lines: Line[]): number {
  const starts = new Map<number, number>();
  for (const l of lines) starts.set(Math.round(l.x), (starts.get(Math.round(l.x)) ?? 0) + 1);
  return [...starts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
}

/** A small raised item that is a note label ("1", "23", "*", "†"): a superscript marker. */
const SUPERSCRIPT_LABEL_RE = /^\s*(\d{1,3}|[*†‡§]{1,3}|[a-z])\s*$/;

/** Items → visual lines, top to bottom. Superscript labels become note markers. */
function toLines(items: TextItem[]): Line[] {
  const lines: Line[] = [];
  let current: Line | null = null;
  let lastRight = 0;
  for (const item of items) {
    const [a, b, , , x, y] = item.transform as [number, number, number, number, number, number];
    const size = Math.hypot(a, b) || item.height || 10;
    const str = stripPrivateUse(item.str);
    // a raised item in smaller type stays on its line (a superscript sits up to half a line higher)
    if (!current || Math.abs(y - current.y) > Math.max(size, current.size) * 0.5) {
      if (current && current.text.trim()) lines.push(current);
      current = { y, x, right: x, size, text: "" };
      lastRight = x;
    }
    const gap = x - lastRight;
    const label = str.match(SUPERSCRIPT_LABEL_RE);
    const superscript = !!label && current.text.trim() !== "" && size < current.size * 0.8 && y - current.y > current.size * 0.15;
    if (superscript) current.text += noteMarker(label![1]!);
    else {
      if (current.text && gap > size * 0.15 && !/\s$/.test(current.text) && !/^\s/.test(str)) current.text += " ";
      // a line that began with smaller type (a raised label) takes the size and baseline of its text
      if (str.trim() && size > current.size * 1.2) { current.size = size; current.y = y; }
      current.text += str;
    }
    lastRight = x + item.width;
    if (str.trim()) current.right = Math.max(current.right, lastRight);
    if (item.hasEOL) {
      if (current.text.trim()) lines.push(current);
      current = null;
    }
  }
  if (current && current.text.trim()) lines.push(current);
  return lines;
}

/**
 * Lines → text; a vertical gap clearly larger than the usual leading becomes a blank line, and a line
 * set in from the left margin keeps its indentation (a quarter of the body type's em a space), so the
 * text reader sees first-line indents and indented quotations.
 */
function layout(lines: Line[], left: number, bodySize: number): string {
  if (!lines.length) return "";
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const g = lines[i - 1]!.y - lines[i]!.y;
    if (g > 0) gaps.push(g);
  }
  gaps.sort((a, b) => a - b);
  const leading = gaps.length ? gaps[Math.floor(gaps.length / 2)]! : 0;
  const unit = bodySize * 0.25;
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (i > 0 && leading > 0) {
      const g = lines[i - 1]!.y - line.y;
      if (g > leading * 1.5 || g < 0) out.push("");
    }
    const indent = Math.min(40, Math.max(0, Math.round((line.x - left) / unit)));
    out.push(" ".repeat(indent) + line.text.replace(/\s+$/, ""));
  }
  return out.join("\n");
}
