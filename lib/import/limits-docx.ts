/**
 * A .docx checked before mammoth sees it: the zip directory is read, only the XML parts are
 * inflated (each and all together capped, see ./zip.ts), every part is scanned for a DTD
 * (entity expansion — "billion laughs" — needs one; Word never writes one) and for element
 * nesting deeper than LIMITS.xmlDepth, and mammoth gets a fresh package holding exactly
 * those checked bytes, stored uncompressed — so nothing it reads was not measured first.
 * Images and other media are left out: the importer keeps text only.
 */
import { LIMITS, tooComplex } from "./limits";
import { inflateEntries, readZipDirectory, writeZip } from "./zip";

/** Runs (<w:r>) in one paragraph (<w:p>). */
export const RUNS_PER_PARAGRAPH = 5_000;

const isXmlPart = (name: string) => /\.(xml|rels)$/i.test(name);

export function sanitizeDocx(bytes: Uint8Array): Buffer {
  const entries = readZipDirectory(bytes);
  const parts = inflateEntries(bytes, entries, isXmlPart);
  for (const [name, data] of parts) checkXml(data, name);
  return writeZip([...parts].map(([name, data]) => ({ name, data })));
}

/** Refuse a DTD and nesting deeper than LIMITS.xmlDepth, in one linear pass over the bytes. */
export function checkXml(data: Uint8Array, part: string): void {
  const n = data.length;
  let depth = 0;
  let runs = 0;
  let i = 0;
  const LT = 0x3c, GT = 0x3e, SLASH = 0x2f, BANG = 0x21, QUESTION = 0x3f, DQ = 0x22, SQ = 0x27;
  const find = (seq: string, from: number) => {
    const at = Buffer.from(data.buffer, data.byteOffset, data.byteLength).indexOf(seq, from, "latin1");
    return at < 0 ? n : at + seq.length;
  };
  while (i < n) {
    if (data[i] !== LT) {
      i++;
      continue;
    }
    const next = data[i + 1];
    if (next === QUESTION) {
      i = find("?>", i + 2);
    } else if (next === BANG) {
      if (data[i + 2] === 0x2d && data[i + 3] === 0x2d) i = find("-->", i + 4);
      else if (data[i + 2] === 0x5b) i = find("]]>", i + 3);
      else
        throw tooComplex(
          `This .docx declares a document type (DTD) in ${part}. Word never writes one, and its entities can expand to gigabytes ("billion laughs"); the file was refused. Save it again from Word or LibreOffice.`,
        );
    } else if (next === SLASH) {
      depth--;
      i = find(">", i + 2);
    } else {
      // An element start: find its end outside quoted attribute values.
      let j = i + 1;
      let quote = 0;
      while (j < n) {
        const c = data[j]!;
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === DQ || c === SQ) quote = c;
        else if (c === GT) break;
        j++;
      }
      // Runs per paragraph: Word splits text into runs at every formatting change; thousands
      // in one paragraph only come from a file built to flood the formatting code.
      if (data[i + 1] === 0x77 && data[i + 2] === 0x3a) {
        const a = data[i + 3];
        const b = data[i + 4];
        const ends = (c: number | undefined) => c === 0x20 || c === GT || c === SLASH || c === 0x0a || c === 0x0d || c === 0x09;
        if (a === 0x70 && ends(b)) runs = 0; // <w:p
        else if (a === 0x72 && ends(b) && ++runs > RUNS_PER_PARAGRAPH)
          throw tooComplex(
            `A paragraph of this .docx is split into more than ${RUNS_PER_PARAGRAPH.toLocaleString("en")} formatting runs; real documents have a few dozen. Clear the direct formatting (select all, clear formatting), save, and upload it again.`,
          );
      }
      if (data[j - 1] !== SLASH && ++depth > LIMITS.xmlDepth)
        throw tooComplex(
          `This .docx nests its elements more than ${LIMITS.xmlDepth} levels deep (in ${part}); real documents stay far below that. Save it again from Word or LibreOffice.`,
        );
      i = j + 1;
    }
  }
}
