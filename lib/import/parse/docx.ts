/** DOCX → HTML (mammoth) → the HTML reader. Footnotes and endnotes come through as note lists. */
import mammoth from "mammoth";
import { ImportError } from "../errors";
import type { RawDoc, Report } from "../raw";
import { parseHtml } from "./html";

export async function parseDocx(bytes: Uint8Array, report: Report): Promise<RawDoc> {
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    html = result.value;
  } catch (e) {
    throw new ImportError(
      "UNDECODABLE",
      `This Word document could not be read (${e instanceof Error ? e.message : "damaged file"}). Open it in Word or LibreOffice, save it again as .docx, and retry.`,
    );
  }
  return parseHtml(html, report, { stripChrome: false });
}
