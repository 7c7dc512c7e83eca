import { getBytes } from "../http";
import { measureLoad } from "../load";
import { median } from "../stats";
import type { BenchSection } from "../types";

/** Opening a paragraph's discussion: the panel's API on the paragraph with 500 comments. */
export const thread: BenchSection = {
  id: "thread",
  title: "Opening a 500-comment thread (GET /api/comments?blockId=…) — autocannon, 20 connections",
  needs: "app",
  keys: {
    thread_rps: "req/s for the thread API on the 500-comment paragraph",
    thread_p50_ms: "ms, p50 latency under that load",
    thread_p99_ms: "ms, p99 latency",
    thread_comments_returned: "comments in one response: the first page of threads with their first replies (500 would mean not paginated)",
    thread_response_kb: "KB of JSON in one response",
  },
  async run(ctx) {
    const { volume } = ctx;
    const cookie = await ctx.session(volume.students[0]!.email);
    const url = `${ctx.baseUrl}/api/comments?blockId=${encodeURIComponent(volume.thread.blockId)}`;
    const first = await getBytes(url, cookie);
    const body = first.body;
    if (first.status !== 200) throw new Error(`the thread API answered ${first.status}: ${body.toString("utf8").slice(0, 200)}`);
    // One page of threads, each with its first replies.
    const json = JSON.parse(body.toString("utf8")) as { threads?: { replies?: unknown[] }[] };
    const returned = Array.isArray(json.threads) ? json.threads.reduce((n, t) => n + 1 + (t.replies?.length ?? 0), 0) : NaN;
    ctx.line(`one response: ${returned} comments (${json.threads?.length ?? 0} threads and their first replies), ${(body.length / 1024).toFixed(1)} KB of JSON${returned === 500 ? " (the whole thread: not paginated)" : ""}`);
    ctx.figure("thread_comments_returned", returned);
    ctx.figure("thread_response_kb", body.length / 1024);

    const rounds = ctx.quick ? 1 : 2;
    const results = [];
    for (let i = 0; i < rounds; i++) {
      const r = await measureLoad({ url, headers: { Cookie: cookie }, seconds: ctx.quick ? 3 : 10, warmupSeconds: ctx.quick ? 1 : 2 });
      results.push(r);
      ctx.line(`round ${i + 1}/${rounds}: ${r.rps.toFixed(1)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`);
    }
    ctx.figure("thread_rps", median(results.map((r) => r.rps)), results.map((r) => r.rps));
    ctx.figure("thread_p50_ms", median(results.map((r) => r.p50)), results.map((r) => r.p50));
    ctx.figure("thread_p99_ms", median(results.map((r) => r.p99)), results.map((r) => r.p99));
  },
};
