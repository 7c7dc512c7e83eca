import { getBytes } from "../http";
import { measureLoad, type LoadResult } from "../load";
import { startBareServer, staticPageOfSize } from "../static-page";
import { describeRuns, median } from "../stats";
import type { BenchSection } from "../types";

/**
 * The signed-in reading page against its floor, measured side by side in rounds (page,
 * Next's prerendered page of the same byte size, bare Node sending the same HTML), each
 * with autocannon at 20 connections after a 1 s warm-up — the page for 6 s (some 200
 * requests), the floors for 3 s (they answer hundreds to thousands in that time); ratios are
 * per round (req/s ÷ req/s), then the median of 3.
 * Beside them, the same filler page rendered on every request (app/bench-dynamic: no session,
 * no data, through the proxy like every page): what any dynamic page of this size costs here,
 * so the figures say how much of the gap is rendering per request at all and how much is the
 * reading page's own work.
 */
export const readingPage: BenchSection = {
  id: "page",
  title: "Reading page (002, 5,000 comments, signed-in student) vs its floor — autocannon, 20 connections",
  needs: "app",
  keys: {
    page_rps: "req/s, the reading page",
    page_p50_ms: "ms, p50 latency of the reading page under that load",
    page_p99_ms: "ms, p99 latency of the reading page",
    next_static_rps: "req/s, Next's prerendered page of the same HTML size, same server",
    next_static_p50_ms: "ms, p50 of that page",
    next_static_p99_ms: "ms, p99 of that page",
    bare_node_rps: "req/s, a bare Node server sending the reading page's HTML",
    bare_node_p50_ms: "ms, p50 of the bare server",
    page_vs_next_static_ratio: "page req/s ÷ prerendered req/s (goal ≥ 0.5)",
    page_vs_bare_node_ratio: "page req/s ÷ bare Node req/s",
    dynamic_floor_rps: "req/s, the same filler page rendered on every request (no session, no data)",
    dynamic_floor_vs_next_static_ratio: "dynamic filler req/s ÷ prerendered req/s: the ceiling of any per-request page of this size",
    page_vs_dynamic_floor_ratio: "page req/s ÷ dynamic filler req/s: the reading page's own work",
  },
  async run(ctx) {
    const { volume } = ctx;
    const cookie = await ctx.session(volume.students[0]!.email);
    const pageUrl = ctx.baseUrl + volume.reading.path;
    const first = await getBytes(pageUrl, cookie);
    const html = first.body;
    if (first.status !== 200 || !html.includes(volume.reading.title.replace(/&/g, "&amp;").slice(0, 30))) {
      throw new Error(`the reading page answered ${first.status} without the reading's title — not a signed-in reading page`);
    }
    const staticPage = await staticPageOfSize(ctx.baseUrl, html.length);
    ctx.line(`page ${html.length} B of HTML; prerendered ${staticPage.path}: ${staticPage.bytes} B (${staticPage.evidence})`);
    const dynamicPath = staticPage.path.replace("/bench-static/", "/bench-dynamic/");
    const dynamicFirst = await getBytes(ctx.baseUrl + dynamicPath);
    if (dynamicFirst.status !== 200 || dynamicFirst.headers.get("x-nextjs-cache")) {
      throw new Error(`${dynamicPath} answered ${dynamicFirst.status} (x-nextjs-cache: ${dynamicFirst.headers.get("x-nextjs-cache")}): not a page rendered per request`);
    }
    ctx.line(`dynamic filler ${dynamicPath}: ${dynamicFirst.body.length} B, rendered per request (cache-control: ${dynamicFirst.headers.get("cache-control")})`);
    const bare = await startBareServer(html);
    try {
      const rounds = ctx.quick ? 1 : 3;
      const seconds = ctx.quick ? 3 : 6;
      const floorSeconds = 3;
      const warmupSeconds = 1;
      const page: LoadResult[] = [];
      const next: LoadResult[] = [];
      const node: LoadResult[] = [];
      const dynamicFloor: LoadResult[] = [];
      for (let i = 0; i < rounds; i++) {
        page.push(await measureLoad({ url: pageUrl, headers: { Cookie: cookie }, seconds, warmupSeconds }));
        next.push(await measureLoad({ url: ctx.baseUrl + staticPage.path, seconds: floorSeconds, warmupSeconds }));
        node.push(await measureLoad({ url: bare.url, seconds: floorSeconds, warmupSeconds }));
        dynamicFloor.push(await measureLoad({ url: ctx.baseUrl + dynamicPath, seconds: floorSeconds, warmupSeconds }));
        ctx.line(
          `round ${i + 1}/${rounds}: page ${page[i]!.rps.toFixed(1)} req/s (p50 ${page[i]!.p50} ms, p99 ${page[i]!.p99} ms) · ` +
            `prerendered ${next[i]!.rps.toFixed(0)} req/s (p50 ${next[i]!.p50} ms) · bare Node ${node[i]!.rps.toFixed(0)} req/s (p50 ${node[i]!.p50} ms) · ` +
            `dynamic filler ${dynamicFloor[i]!.rps.toFixed(0)} req/s (p50 ${dynamicFloor[i]!.p50} ms)`,
        );
      }
      const figure = (key: string, values: number[]) => ctx.figure(key, median(values), values);
      figure("page_rps", page.map((r) => r.rps));
      figure("page_p50_ms", page.map((r) => r.p50));
      figure("page_p99_ms", page.map((r) => r.p99));
      figure("next_static_rps", next.map((r) => r.rps));
      figure("next_static_p50_ms", next.map((r) => r.p50));
      figure("next_static_p99_ms", next.map((r) => r.p99));
      figure("bare_node_rps", node.map((r) => r.rps));
      figure("bare_node_p50_ms", node.map((r) => r.p50));
      const vsNext = page.map((r, i) => r.rps / next[i]!.rps);
      const vsNode = page.map((r, i) => r.rps / node[i]!.rps);
      figure("page_vs_next_static_ratio", vsNext);
      figure("page_vs_bare_node_ratio", vsNode);
      const floorVsNext = dynamicFloor.map((r, i) => r.rps / next[i]!.rps);
      const vsFloor = page.map((r, i) => r.rps / dynamicFloor[i]!.rps);
      figure("dynamic_floor_rps", dynamicFloor.map((r) => r.rps));
      figure("dynamic_floor_vs_next_static_ratio", floorVsNext);
      figure("page_vs_dynamic_floor_ratio", vsFloor);
      ctx.line(`page ÷ prerendered: ${describeRuns(vsNext)} (goal ≥ 0.5); page ÷ bare Node: ${describeRuns(vsNode)}`);
      ctx.line(`dynamic filler ÷ prerendered: ${describeRuns(floorVsNext)}; page ÷ dynamic filler: ${describeRuns(vsFloor)}`);
    } finally {
      await bare.stop();
    }
  },
};
