/**
 * Hostile uploads, generated (nothing committed): each is a small file built to make an
 * importer expand, recurse or loop far past what a reading needs. The tests upload every
 * one to a running app and expect a 413/422 with a message within 60 s while /api/health
 * keeps answering; the benchmark times the same uploads. Shared here so both use one list.
 */
import { randomBytes } from "node:crypto";
import zlib from "node:zlib";
import { PdfWriter, textContent } from "./pdf-writer";
import { writeZip } from "./zip";

export interface HostileFile {
  name: string;
  /** What the file does, in a few words (for test names and the bench table). */
  what: string;
  fileName: string;
  bytes: Buffer;
}

const MB = 1024 * 1024;
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

/** A .docx around the given document.xml (deflated), plus extra parts. */
function docx(documentXml: Buffer | { deflated: Buffer; size: number; crc: number }, extra: { name: string; data: Uint8Array; deflate?: boolean }[] = []): Buffer {
  const doc = Buffer.isBuffer(documentXml) ? { name: "word/document.xml", data: documentXml, deflate: true } : { name: "word/document.xml", data: Buffer.alloc(0), raw: documentXml };
  return writeZip([{ name: "[Content_Types].xml", data: Buffer.from(CONTENT_TYPES), deflate: true }, { name: "_rels/.rels", data: Buffer.from(RELS), deflate: true }, doc, ...extra]);
}

/** `size` bytes of document.xml made of `unit` repeated, deflated in chunks (never all in memory). */
function deflatedRepeat(head: string, unit: string, tail: string, size: number) {
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on("data", (c: Buffer) => chunks.push(c));
  const block = Buffer.from(unit.repeat(Math.max(1, Math.floor(MB / unit.length))));
  let crc = 0;
  let written = 0;
  const write = (b: Buffer) => {
    crc = zlib.crc32(b, crc);
    written += b.length;
    deflate.write(b);
  };
  write(Buffer.from(head));
  while (written + block.length < size) write(block);
  write(Buffer.from(tail));
  return new Promise<{ deflated: Buffer; size: number; crc: number }>((resolve) => {
    deflate.end(() => resolve({ deflated: Buffer.concat(chunks), size: written, crc }));
  });
}

function pdfWithContent(content: Buffer, extraStreams: Buffer[] = []): Buffer {
  const w = new PdfWriter();
  const catalog = w.reserve();
  const pages = w.reserve();
  const font = w.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  const stream = w.stream("/Filter /FlateDecode", content);
  for (const s of extraStreams) w.stream("", s);
  const page = w.add(`<< /Type /Page /Parent ${pages} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${stream} 0 R >>`);
  w.set(pages, `<< /Type /Pages /Kids [${page} 0 R] /Count 1 >>`);
  w.set(catalog, `<< /Type /Catalog /Pages ${pages} 0 R >>`);
  return w.finish(catalog);
}

