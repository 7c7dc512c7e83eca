/**
 * A minimal PDF writer for generated test and benchmark files (hostile PDFs, a scanned page,
 * a 20 MB book): objects, streams, a cross-reference table. Not used to import anything.
 */
import zlib from "node:zlib";

export class PdfWriter {
  private objects: Buffer[] = [];

  /** Reserve an object number (to refer to it before writing it). */
  reserve(): number {
    this.objects.push(Buffer.alloc(0));
    return this.objects.length;
  }

  set(n: number, body: string | Buffer): number {
    this.objects[n - 1] = Buffer.concat([Buffer.from(`${n} 0 obj\n`, "latin1"), typeof body === "string" ? Buffer.from(body, "latin1") : body, Buffer.from("\nendobj\n", "latin1")]);
    return n;
  }

  add(body: string | Buffer): number {
    return this.set(this.reserve(), body);
  }

  /** A stream object; `data` is written as given (compress it first for /FlateDecode). */
  stream(dict: string, data: Buffer): number {
    return this.add(Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, "latin1"), data, Buffer.from("\nendstream", "latin1")]));
  }

  finish(root: number): Buffer {
    const header = Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1");
    const offsets: number[] = [];
    let at = header.length;
    for (const o of this.objects) {
      offsets.push(at);
      at += o.length;
    }
    const xref = [`xref\n0 ${this.objects.length + 1}\n`, "0000000000 65535 f \n", ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`)].join("");
    const trailer = `trailer\n<< /Size ${this.objects.length + 1} /Root ${root} 0 R >>\nstartxref\n${at}\n%%EOF\n`;
    return Buffer.concat([header, ...this.objects, Buffer.from(xref + trailer, "latin1")]);
  }
}

const escapePdfText = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, "?");

/** A page content stream drawing `lines` in Helvetica, top to bottom. */
export function textContent(lines: string[], size = 11): string {
  const ops = ["BT", `/F1 ${size} Tf`, `${size * 1.35} TL`, "72 760 Td"];
  for (const line of lines) ops.push(`(${escapePdfText(line)}) '`);
  ops.push("ET");
  return ops.join("\n");
}

/** A PDF of text pages (each a list of lines), content streams deflated unless `compress` is false. */
export function textPdf(pages: string[][], options: { compress?: boolean } = {}): Buffer {
  const w = new PdfWriter();
  const catalog = w.reserve();
  const pagesRef = w.reserve();
  const font = w.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  const kids: number[] = [];
  for (const lines of pages) {
    const raw = Buffer.from(textContent(lines), "latin1");
    const content = options.compress === false ? w.stream("", raw) : w.stream("/Filter /FlateDecode", zlib.deflateSync(raw));
    kids.push(w.add(`<< /Type /Page /Parent ${pagesRef} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`));
  }
  w.set(pagesRef, `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`);
  w.set(catalog, `<< /Type /Catalog /Pages ${pagesRef} 0 R >>`);
  return w.finish(catalog);
}

/** A PDF whose pages are images only (a scan): each a JPEG (DCTDecode) or 8-bit gray pixels (FlateDecode). */
export function imagePdf(pages: ({ jpeg: Buffer; width: number; height: number; gray?: boolean } | { pixels: Buffer; width: number; height: number })[], dpi = 200): Buffer {
  const w = new PdfWriter();
  const catalog = w.reserve();
  const pagesRef = w.reserve();
  const kids: number[] = [];
  for (const p of pages) {
    const image =
      "jpeg" in p
        ? w.stream(`/Type /XObject /Subtype /Image /Width ${p.width} /Height ${p.height} /ColorSpace /${p.gray ? "DeviceGray" : "DeviceRGB"} /BitsPerComponent 8 /Filter /DCTDecode`, p.jpeg)
        : w.stream(`/Type /XObject /Subtype /Image /Width ${p.width} /Height ${p.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`, zlib.deflateSync(p.pixels));
    const pw = (p.width * 72) / dpi;
    const ph = (p.height * 72) / dpi;
    const content = w.stream("", Buffer.from(`q ${pw.toFixed(2)} 0 0 ${ph.toFixed(2)} 0 0 cm /Im0 Do Q`, "latin1"));
    kids.push(w.add(`<< /Type /Page /Parent ${pagesRef} 0 R /MediaBox [0 0 ${pw.toFixed(2)} ${ph.toFixed(2)}] /Resources << /XObject << /Im0 ${image} 0 R >> >> /Contents ${content} 0 R >>`));
  }
  w.set(pagesRef, `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`);
  w.set(catalog, `<< /Type /Catalog /Pages ${pagesRef} 0 R >>`);
  return w.finish(catalog);
}
