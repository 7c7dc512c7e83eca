/**
 * Benchmark section for uploads (issue 9 item 3, issue 10 findings 1–2), against a running
 * app: every hostile file's answer and time while /api/health is probed; a 20 MB PDF import
 * (a background job) with the reading page's latency measured before and during it; the
 * scanned fixture's OCR time. Figures, not pass/fail. `npm run bench` calls runUploadBench.
 */
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { hostileFiles } from "./hostile-files";
import { PdfWriter, textContent } from "./pdf-writer";

export interface UploadBenchOptions {
  baseUrl: string;
  /** Cookie header of a signed-in instructor of `courseSlug`. */
  instructorCookie: string;
  courseSlug: string;
  /** A page to time during the import (e.g. a reading as a signed-in student) and its cookie. */
  pageUrl: string;
  pageCookie: string;
  log?(line: string): void;
}

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : 0);

/** ~`megabytes` of PDF: pages of real-looking text, each with an (unpainted) incompressible image, as scanned-and-OCRed books are. */
export function bigTextPdf(megabytes = 20, pages = 400): Buffer {
  const dir = path.resolve("seed/readings");
  const file = readdirSync(dir).find((f) => f.startsWith("002"));
  if (!file) throw new Error(`seed 002 is missing from ${dir}`);
  const seed = readFileSync(path.join(dir, file), "utf8").split(/\s+/);
  const w = new PdfWriter();
  const catalog = w.reserve();
  const pagesRef = w.reserve();
  const font = w.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  // Room for each page's text, objects and the xref, so the whole file stays within `megabytes` MiB (the upload limit).
  const imageBytes = Math.floor((megabytes * 1024 * 1024) / pages) - 6656;
  const kids: number[] = [];
  let at = 0;
  for (let p = 0; p < pages; p++) {
    const lines: string[] = [];
    for (let l = 0; l < 46; l++) {
      const words: string[] = [];
      while (words.join(" ").length < 80) words.push(seed[at++ % seed.length]!);
      lines.push(words.join(" "));
    }
    const content = w.stream("", Buffer.from(textContent(lines, 10), "latin1"));
    const image = w.stream("/Type /XObject /Subtype /Image /Width 128 /Height 128 /ColorSpace /DeviceGray /BitsPerComponent 8", randomBytes(Math.max(16_384, imageBytes)));
    kids.push(w.add(`<< /Type /Page /Parent ${pagesRef} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${font} 0 R >> /XObject << /Im0 ${image} 0 R >> >> /Contents ${content} 0 R >>`));
  }
  w.set(pagesRef, `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`);
  w.set(catalog, `<< /Type /Catalog /Pages ${pagesRef} 0 R >>`);
  return w.finish(catalog);
}

async function post(o: UploadBenchOptions, name: string, bytes: Buffer, async: boolean) {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)]), name);
  const r = await fetch(`${o.baseUrl}/api/courses/${o.courseSlug}/imports`, {
    method: "POST",
    body: form,
    headers: { Cookie: o.instructorCookie, Origin: o.baseUrl, ...(async ? { Prefer: "respond-async" } : {}) },
  });
  return { status: r.status, body: (await r.json().catch(() => null)) as { statusUrl?: string; error?: { message?: string }; task?: { status: string } } | null };
}

async function follow(o: UploadBenchOptions, statusUrl: string) {
  for (;;) {
    const r = await fetch(`${o.baseUrl}${statusUrl}`, { headers: { Cookie: o.instructorCookie } });
    const body = (await r.json()) as { task: { status: string; label: string | null } };
    if (["succeeded", "failed", "cancelled"].includes(body.task.status)) return body.task;
    await new Promise((res) => setTimeout(res, 200));
  }
}

/** Time GETs of `url` back to back until `until` resolves. */
async function sampleWhile(url: string, cookie: string, until: Promise<unknown>) {
  let done = false;
  void until.finally(() => (done = true));
  const times: number[] = [];
  let errors = 0;
  while (!done) {
    const t = performance.now();
    const ok = await fetch(url, { headers: { Cookie: cookie } }).then(async (r) => (await r.arrayBuffer(), r.ok), () => false);
    times.push(performance.now() - t);
    if (!ok) errors++;
    await new Promise((res) => setTimeout(res, 50));
  }
  return { times, errors };
}