/** Every hostile file, built fresh (about 10 s and 25 MB in all). */
export async function hostileFiles(): Promise<HostileFile[]> {
  const files: HostileFile[] = [];
  const head = `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>`;
  const tail = "</w:body></w:document>";

  // Issue 10 finding 1: a 1 MB .docx whose document.xml inflates to ~300 MB.
  const bomb = await deflatedRepeat(head, "<w:p><w:r><w:t>lol </w:t></w:r></w:p>", tail, 300 * MB);
  files.push({ name: "docx-zip-bomb", what: "1 MB .docx, document.xml inflates to 300 MB", fileName: "bomb.docx", bytes: docx(bomb, [{ name: "word/media/image1.bin", data: randomBytes(Math.max(0, MB - bomb.deflated.length)) }]) });

  // 179 KB .docx holding 50 MB of densely nested runs (the issue's 84 s / 7.3 GB file).
  const dense = await deflatedRepeat(head, '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">a</w:t></w:r></w:p>', tail, 50 * MB);
  files.push({ name: "docx-dense-xml", what: "small .docx, 50 MB of tiny runs", fileName: "dense.docx", bytes: docx(dense) });

  // Billion laughs: nested entities that expand to gigabytes.
  let dtd = '<!DOCTYPE w:document [<!ENTITY lol "lol">';
  for (let i = 1; i <= 9; i++) dtd += `<!ENTITY lol${i} "${`&lol${i === 1 ? "" : i - 1};`.repeat(10)}">`;
  dtd += "]>";
  files.push({
    name: "docx-billion-laughs",
    what: ".docx with a DTD of nested entities (10⁹ expansions)",
    fileName: "laughs.docx",
    bytes: docx(Buffer.from(`<?xml version="1.0"?>${dtd}<w:document ${W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>`)),
  });

  // 200,000 nested elements in document.xml (a few hundred KB compressed).
  const depth = 200_000;
  files.push({
    name: "docx-deep-nesting",
    what: ".docx with elements nested 200,000 deep",
    fileName: "deep.docx",
    bytes: docx(Buffer.from(`${head}${"<w:sdt><w:sdtContent>".repeat(depth)}<w:p><w:r><w:t>deep</w:t></w:r></w:p>${"</w:sdtContent></w:sdt>".repeat(depth)}${tail}`)),
  });

  // 60,000 entries in the zip directory.
  const many = Array.from({ length: 60_000 }, (_, i) => ({ name: `word/x/${i}.xml`, data: Buffer.from("<a/>") }));
  files.push({ name: "docx-many-entries", what: ".docx with 60,000 parts", fileName: "entries.docx", bytes: docx(Buffer.from(`${head}<w:p><w:r><w:t>x</w:t></w:r></w:p>${tail}`), many) });

  // Huge mark counts: 10 paragraphs × 5,000 alternating bold runs (issue 10 finding 3's shape).
  const run = '<w:r><w:rPr><w:b/></w:rPr><w:t>bold</w:t></w:r><w:r><w:t xml:space="preserve"> plain </w:t></w:r>';
  const marksXml = `${head}${`<w:p>${run.repeat(5_000)}</w:p>`.repeat(10)}${tail}`;
  files.push({ name: "docx-mark-storm", what: ".docx with 5,000 bold runs per paragraph", fileName: "marks.docx", bytes: docx(Buffer.from(marksXml)) });

  // Issue 10 finding 2: a 0.6 MB PDF with a 200 MB content stream.
  const ops = await deflatedRepeat("", "0 0 m 1 1 l S\n", "", 200 * MB);
  files.push({
    name: "pdf-stream-bomb",
    what: "0.6 MB PDF, content stream inflates to 200 MB",
    fileName: "bomb.pdf",
    bytes: pdfWithContent(Buffer.concat([zlibHeader, ops.deflated, adler(0)]), [randomBytes(Math.max(0, 600 * 1024 - ops.deflated.length))]),
  });

  // Many tiny pages: 20,000 pages sharing one content stream.
  {
    const w = new PdfWriter();
    const catalog = w.reserve();
    const pages = w.reserve();
    const font = w.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    const content = w.stream("", Buffer.from(textContent(["a"])));
    const kids: number[] = [];
    for (let i = 0; i < 20_000; i++) kids.push(w.add(`<< /Type /Page /Parent ${pages} 0 R /MediaBox [0 0 10 10] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`));
    w.set(pages, `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`);
    w.set(catalog, `<< /Type /Catalog /Pages ${pages} 0 R >>`);
    files.push({ name: "pdf-many-pages", what: "PDF with 20,000 tiny pages", fileName: "pages.pdf", bytes: w.finish(catalog) });
  }

  // A PDF whose page content nests 100,000 arrays deep.
  files.push({ name: "pdf-deep-arrays", what: "PDF content nesting arrays 100,000 deep", fileName: "arrays.pdf", bytes: pdfWithContent(zlib.deflateSync(Buffer.from(`BT /F1 12 Tf 72 700 Td ${"[".repeat(100_000)}(x)${"]".repeat(100_000)} TJ ET`))) });

  // A "scan" whose page image claims 100,000 × 100,000 pixels.
  {
    const w = new PdfWriter();
    const catalog = w.reserve();
    const pages = w.reserve();
    const image = w.stream("/Type /XObject /Subtype /Image /Width 100000 /Height 100000 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode", zlib.deflateSync(Buffer.alloc(4 * MB)));
    const content = w.stream("", Buffer.from("q 612 0 0 792 0 0 cm /Im0 Do Q"));
    const page = w.add(`<< /Type /Page /Parent ${pages} 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im0 ${image} 0 R >> >> /Contents ${content} 0 R >>`);
    w.set(pages, `<< /Type /Pages /Kids [${page} 0 R] /Count 1 >>`);
    w.set(catalog, `<< /Type /Catalog /Pages ${pages} 0 R >>`);
    files.push({ name: "pdf-giant-scan", what: "scanned PDF whose image claims 10¹⁰ pixels", fileName: "giant-scan.pdf", bytes: w.finish(catalog) });
  }

  // Deeply nested HTML: 100,000 open <div>s (and inline <b>s) around one word.
  files.push({ name: "html-deep-nesting", what: "HTML nested 100,000 elements deep", fileName: "deep.html", bytes: Buffer.from(`<!doctype html><html><body>${"<div><b>".repeat(50_000)}deep${"</b></div>".repeat(50_000)}</body></html>`) });

  // Markdown nested 100,000 block quotes deep.
  files.push({ name: "markdown-deep-quotes", what: "Markdown with 100,000 nested block quotes", fileName: "deep.md", bytes: Buffer.from(`# Deep\n\n${">".repeat(100_000)} deep\n`) });

  // 19 MB of one-letter paragraphs: millions of blocks.
  files.push({ name: "text-million-blocks", what: "19 MB text of 6 million one-letter paragraphs", fileName: "blocks.txt", bytes: Buffer.alloc(19 * MB, "a\n\n") });

  return files;
}

// pdf.js reads FlateDecode as zlib: a two-byte header, the raw deflate data, an Adler-32.
const zlibHeader = Buffer.from([0x78, 0xda]);
function adler(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value >>> 0);
  return b;
}
