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
    reading_js_gzip_kb: "KB of JavaScript the page loads (its <script>s and preloads), gzip level 6 as served (goal ≤ 120)",
    reading_js_kb: "KB of the same JavaScript uncompressed",
    reading_js_files: "number of script files the page loads",
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

    const scripts = pageScripts(html.toString("utf8"));
    if (scripts.length === 0) throw new Error("found no scripts in the reading page's HTML");
    let raw = 0;
    let gzip = 0;
    const rows: string[] = [];
    for (const src of scripts) {
      const file = path.join(ctx.distDir, "static", decodeURIComponent(new URL(src, ctx.baseUrl).pathname.replace(/^\/_next\/static\//, "")));
      if (!existsSync(file)) throw new Error(`${src} is not in the build output (${file})`);
      const bytes = readFileSync(file);
      const zipped = gzipSync(bytes, { level: 6 }).length;
      raw += bytes.length;
      gzip += zipped;
      rows.push(`${(zipped / 1024).toFixed(1).padStart(7)} KB gz  ${path.basename(file)}`);
    }
    ctx.line(`JavaScript: ${scripts.length} files, ${(raw / 1024).toFixed(1)} KB, ${(gzip / 1024).toFixed(1)} KB gzipped (goal ≤ 120 KB)`);
    for (const row of rows.sort().reverse().slice(0, 6)) ctx.line(`  ${row}`);
    ctx.figure("reading_js_gzip_kb", gzip / 1024);
    ctx.figure("reading_js_kb", raw / 1024);
    ctx.figure("reading_js_files", scripts.length);
  },
};