export async function runUploadBench(o: UploadBenchOptions) {
  const log = o.log ?? ((l: string) => console.log(l));
  const out: Record<string, number> = {};

  // 1. Hostile files, /api/health probed throughout.
  const files = await hostileFiles();
  let finished!: () => void;
  const allDone = new Promise<void>((res) => (finished = res));
  const health = sampleWhile(`${o.baseUrl}/api/health`, "", allDone);
  const answers: { name: string; status: number; ms: number }[] = [];
  for (const f of files) {
    const t = performance.now();
    const { status } = await post(o, f.fileName, f.bytes, false);
    answers.push({ name: f.name, status, ms: performance.now() - t });
  }
  finished();
  const h = await health;
  for (const a of answers) log(`  ${a.name.padEnd(24)} ${a.status}  ${(a.ms / 1000).toFixed(1)} s`);
  out.hostile_files = files.length;
  out.hostile_refused_4xx = answers.filter((a) => a.status === 413 || a.status === 422).length;
  out.hostile_max_s = Math.max(...answers.map((a) => a.ms)) / 1000;
  out.health_during_hostile_p50_ms = pct(h.times, 50);
  out.health_during_hostile_p99_ms = pct(h.times, 99);
  out.health_during_hostile_errors = h.errors;
  log(`  → ${out.hostile_refused_4xx}/${files.length} refused with 413/422, slowest ${out.hostile_max_s.toFixed(1)} s; /api/health p50 ${out.health_during_hostile_p50_ms.toFixed(0)} ms, p99 ${out.health_during_hostile_p99_ms.toFixed(0)} ms, ${h.errors} errors`);

  // 2. A 20 MB PDF import as a background job; the reading page before and during it.
  const idle = await sampleWhile(o.pageUrl, o.pageCookie, new Promise((res) => setTimeout(res, 5_000)));
  const pdf = bigTextPdf(20);
  const t0 = performance.now();
  const started = await post(o, "book-20mb.pdf", pdf, true);
  if (started.status !== 202 || !started.body?.statusUrl) throw new Error(`the 20 MB PDF import did not start: ${started.status} ${started.body?.error?.message ?? ""}`);
  const importDone = follow(o, started.body.statusUrl);
  const during = await sampleWhile(o.pageUrl, o.pageCookie, importDone);
  const task = await importDone;
  out.pdf_20mb_import_s = (performance.now() - t0) / 1000;
  out.page_idle_p50_ms = pct(idle.times, 50);
  out.page_idle_p99_ms = pct(idle.times, 99);
  out.page_during_import_p50_ms = pct(during.times, 50);
  out.page_during_import_p99_ms = pct(during.times, 99);
  log(`  20 MB PDF (${(pdf.length / 1024 / 1024).toFixed(1)} MB, 400 pages): ${task.status} in ${out.pdf_20mb_import_s.toFixed(1)} s`);
  log(`  reading page idle p50 ${out.page_idle_p50_ms.toFixed(0)} ms / p99 ${out.page_idle_p99_ms.toFixed(0)} ms; during the import p50 ${out.page_during_import_p50_ms.toFixed(0)} ms / p99 ${out.page_during_import_p99_ms.toFixed(0)} ms (${during.times.length} requests, ${during.errors} errors)`);

  // 3. OCR of the 3-page scanned fixture.
  const scan = readFileSync(path.resolve("tests/fixtures/import/scanned/001-scan.pdf"));
  const t1 = performance.now();
  const ocr = await post(o, "001-scan.pdf", scan, true);
  const ocrTask = ocr.body?.statusUrl ? await follow(o, ocr.body.statusUrl) : { status: `not started (${ocr.status})` };
  out.ocr_3_pages_s = (performance.now() - t1) / 1000;
  log(`  scanned PDF, 3 pages: ${ocrTask.status} in ${out.ocr_3_pages_s.toFixed(1)} s (${(out.ocr_3_pages_s / 3).toFixed(1)} s a page, tesseract start included)`);
  return out;
}
