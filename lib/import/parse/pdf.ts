/**
 * PDF with a text layer → lines → the plain-text reader (which unwraps lines, drops running headers
 * and page numbers). Pages are separated by form feeds; a larger vertical gap than the usual line
 * spacing becomes a blank line (paragraph break). A PDF without text (a scan) is refused.
 */
import { ImportError } from "../errors";
import type { RawDoc, Report } from "../raw";
import { PAGE_BREAK, PAGE_GLUE, parseText } from "./text";

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

export async function parsePdf(bytes: Uint8Array, report: Report): Promise<RawDoc> {
  const pdfjs = await loadPdfJs();
  let doc: Awaited<ReturnType<PdfJs["getDocument"]>["promise"]>;
  try {
    doc = await pdfjs.getDocument({
      data: new Uint8Array(bytes), // pdf.js takes ownership of (detaches) the buffer it is given
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/password/i.test(msg))
      throw new ImportError("UNDECODABLE", "This PDF is password-protected. Remove the password (print to a new PDF) and upload it again.");
    throw new ImportError("UNDECODABLE", `This PDF could not be read (${msg}). Try re-saving it from a PDF viewer, or upload the text another way.`);
  }
  const pages: Line[][] = [];
  let chars = 0;
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const lines = toLines(content.items.filter((i) => "str" in i) as unknown as TextItem[]);
      chars += lines.reduce((n, l) => n + l.text.replace(/\s/g, "").length, 0);
      pages.push(lines);
      page.cleanup();
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

/**
 * Page turns: when a page's last line reaches the right margin and the next page starts with a word,
 * the paragraph runs on (PAGE_GLUE); otherwise the turn is a plain boundary (PAGE_BREAK).
 */
function joinPages(pages: Line[][]): string {
  const all = pages.flat();
  if (!all.length) return "";
  const rights = all.map((l) => l.right).sort((a, b) => a - b);
  const margin = rights[Math.floor(rights.length * 0.9)]!;
  const left = Math.min(...all.map((l) => l.x));
  let out = "";
  pages.forEach((lines, i) => {
    if (i > 0) {
      const last = pages[i - 1]![pages[i - 1]!.length - 1];
      const first = lines[0];
      const full = !!last && (last.right - left) >= (margin - left) * 0.9;
      const head = first?.text.trim() ?? "";
      const glue = full && /^[\p{L}\p{N}"“‘'(]/u.test(head) && !/^\(?\d{1,3}[.)]\s/.test(head) && !/:$/.test(last!.text.trim());
      out += `\n${glue ? PAGE_GLUE : PAGE_BREAK}\n`;
    }
    out += layout(lines);
  });
  return out;
}

/** Items → visual lines, top to bottom. */
function toLines(items: TextItem[]): Line[] {
  const lines: Line[] = [];
  let current: Line | null = null;
  let lastRight = 0;
  for (const item of items) {
    const [a, b, , , x, y] = item.transform as [number, number, number, number, number, number];
    const size = Math.hypot(a, b) || item.height || 10;
    if (!current || Math.abs(y - current.y) > size * 0.5) {
      if (current && current.text.trim()) lines.push(current);
      current = { y, x, right: x, size, text: "" };
      lastRight = x;
    }
    const gap = x - lastRight;
    if (current.text && gap > size * 0.15 && !/\s$/.test(current.text) && !/^\s/.test(item.str)) current.text += " ";
    current.text += item.str;
    lastRight = x + item.width;
    if (item.str.trim()) current.right = Math.max(current.right, lastRight);
    if (item.hasEOL) {
      if (current.text.trim()) lines.push(current);
      current = null;
    }
  }
  if (current && current.text.trim()) lines.push(current);
  return lines;
}

/** Lines → text; a vertical gap clearly larger than the usual leading becomes a blank line. */
function layout(lines: Line[]): string {
  if (!lines.length) return "";
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const g = lines[i - 1]!.y - lines[i]!.y;
    if (g > 0) gaps.push(g);
  }
  gaps.sort((a, b) => a - b);
  const leading = gaps.length ? gaps[Math.floor(gaps.length / 2)]! : 0;
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (i > 0 && leading > 0) {
      const g = lines[i - 1]!.y - line.y;
      if (g > leading * 1.5 || g < 0) out.push("");
    }
    out.push(line.text.replace(/\s+$/, ""));
  }
  return out.join("\n");
}
