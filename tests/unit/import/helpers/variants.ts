/**
 * Render an imported reading back out in other formats (the way real uploads arrive), so tests can
 * check that the importer reads the same paragraphs whatever the wrapping: hard-wrapped text with page
 * furniture, legacy windows-1252 HTML with <font> and a navigation table, Markdown with front matter,
 * DOCX (built with jszip, which mammoth already depends on) and a minimal text-layer PDF.
 */
import JSZip from "jszip";
import iconv from "iconv-lite";
import { textWithMarkers, type ImportedBlock, type ImportedReading } from "@/lib/import/types";

// ------------------------------------------------------------------ wrapped text

export function wrapLine(text: string, width: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines;
}

function metaLines(r: ImportedReading): string[] {
  const out: string[] = [];
  if (r.author) out.push(r.author, "");
  if (r.title) out.push(r.title, "");
  if (r.source || r.date) out.push(`Source: ${[r.source, r.date].filter(Boolean).join(", ")}.`, "");
  return out;
}

function blockLines(b: ImportedBlock): string {
  const t = textWithMarkers(b);
  return b.kind === "list" && !/^\d+[.)]\s/.test(t) ? `• ${t}` : t;
}

/**
 * Hard-wrapped at `width` columns, with a running header and a page number every `pageLines` lines.
 * Page breaks fall inside paragraphs, after a line that does not end a sentence (where a reader sees at
 * once that the paragraph goes on).
 */
