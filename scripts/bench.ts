/**
 * `npm run bench`: figures, not pass/fail. Runs against a throwaway embedded PostgreSQL and
 * the production build (shared with the browser tests' .next-e2e build).
 *   1. importer: a ~750 KB book-length text (target ≤ 2 s)
 *   2. re-anchoring 5,000 comments across an edit of a 1,000-paragraph reading
 *   3. reading page (warm) vs the same server's static page vs bare Node serving the same HTML
 *   4. comment posting: sequential latency and concurrent throughput
 */
import http from "node:http";
import { runImportBench } from "../lib/import/bench";
import { anchoringAtScale } from "../tests/unit/anchoring/scale-scenario";
import { startTestDatabase } from "../tests/support/test-database";
import { startAppServer } from "./lib/app-server";

const ms = (n: number) => `${n.toFixed(1)} ms`;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function timeGets(url: string, n: number, headers: Record<string, string> = {}, expectStatus = 200) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const r = await fetch(url, { headers });
    await r.arrayBuffer();
    if (r.status !== expectStatus) throw new Error(`${url} answered ${r.status}`);
    times.push(performance.now() - t);
  }
  return { p50: pct(times, 50), p95: pct(times, 95) };
}

async function signIn(base: string, email: string) {
  const jar: string[] = [];
  const keep = (r: Response) => r.headers.getSetCookie().forEach((c) => jar.push(c.split(";")[0]!));
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const r = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password: "demo-password", json: "true" }),
  });
  keep(r);
  return jar.join("; ");
}

async function main() {
  console.log("== 1. importer");
  for (const r of await runImportBench()) {
    console.log(`  ${r.name.padEnd(28)} ${(r.bytes / 1024).toFixed(0).padStart(5)} KB  cold ${ms(r.coldMs)}  best ${ms(r.bestMs)}  ${r.blocks} blocks  target ≤ 2000 ms: ${r.bestMs <= 2000 ? "met" : "MISSED"}`);
  }

  console.log("\n== 2. re-anchoring comments after an edit");
  const a = anchoringAtScale();
  console.log(
    `  ${a.comments} comments, ${a.blocksBefore} → ${a.blocksAfter} blocks (typos, deletions, merges, splits, a moved chunk): ${ms(a.ms)}; ` +
      `${a.attached} attached, ${a.comments - a.attached} detached  target well under 2000 ms: ${a.ms < 2000 ? "met" : "MISSED"}`,
  );

  const database = await startTestDatabase("bench");
  const { createClient } = await import("../lib/db");
  const { seedDemo } = await import("../lib/seed/seed-demo");
  const client = createClient(database.url);
  await seedDemo(client, { withAccounts: true, password: "demo-password" });
  const app = await startAppServer({ databaseUrl: database.url, distDir: ".next-e2e" });
  try {
    const cookie = await signIn(app.baseUrl, "student1@demo.colloquy");
    const readingUrl = `${app.baseUrl}/courses/de-stalinization-1955-57/readings/khrushchev-on-stalin`;
    const warm = await timeGets(readingUrl, 10, { Cookie: cookie });
    void warm;
    const page = await timeGets(readingUrl, 100, { Cookie: cookie });
    const html = await (await fetch(readingUrl, { headers: { Cookie: cookie } })).text();
    // The app's prerendered (static) page: Next serves /_not-found from the build output.
    const staticPage = await timeGets(`${app.baseUrl}/_not-found`, 100, {}, 404).catch(() => null);
    const bare = http.createServer((_, res) => res.writeHead(200, { "Content-Type": "text/html" }).end(html));
    await new Promise<void>((r) => bare.listen(0, "127.0.0.1", r));
    const bareUrl = `http://127.0.0.1:${(bare.address() as { port: number }).port}/`;
    const bareTimes = await timeGets(bareUrl, 100);
    bare.close();
    console.log("\n== 3. reading page (001, 52 blocks, signed in), 100 sequential GETs after 10 warm-up");
    console.log(`  reading page          p50 ${ms(page.p50)}  p95 ${ms(page.p95)}  (${(html.length / 1024).toFixed(0)} KB HTML)`);
    if (staticPage) console.log(`  static page, same app p50 ${ms(staticPage.p50)}  ratio reading/static ${(page.p50 / staticPage.p50).toFixed(1)}×`);
    console.log(`  bare Node, same HTML  p50 ${ms(bareTimes.p50)}  ratio reading/bare ${(page.p50 / bareTimes.p50).toFixed(1)}×`);

    const reading = await client.reading.findFirstOrThrow({ where: { slug: "khrushchev-on-stalin" }, select: { id: true, blocks: { where: { number: 3 }, select: { id: true } } } });
    const blockId = reading.blocks[0]!.id;
    const post = (i: number) =>
      fetch(`${app.baseUrl}/api/comments`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Cookie: cookie },
        body: JSON.stringify({ readingId: reading.id, blockId, body: `bench comment ${i}` }),
      }).then((r) => {
        if (r.status !== 201) throw new Error(`post answered ${r.status}`);
      });
    const seq: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t = performance.now();
      await post(i);
      seq.push(performance.now() - t);
    }
    const total = 400;
    const concurrency = 20;
    const t0 = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => { while (next < total) await post(next++); }));
    const seconds = (performance.now() - t0) / 1000;
    const stored = await client.comment.count({ where: { blockId } });
    console.log("\n== 4. posting comments (real sessions, real database)");
    console.log(`  sequential            p50 ${ms(pct(seq, 50))}  p95 ${ms(pct(seq, 95))}`);
    console.log(`  ${concurrency} concurrent        ${(total / seconds).toFixed(0)} posts/s (${total} posts in ${seconds.toFixed(2)} s); stored ${stored} of ${100 + total}`);
    const thread = await timeGets(`${app.baseUrl}/api/comments?blockId=${blockId}`, 20, { Cookie: cookie });
    console.log(`  loading that ${stored}-comment thread  p50 ${ms(thread.p50)}`);
  } finally {
    await client.$disconnect();
    await app.stop();
    await database.stop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
