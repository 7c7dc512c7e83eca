/** DOCX → HTML (mammoth) → the HTML reader. Footnotes and endnotes come through as note lists. */
import mammoth from "mammoth";
import { ImportError } from "../errors";
import { sanitizeDocx } from "../limits-docx";
import type { RawDoc, Report } from "../raw";
import { parseHtml } from "./html";

/** Images are never read: the importer keeps text only (and an image is the bulk of a package). */
const noImages = mammoth.images.imgElement(async () => ({ src: "" }));

export async function parseDocx(bytes: Uint8Array, report: Report): Promise<RawDoc> {
  // Only measured, bounded XML reaches mammoth (zip bombs, DTD entities, absurd nesting are refused here).
  const checked = sanitizeDocx(bytes);
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: checked }, { convertImage: noImages });
    html = result.value;
  } catch (e) {
    throw new ImportError(
      "UNDECODABLE",
      `This Word document could not be read (${e instanceof Error ? e.message : "damaged file"}). Open it in Word or LibreOffice, save it again as .docx, and retry.`,
    );
  }
  return parseHtml(html, report, { stripChrome: false });
}
