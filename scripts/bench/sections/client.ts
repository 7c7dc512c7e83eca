import { getBytes } from "../http";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { BenchSection } from "../types";

/** The scripts an HTML page loads: <script src> and preloaded scripts, same-origin /_next paths. */
export function pageScripts(html: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) found.add(m[1]!);
  for (const m of html.matchAll(/<link\b[^>]*\brel="(?:preload|modulepreload)"[^>]*>/g)) {
    if (/\bas="script"/.test(m[0]) || m[0].includes("modulepreload")) {
      const href = /\bhref="([^"]+)"/.exec(m[0]);
      if (href) found.add(href[1]!);
    }
  }
  return [...found].map((src) => src.replace(/&amp;/g, "&")).filter((src) => src.startsWith("/_next/"));
}

/** Of those, the `<script nomodule>` ones (Next's legacy polyfills): a browser that runs ES
 *  modules — every browser Next 16 supports — never fetches them (the HTML standard says so,
 *  and e2e/reading-js.test.ts checks it in Chromium), so they are counted apart — unless
 *  the page also preloads them. */
export function noModuleScripts(html: string): Set<string> {
  const found = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*>/g)) {
    const src = /\bsrc="([^"]+)"/.exec(m[0]);
    if (src && /\bnomodule\b/i.test(m[0])) found.add(src[1]!.replace(/&amp;/g, "&"));
  }
  // A nomodule script that is also preloaded is fetched after all: it counts.
  for (const m of html.matchAll(/<link\b[^>]*\brel="(?:preload|modulepreload)"[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(m[0]);
    if (href) found.delete(href[1]!.replace(/&amp;/g, "&"));
  }
  return found;
}

/** What a reader's browser downloads for the measured reading: its HTML (as sent, before
 *  compression) beside the reading's own text, and the JavaScript the page loads, gzipped
 *  from the build output. */
export const client: BenchSection = {
  id: "client",
  title: "Client: the reading page's HTML and JavaScript (signed-in student)",
  needs: "app",
  keys: {
    reading_html_kb: "KB of HTML for the measured reading (002, 5,000 comments), uncompressed",
    reading_text_kb: "KB of the reading's own text (blocks and notes, UTF-8)",
    reading_html_vs_text: "HTML ÷ text (goal ≤ 2)",
    reading_html_gzip_kb: "KB of that HTML gzipped (what the wire carries)",
    reading_js_gzip_kb: "KB of JavaScript the page loads (its <script>s and preloads, but not `nomodule` ones), gzip level 6 as served (goal ≤ 120)",
    reading_js_kb: "KB of the same JavaScript uncompressed",
    reading_js_files: "number of script files the page loads",
    reading_js_nomodule_gzip_kb: "KB gzip of the page's `nomodule` scripts (Next's legacy polyfills), fetched only by browsers without ES modules; not in reading_js_gzip_kb",
    reading_js_framework_gzip_kb: "of reading_js_gzip_kb, the scripts a page without any client code of ours loads too (the prerendered comparison page): React DOM, Next's router — the floor",
    reading_js_own_gzip_kb: "of reading_js_gzip_kb, the rest: the reading page's own client components and what they import",
  },
  async run(ctx) {
    const { volume } = ctx;
    const cookie = await ctx.session(volume.students[0]!.email);
    const { status, body: html } = await getBytes(ctx.baseUrl + volume.reading.path, cookie);
    if (status !== 200) throw new Error(`the reading page answered ${status}`);
    const htmlKb = html.length / 1024;
    const textKb = volume.reading.textBytes / 1024;
    ctx.line(`HTML ${htmlKb.toFixed(1)} KB (${(gzipSync(html).length / 1024).toFixed(1)} KB gzipped) for ${textKb.toFixed(1)} KB of text: ${(htmlKb / textKb).toFixed(2)}× (goal ≤ 2×)`);
    ctx.figure("reading_html_kb", htmlKb);
    ctx.figure("reading_text_kb", textKb);
    ctx.figure("reading_html_vs_text", htmlKb / textKb);
    ctx.figure("reading_html_gzip_kb", gzipSync(html).length / 1024);

    const page = measureScripts(ctx.distDir, ctx.baseUrl, html.toString("utf8"));
    if (page.files.length === 0) throw new Error("found no scripts in the reading page's HTML");
    const gzip = sum(page.files.map((f) => f.gzip));
    const raw = sum(page.files.map((f) => f.raw));
    ctx.line(`JavaScript: ${page.files.length} files, ${(raw / 1024).toFixed(1)} KB, ${(gzip / 1024).toFixed(1)} KB gzipped (goal ≤ 120 KB)`);
    if (page.legacy > 0) ctx.line(`  and ${page.legacy} nomodule file(s), ${(page.legacyGzip / 1024).toFixed(1)} KB gzipped, that module-capable browsers never fetch (not counted)`);

    // The floor: the benchmark's prerendered comparison page has no client component of ours,
    // so its scripts are Next's router and React DOM alone.
    const floorAnswer = await getBytes(`${ctx.baseUrl}/bench-static/2000`);
    if (floorAnswer.status !== 200) throw new Error(`/bench-static/2000 answered ${floorAnswer.status} (a build without COLLOQUY_BENCH_PAGES=1?)`);
    const floor = new Set(measureScripts(ctx.distDir, ctx.baseUrl, floorAnswer.body.toString("utf8")).files.map((f) => f.src));
    const frameworkGzip = sum(page.files.filter((f) => floor.has(f.src)).map((f) => f.gzip));
    ctx.line(`  of which ${(frameworkGzip / 1024).toFixed(1)} KB the framework's (also on a page without client code of ours), ${((gzip - frameworkGzip) / 1024).toFixed(1)} KB this page's own:`);
    for (const f of page.files.sort((a, b) => b.gzip - a.gzip)) ctx.line(`  ${(f.gzip / 1024).toFixed(1).padStart(7)} KB gz  ${path.basename(f.src.split("?")[0]!)}${floor.has(f.src) ? "  (framework)" : ""}`);
    ctx.figure("reading_js_gzip_kb", gzip / 1024);
    ctx.figure("reading_js_kb", raw / 1024);
    ctx.figure("reading_js_files", page.files.length);
    ctx.figure("reading_js_nomodule_gzip_kb", page.legacyGzip / 1024);
    ctx.figure("reading_js_framework_gzip_kb", frameworkGzip / 1024);
    ctx.figure("reading_js_own_gzip_kb", (gzip - frameworkGzip) / 1024);
  },
};

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** The scripts a page's HTML loads, read from the build output: size and gzip (level 6) each,
 *  the nomodule ones only counted apart. */
function measureScripts(distDir: string, baseUrl: string, html: string) {
  const legacy = noModuleScripts(html);
  const files: { src: string; raw: number; gzip: number }[] = [];
  let legacyGzip = 0;
  for (const src of pageScripts(html)) {
    const file = path.join(distDir, "static", decodeURIComponent(new URL(src, baseUrl).pathname.replace(/^\/_next\/static\//, "")));
    if (!existsSync(file)) throw new Error(`${src} is not in the build output (${file})`);
    const bytes = readFileSync(file);
    const gzip = gzipSync(bytes, { level: 6 }).length;
    if (legacy.has(src)) legacyGzip += gzip;
    else files.push({ src, raw: bytes.length, gzip });
  }
  return { files, legacy: legacy.size, legacyGzip };
}
