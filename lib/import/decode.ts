/** Bytes → string: BOMs, UTF-8, declared charsets (HTML meta / XML prolog), then statistical detection. */
import chardet from "chardet";
import iconv from "iconv-lite";
import { ImportError } from "./errors";

export interface Decoded {
  text: string;
  encoding: string;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! > 0x7f) return false;
  return true;
}

/** charset declared inside the document (HTML <meta>, XML prolog), read from its ASCII head. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString("latin1");
  const m =
    head.match(/<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/i) ??
    head.match(/<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_:.-]+)/i);
  return m ? m[1]!.toLowerCase() : null;
}

function normalizeLabel(label: string): string {
  const l = label.toLowerCase().replace(/^x-/, "");
  // Browsers treat latin1/us-ascii declarations as windows-1252; so do we.
  if (l === "iso-8859-1" || l === "latin1" || l === "latin-1" || l === "us-ascii" || l === "ascii" || l === "cp1252") return "windows-1252";
  return l;
}

function utf16(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(Buffer.from(bytes.subarray(2)), "utf16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(Buffer.from(bytes.subarray(2)), "utf16be");
  // BOM-less UTF-16: every other byte NUL in the head
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 8) return null;
  let evenZero = 0, oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  if (oddZero > n / 2 * 0.6 && evenZero < n / 2 * 0.1) return iconv.decode(Buffer.from(bytes), "utf16le");
  if (evenZero > n / 2 * 0.6 && oddZero < n / 2 * 0.1) return iconv.decode(Buffer.from(bytes), "utf16be");
  return null;
}

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  const wide = utf16(bytes);
  if (wide !== null) return check({ text: wide, encoding: "utf-16" });
  if (isAscii(bytes) || isValidUtf8(bytes)) return check({ text: new TextDecoder("utf-8").decode(bytes), encoding: "utf-8" });
  const declared = declaredCharset(bytes);
  if (declared) {
    const label = normalizeLabel(declared);
    if (label !== "utf-8" && iconv.encodingExists(label)) return check({ text: iconv.decode(Buffer.from(bytes), label), encoding: label });
  }
  const guessed = chardet.detect(bytes);
  let label = guessed ? normalizeLabel(guessed) : "windows-1252";
  // chardet often says ISO-8859-x for Western legacy text; windows-1252 is the superset people actually produce.
  if (/^iso-8859-(1|15)$/.test(label) || label === "utf-8" || !iconv.encodingExists(label)) label = "windows-1252";
  return check({ text: iconv.decode(Buffer.from(bytes), label), encoding: label });
}

/** Refuse text that decoded into noise: control characters or replacement characters everywhere. */
function check(d: Decoded): Decoded {
  const sample = d.text.length > 100_000 ? d.text.slice(0, 100_000) : d.text;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd || (c >= 0x80 && c < 0xa0)) bad++;
  }
  if (sample.length > 0 && bad / sample.length > 0.02)
    throw new ImportError(
      "UNDECODABLE",
      "The file's bytes do not read as text in any encoding we know. If it is a document, export it as UTF-8 text, .docx or PDF and upload that.",
    );
  return d;
}