export function toWrappedText(r: ImportedReading, opts: { width?: number; pageLines?: number; header?: string } = {}): string {
  const width = opts.width ?? 68;
  const pageLines = opts.pageLines ?? 40;
  const header = opts.header ?? "A COLLOQUY READER";
  const out: string[] = [...metaLines(r)];
  let sinceBreak = 0;
  let page = 1;
  for (const b of r.blocks) {
    const lines = b.kind === "heading" ? [textWithMarkers(b)] : wrapLine(blockLines(b), width);
    lines.forEach((line, i) => {
      out.push(b.kind === "list" && i > 0 && !/^\d/.test(lines[0]!) ? `  ${line}` : line);
      sinceBreak++;
      const last = i === lines.length - 1;
      if (!last && sinceBreak >= pageLines && !/[.!?:;"”’)\]]$/.test(line)) {
        page++;
        out.push("", "", `${header}          ${page}`, "", "");
        sinceBreak = 0;
      }
    });
    out.push("");
  }
  for (const n of r.notes) out.push(...wrapLine(`[${n.label}] ${n.text}`, width), "");
  return out.join("\n");
}

// ------------------------------------------------------------------ legacy HTML

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Characters windows-1252 cannot hold become numeric references, as old editors wrote them. */
function cp1252Safe(s: string): string {
  return [...s].map((c) => {
    const code = c.codePointAt(0)!;
    if (code < 0x80) return c;
    const bytes = iconv.encode(c, "windows-1252");
    return bytes.length === 1 && bytes[0] !== 0x3f ? c : `&#${code};`;
  }).join("");
}

function htmlInline(b: ImportedBlock): string {
  const refs = [...(b.noteRefs ?? [])].sort((x, y) => x.offset - y.offset);
  let out = "";
  let at = 0;
  for (const ref of refs) {
    out += esc(b.text.slice(at, ref.offset)) + `<sup><a href="#n${ref.label}" name="r${ref.label}">${esc(ref.label)}</a></sup>`;
    at = ref.offset;
  }
  return out + esc(b.text.slice(at));
}

const NAV_TABLE = `<table width="100%" border="0" cellpadding="2"><tr>
<td><font size="-1"><a href="../index.htm">Home</a></font></td>
<td><font size="-1"><a href="../archive/index.htm">Archive</a></font></td>
<td><font size="-1"><a href="prev.htm">Previous</a></font></td>
<td><font size="-1"><a href="next.htm">Next</a></font></td></tr></table>`;

export function toLegacyHtml(r: ImportedReading, opts: { declareCharset: boolean }): Uint8Array {
  const body: string[] = [];
  body.push(NAV_TABLE, "<center>");
  if (r.author) body.push(`<font size="+1" face="Times New Roman"><b>${esc(r.author)}</b></font><br><br>`);
  body.push("</center>");
  if (r.title) body.push(`<h1 align="center"><font face="Times New Roman">${esc(r.title)}</font></h1>`);
  if (r.source || r.date) body.push(`<p><font size="-1"><i>Source: ${esc([r.source, r.date].filter(Boolean).join(", "))}.</i></font></p>`);
  let inList = false;
  for (const b of r.blocks) {
    if (b.kind === "list" && !inList) { body.push("<ul>"); inList = true; }
    if (b.kind !== "list" && inList) { body.push("</ul>"); inList = false; }
    if (b.kind === "heading") body.push(`<h3><font face="Arial">${htmlInline(b)}</font></h3>`);
    else if (b.kind === "quote") body.push(`<blockquote><font size="-1">${htmlInline(b)}</font></blockquote>`);
    else if (b.kind === "list") body.push(`<li>${htmlInline(b)}</li>`);
    else body.push(`<p><font face="Times New Roman" size="3">${htmlInline(b)}</font></p>`);
  }
  if (inList) body.push("</ul>");
  if (r.notes.length) {
    body.push("<hr size=1 noshade>");
    for (const n of r.notes) body.push(`<p><font size="-1"><sup><a name="n${esc(n.label)}" href="#r${esc(n.label)}">${esc(n.label)}</a></sup> ${esc(n.text)}</font></p>`);
  }
  body.push(NAV_TABLE);
  const head = opts.declareCharset ? `<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">` : "";
  const html = `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html><head>${head}<title>${esc(r.title ?? "Reading")}</title></head>
<body bgcolor="#FFFFFF" text="#000000" link="#0000FF">
${body.join("\n")}
</body></html>`;
  return iconv.encode(cp1252Safe(html), "windows-1252");
}

// ------------------------------------------------------------------ Markdown

function mdEscape(s: string): string {
  return s.replace(/([\\`*_\[\]<>~#|])/g, "\\$1").replace(/^(\d+)\. /, "$1\\. ").replace(/^([+-]) /, "\\$1 ");
}

function mdInline(b: ImportedBlock, labels: Map<string, string>): string {
  const refs = [...(b.noteRefs ?? [])].sort((x, y) => x.offset - y.offset);
  let out = "";
  let at = 0;
  for (const ref of refs) {
    out += mdEscape(b.text.slice(at, ref.offset)) + `[^${labels.get(ref.label)}]`;
    at = ref.offset;
  }
  return out + mdEscape(b.text.slice(at));
}

function yamlString(s: string): string {
  return JSON.stringify(s);
}

/** Markdown with YAML front matter; footnotes as [^label] (symbol labels get an identifier). */
export function toMarkdown(r: ImportedReading): string {
  const labels = new Map<string, string>();
  r.notes.forEach((n, i) => labels.set(n.label, /^[^\s\]\[^]+$/.test(n.label) ? n.label : `n${i + 1}`));
  const fm = ["---"];
  if (r.title) fm.push(`title: ${yamlString(r.title)}`);
  if (r.author) fm.push(`author: ${yamlString(r.author)}`);
  if (r.source) fm.push(`source: ${yamlString(r.source)}`);
  if (r.date) fm.push(`date: ${yamlString(r.date)}`);
  fm.push("---", "");
  const body: string[] = [];
  for (const b of r.blocks) {
    if (b.kind === "heading") body.push(`${"#".repeat(Math.min(6, Math.max(2, b.level ?? 2)))} ${mdInline(b, labels)}`);
    else if (b.kind === "quote") body.push(`> ${mdInline(b, labels)}`);
    else if (b.kind === "list") body.push(/^\d+[.)]\s/.test(b.text) ? mdInline(b, labels).replace(/^(\d+)\\\. /, "$1. ") : `- ${mdInline(b, labels)}`);
    else body.push(mdInline(b, labels));
    body.push("");
  }
  for (const n of r.notes) body.push(`[^${labels.get(n.label)}]: ${mdEscape(n.text)}`, "");
  return fm.join("\n") + "\n" + body.join("\n");
}

// ------------------------------------------------------------------ DOCX

function xmlEsc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function run(text: string): string {
  return text ? `<w:r><w:t xml:space="preserve">${xmlEsc(text)}</w:t></w:r>` : "";
}

/** A minimal but valid .docx: styles for headings, real footnotes when labels are 1..n. */
export async function toDocx(r: ImportedReading): Promise<Uint8Array> {
  const numericNotes = r.notes.every((n, i) => n.label === String(i + 1));
  const paras: string[] = [];
  const p = (style: string | null, content: string) =>
    paras.push(`<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ""}${content}</w:p>`);
  if (r.author) p(null, run(r.author));
  if (r.title) p("Title", run(r.title));
  if (r.source || r.date) p(null, run(`Source: ${[r.source, r.date].filter(Boolean).join(", ")}.`));
  for (const b of r.blocks) {
    const refs = [...(b.noteRefs ?? [])].sort((x, y) => x.offset - y.offset);
    let content = "";
    let at = 0;
    for (const ref of refs) {
      content += run(b.text.slice(at, ref.offset));
      content += numericNotes
        ? `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="${ref.label}"/></w:r>`
        : run(`[${ref.label}]`);
      at = ref.offset;
    }
    content += run(b.text.slice(at));
    const style = b.kind === "heading" ? `Heading${Math.min(6, b.level ?? 2)}` : b.kind === "quote" ? "Quote" : null;
    p(style, b.kind === "list" && !/^\d+[.)]\s/.test(b.text) ? run("• ") + content : content);
  }
  if (!numericNotes) for (const n of r.notes) p(null, run(`[${n.label}] ${n.text}`));
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const zip = new JSZip();
  zip.file("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
</Types>`);
  zip.file("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`);
  zip.file("word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
</Relationships>`);
  const headingStyles = [1, 2, 3, 4, 5, 6]
    .map((n) => `<w:style w:type="paragraph" w:styleId="Heading${n}"><w:name w:val="heading ${n}"/></w:style>`)
    .join("");
  zip.file("word/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ${W}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/></w:style>
<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/></w:style>${headingStyles}</w:styles>`);
  const notes = numericNotes
    ? r.notes.map((n) => `<w:footnote w:id="${n.label}"><w:p>${run(n.text)}</w:p></w:footnote>`).join("")
    : "";
  zip.file("word/footnotes.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes ${W}><w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p/></w:footnote>${notes}</w:footnotes>`);
  zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ${W}><w:body>${paras.join("")}</w:body></w:document>`);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

// ------------------------------------------------------------------ PDF

/** Escape for a PDF literal string; non-Latin-1 characters become "?" (WinAnsi font). */
function pdfString(s: string): string {
  const mapped = [...s].map((c) => {
    const b = iconv.encode(c, "windows-1252");
    return b.length === 1 ? String.fromCharCode(b[0]!) : "?";
  }).join("");
  return mapped.replace(/([\\()])/g, "\\$1");
}

/**
 * A minimal PDF: each page is a list of lines drawn with Helvetica (WinAnsiEncoding). `pages` = lines
 * per page; an empty string leaves a blank line (a paragraph gap). With `pages` empty of text, the PDF
 * has no text layer (only a drawn rectangle), like a scan.
 */
export function toPdf(pages: string[][], opts: { noText?: boolean } = {}): Uint8Array {
  const objects: string[] = [];
  const add = (s: string) => { objects.push(s); return objects.length; };
  const font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  const pageIds: number[] = [];
  const pagesId = 2 + pages.length * 2 + 1; // computed below; placeholder fixed after
  const contents: number[] = [];
  for (const lines of pages) {
    let stream: string;
    if (opts.noText) stream = "0.5 g 72 72 468 648 re f";
    else {
      const ops = ["BT", "/F1 11 Tf", "14 TL", "72 760 Td"];
      for (const l of lines) ops.push(l ? `(${pdfString(l)}) Tj T*` : "T*");
      ops.push("ET");
      stream = ops.join("\n");
    }
    contents.push(add(`<< /Length ${Buffer.byteLength(stream, "latin1")} >>\nstream\n${stream}\nendstream`));
    pageIds.push(add("PAGE"));
  }
  const pagesObj = add(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pageIds.length} >>`);
  void pagesId;
  pageIds.forEach((id, i) => {
    objects[id - 1] = `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${contents[i]} 0 R >>`;
  });
  const catalog = add(`<< /Type /Catalog /Pages ${pagesObj} 0 R >>`);
  let out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, "latin1"));
}

/** Lay a reading out on PDF pages: wrapped lines, blank line between paragraphs, page breaks mid-paragraph. */
export function readingToPdfPages(r: ImportedReading, width = 90, linesPerPage = 48): string[][] {
  const lines: string[] = [...metaLines(r)];
  for (const b of r.blocks) {
    lines.push(...(b.kind === "heading" ? [textWithMarkers(b)] : wrapLine(textWithMarkers(b), width)), "");
  }
  for (const n of r.notes) lines.push(...wrapLine(`[${n.label}] ${n.text}`, width), "");
  const pages: string[][] = [];
  for (let i = 0; i < lines.length; i += linesPerPage) pages.push(lines.slice(i, i + linesPerPage));
  return pages;
}
