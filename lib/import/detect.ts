/** Decide what a file is from its bytes (the extension is only a tie-breaker). */
import { ImportError } from "./errors";

export type ContainerKind = "pdf" | "docx" | "text";
export type TextKind = "html" | "markdown" | "text";

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  return sig.every((b, i) => bytes[at + i] === b);
}

function asciiHead(bytes: Uint8Array, n: number): string {
  let s = "";
  const end = Math.min(bytes.length, n);
  for (let i = 0; i < end; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/** Latin-1 view of the whole buffer, for finding ASCII names inside a zip's directory. */
function containsAscii(bytes: Uint8Array, needle: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle, 0, "latin1");
}

function extension(fileName: string): string {
  const m = fileName.toLowerCase().match(/\.([a-z0-9]+)$/);
  return m ? m[1]! : "";
}

const BINARY_EXTENSIONS = new Set([
  "doc", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "epub", "mobi", "azw", "azw3", "djvu", "rtf",
  "png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "webp", "heic", "svg",
  "mp3", "mp4", "wav", "mov", "avi", "zip", "gz", "tar", "7z", "rar", "exe", "dll", "bin", "iso",
]);

const UNSUPPORTED_HELP =
  "Upload the reading as plain text (.txt), Markdown (.md), a web page (.html), a Word document (.docx) or a PDF with selectable text.";

function unsupported(what: string): ImportError {
  return new ImportError("UNSUPPORTED_TYPE", `This file looks like ${what}, which Colloquy cannot import. ${UNSUPPORTED_HELP}`);
}

/** Container-level sniffing: PDF, DOCX, or something to decode as text. Throws for known binary types. */
export function detectContainer(bytes: Uint8Array, fileName: string): ContainerKind {
  const head = asciiHead(bytes, 1024);
  if (head.includes("%PDF-")) return "pdf";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    if (containsAscii(bytes, "word/document.xml")) return "docx";
    if (containsAscii(bytes, "application/epub+zip")) throw unsupported("an EPUB e-book");
    if (containsAscii(bytes, "xl/workbook.xml")) throw unsupported("an Excel spreadsheet");
    if (containsAscii(bytes, "ppt/presentation.xml")) throw unsupported("a PowerPoint presentation");
    if (containsAscii(bytes, "application/vnd.oasis.opendocument")) throw unsupported("an OpenDocument file (save it as .docx)");
    throw unsupported("a zip archive");
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    throw unsupported("an old-style Word/Office document (.doc); open it in Word or LibreOffice and save it as .docx");
  if (head.startsWith("{\\rtf")) throw unsupported("an RTF document (save it as .docx or .txt)");
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff]) || head.startsWith("GIF8") ||
      (head.startsWith("RIFF") && head.slice(8, 12) === "WEBP") || head.startsWith("II*\0") || head.startsWith("MM\0*"))
    throw unsupported("an image; a scan has no text to import — run it through OCR, or upload a PDF with a text layer");
  if (startsWith(bytes, [0x1f, 0x8b]) || head.startsWith("7z\xbc\xaf") || head.startsWith("Rar!"))
    throw unsupported("a compressed archive");
  if (head.startsWith("%!PS")) throw unsupported("a PostScript file (convert it to PDF)");
  if (head.startsWith("\x7fELF") || head.startsWith("MZ")) throw unsupported("a program, not a document");
  const ext = extension(fileName);
  if (BINARY_EXTENSIONS.has(ext) && looksBinary(bytes)) throw unsupported(`a .${ext} file`);
  return "text";
}

/** Many C0 control bytes (other than tab/newline/CR/form feed) mean binary data, unless it is UTF-16. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 64 * 1024);
  if (n === 0) return false;
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control / n > 0.01;
}

/** Which parser reads this text: HTML, Markdown or plain text. Content decides; the extension breaks ties. */
export function classifyText(text: string, fileName: string): TextKind {
  const ext = extension(fileName);
  const head = text.slice(0, 4096).trimStart();
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b/i.test(head)) return "html";
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const blockTags = (sample.match(/<(?:p|div|br|table|tr|td|h[1-6]|li|ul|ol|blockquote|font|center)\b[^>]*>/gi) ?? []).length;
  const lines = Math.max(1, (sample.match(/\n/g) ?? []).length);
  if (ext === "html" || ext === "htm" || ext === "xhtml") return "html";
  if (blockTags >= 3 && blockTags >= lines / 20) return "html";
  if (ext === "md" || ext === "markdown" || ext === "mdown") return "markdown";
  return markdownScore(sample) >= 3 ? "markdown" : "text";
}

/** Evidence that a text was written in Markdown. Each signal is something plain prose does not do. */
export function markdownScore(text: string): number {
  let score = 0;
  if (/^---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)\r?\n/.test(text)) score += 3; // front matter
  const headings = (text.match(/^#{1,6}[ \t]+\S/gm) ?? []).length;
  score += Math.min(3, headings * 2);
  const escapes = (text.match(/\\[*_#`\[\]~>-]/g) ?? []).length;
  score += Math.min(3, escapes);
  const strike = (text.match(/~~[^~\n]+~~/g) ?? []).length;
  score += Math.min(2, strike);
  const emphasis = (text.match(/(?:^|[\s(])(?:\*\*|__)[^\s*_][^*_\n]*?(?:\*\*|__)(?=[\s).,;:!?]|$)|(?:^|[\s(])\*[^\s*][^*\n]{0,80}?\*(?=[\s).,;:!?]|$)/gm) ?? []).length;
  score += Math.min(2, emphasis);
  if (/^\[\^[^\]]+\]:/m.test(text)) score += 3;
  const links = (text.match(/\[[^\]\n]+\]\((?:https?:|\/|#)[^)\s]*\)/g) ?? []).length;
  score += Math.min(2, links);
  if (/^```/m.test(text)) score += 2;
  if ((text.match(/^>[ \t]/gm) ?? []).length >= 2) score += 1;
  return score;
}
