import { runUploadBench } from "../../../lib/import/bench-uploads";
import type { BenchSection } from "../types";

/** Hostile uploads refused while the site keeps answering; a 20 MB PDF imported beside the reading page; OCR. */
export const uploads: BenchSection = {
  id: "uploads",
  title: "Uploads: hostile files (with /api/health probed), a 20 MB PDF import beside the reading page, OCR",
  needs: "app",
  keys: {
    hostile_files: "hostile files sent (zip bombs, billion laughs, deep nesting, huge PDFs…)",
    hostile_refused_4xx: "of those, answered 413/422 (the rest would be a defect)",
    hostile_max_s: "s, the slowest refusal",
    health_during_hostile_p50_ms: "ms, /api/health p50 while the hostile files are processed",
    health_during_hostile_p99_ms: "ms, /api/health p99 meanwhile",
    health_during_hostile_errors: "/api/health requests that failed meanwhile",
    pdf_20mb_import_s: "s, a 20 MB 400-page PDF imported as a background job",
    page_idle_p50_ms: "ms, reading page p50 with nothing else running",
    page_idle_p99_ms: "ms, reading page p99 idle",
    page_during_import_p50_ms: "ms, reading page p50 during the 20 MB import",
    page_during_import_p99_ms: "ms, reading page p99 during the import",
    ocr_3_pages_s: "s, OCR of a 3-page scanned PDF (tesseract start included)",
  },
  async run(ctx) {
    const instructorCookie = await ctx.session("instructor@demo.colloquy");
    const pageCookie = await ctx.session(ctx.volume.students[0]!.email);
    const out = await runUploadBench({
      baseUrl: ctx.baseUrl,
      instructorCookie,
      courseSlug: ctx.volume.course.slug,
      pageUrl: `${ctx.baseUrl}${ctx.volume.reading.path}`,
      pageCookie,
      log: (l) => ctx.line(l.trim()),
    });
    for (const [key, value] of Object.entries(out)) if (key in uploads.keys) ctx.figure(key, value);
  },
};
