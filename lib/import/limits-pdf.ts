/**
 * A PDF measured before pdf.js reads it: every Flate-compressed stream that is not an image
 * is inflated with a ceiling (LIMITS.pdfStreamBytes each, LIMITS.pdfTotalStreamBytes
 * together), so a 0.6 MB file holding a 200 MB content stream is refused after inflating
 * the first 32 MB of it, in well under a second, instead of being handed to pdf.js (which
 * would decode all of it into memory). Image streams are bounded by pixels instead (pdf.js
 * `maxImageSize`, see parse/pdf.ts). Streams this scan cannot open (encrypted, other
 * filters) are left to the sandbox's heap cap and time limit.
 */
import zlib from "node:zlib";
import { LIMITS, tooLarge } from "./limits";

export interface PdfScan {
  streams: number;
  inflatedBytes: number;
}

export function scanPdfStreams(bytes: Uint8Array): PdfScan {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  let streams = 0;
  let from = 0;
  for (;;) {
    const kw = buf.indexOf("stream", from, "latin1");
    if (kw < 0) break;
    from = kw + 6;
    // "endstream" is not a stream start; "stream" must be followed by an end of line.
    if (kw >= 3 && buf.toString("latin1", kw - 3, kw) === "end") continue;
    let start = kw + 6;
    if (buf[start] === 0x0d) start++;
    if (buf[start] === 0x0a) start++;
    if (start === kw + 6) continue;
    const dictStart = buf.lastIndexOf("obj", kw, "latin1");
    const dict = buf.toString("latin1", dictStart < 0 ? Math.max(0, kw - 4096) : dictStart, kw);
    if (/\/Subtype\s*\/Image\b/.test(dict)) continue;
    if (!/\/Filter\s*\[?\s*\/(?:FlateDecode|Fl)\b/.test(dict)) continue;
    const direct = dict.match(/\/Length\s+(\d+)(?!\s+\d+\s+R)/);
    let end = direct ? start + Number(direct[1]) : -1;
    if (end < start || end > buf.length) {
      end = buf.indexOf("endstream", start, "latin1");
      if (end < 0) end = buf.length;
    }
    streams++;
    const ceiling = Math.min(LIMITS.pdfStreamBytes, LIMITS.pdfTotalStreamBytes - total);
    try {
      const out = zlib.inflateSync(buf.subarray(start, end), { maxOutputLength: Math.max(1, ceiling), finishFlush: zlib.constants.Z_SYNC_FLUSH });
      total += out.length;
    } catch (error) {
      if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE")
        throw tooLarge("page content", ceiling < LIMITS.pdfStreamBytes ? LIMITS.pdfTotalStreamBytes : LIMITS.pdfStreamBytes);
      // Not inflatable here (encrypted, damaged, raw deflate): pdf.js decides, inside the sandbox.
    }
    from = Math.max(from, end);
  }
  return { streams, inflatedBytes: total };
}
