import { readFileSync, readdirSync } from "node:fs";
import autocannon from "autocannon";
import { getBytes } from "../http";
import { median } from "../stats";
import type { AppBenchContext, BenchSection } from "../types";

/**
 * Capacity per core (docs/DEPLOY.md, "What one instance and one database hold"): how many
 * reading pages, thread opens and posts one CPU-second buys, app and PostgreSQL together.
 * Counted in CPU time the processes used (/proc), not wall time, so the figure stands on a
 * machine shared with other work, where req/s does not: autocannon keeps 4 requests in flight
 * (2 per core) for a few seconds, and the app server's and PostgreSQL's CPU seconds over that
 * window divide the requests answered. One process of each; the load generator's own CPU is
 * not counted (it is not on the server in a deployment).
 */

const CONNECTIONS = 4;
const TICKS_PER_SECOND = 100; // USER_HZ: 100 on Linux everywhere it is not configurable

/** utime + stime (+ the reaped children's) of one process, in seconds; 0 when it is gone. */
function cpuSeconds(pid: number, withChildren = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After the command: state is field 3, so utime (14) is index 11, stime 12, cutime 13, cstime 14.
    const own = Number(fields[11]) + Number(fields[12]);
    const reaped = withChildren ? Number(fields[13]) + Number(fields[14]) : 0;
    return (own + reaped) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return 0;
  }
}

/** CPU seconds of a process and every live descendant (with what each reaped): the app server,
 *  or PostgreSQL's postmaster and its backends. */
function treeSeconds(root: number): number {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const parent = parentOf(pid);
    children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  let total = 0;
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    total += cpuSeconds(pid, true);
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

interface Measured {
  requests: number;
  perCoreSecond: number;
  appShare: number;
  p50: number;
}

async function measure(ctx: AppBenchContext, postmaster: number, options: { url: string; cookie: string; seconds: number; method?: "GET" | "POST"; body?: () => string; expect: number }): Promise<Measured> {
  const serverPid = ctx.serverPid!;
  const headers: Record<string, string> = { Cookie: options.cookie };
  if (options.method === "POST") {
    headers["Content-Type"] = "application/json";
    headers.Origin = ctx.baseUrl;
  }
  const app0 = treeSeconds(serverPid);
  const db0 = treeSeconds(postmaster);
  let failed = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        method: options.method ?? "GET",
        headers,
        connections: CONNECTIONS,
        duration: options.seconds,
        timeout: 30,
        ...(options.body ? { requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, body: options.body!() }) }] } : {}),
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on("response", (_client, status) => {
      if (status !== options.expect) failed += 1;
    });
  });
  // The requests still in flight at the deadline are served too: let them finish before reading the clocks.
  await new Promise((r) => setTimeout(r, 1000));
  const app = treeSeconds(serverPid) - app0;
  const db = treeSeconds(postmaster) - db0;
  if (failed > 0 || result.errors > 0 || result.timeouts > 0) throw new Error(`${options.url}: ${failed} answers other than ${options.expect}, ${result.errors} errors, ${result.timeouts} timeouts`);
  const requests = result.requests.total + CONNECTIONS; // the in-flight ones were served as well
  return { requests, perCoreSecond: requests / Math.max(app + db, 0.01), appShare: app / Math.max(app + db, 0.01), p50: result.latency.p50 };
}

export const capacity: BenchSection = {
  id: "capacity",
  title: "Capacity per core: requests per CPU-second of the app and PostgreSQL together (4 connections)",
  needs: "app",
  keys: {
    capacity_page_per_core_s: "reading pages (002, 5,000 comments, signed-in student) per CPU-second of app + PostgreSQL",
    capacity_thread_per_core_s: "thread opens (GET /api/comments, the 500-comment paragraph) per CPU-second of app + PostgreSQL",
    capacity_posts_per_core_s: "comments posted (POST /api/comments, 201) per CPU-second of app + PostgreSQL",
    capacity_page_app_share: "fraction of the reading page's CPU time spent in the app (the rest in PostgreSQL)",
    capacity_posts_app_share: "fraction of a post's CPU time spent in the app (the rest in PostgreSQL)",
  },
  async run(ctx) {
    if (!ctx.serverPid) ctx.skip("the app server's process id is unknown");
    if (!readdirSync("/proc").length) ctx.skip("no /proc: CPU time cannot be read on this system");
    const backend = (await ctx.sql.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    const postmaster = parentOf(backend);
    if (!postmaster) ctx.skip("PostgreSQL's processes are not visible here (an external database?)");

    const { volume } = ctx;
    const cookie = await ctx.session(volume.students[0]!.email);
    const seconds = ctx.quick ? 4 : 6;
    const rounds = ctx.quick ? 1 : 2;
    const pageUrl = `${ctx.baseUrl}${volume.reading.path}`;
    const threadUrl = `${ctx.baseUrl}/api/comments?blockId=${encodeURIComponent(volume.thread.blockId)}`;
    for (const url of [pageUrl, threadUrl]) {
      const first = await getBytes(url, cookie);
      if (first.status !== 200) throw new Error(`${url} answered ${first.status}`);
    }

    const report = async (label: string, key: string, shareKey: string | null, run: () => Promise<Measured>) => {
      const results: Measured[] = [];
      for (let i = 0; i < rounds; i++) results.push(await run());
      const value = median(results.map((r) => r.perCoreSecond));
      ctx.line(
        `${label}: ${results.map((r) => `${r.perCoreSecond.toFixed(1)} per CPU-second (${r.requests} in ${seconds} s, p50 ${r.p50} ms, app ${(100 * r.appShare).toFixed(0)} % of the CPU)`).join("; ")}`,
      );
      ctx.figure(key, value, results.map((r) => r.perCoreSecond));
      if (shareKey) ctx.figure(shareKey, median(results.map((r) => r.appShare)), results.map((r) => r.appShare));
    };

    await report("reading page", "capacity_page_per_core_s", "capacity_page_app_share", () => measure(ctx, postmaster, { url: pageUrl, cookie, seconds, expect: 200 }));
    await report("thread open", "capacity_thread_per_core_s", null, () => measure(ctx, postmaster, { url: threadUrl, cookie, seconds, expect: 200 }));

    const started = new Date();
    try {
      let i = 0;
      const body = () =>
        JSON.stringify({
          readingId: volume.postTarget.readingId,
          blockId: volume.postTarget.blockIds[i % volume.postTarget.blockIds.length],
          body: `Capacity post ${i++}: where the argument turns, and why it matters here.`,
        });
      await report("posting", "capacity_posts_per_core_s", "capacity_posts_app_share", () =>
        measure(ctx, postmaster, { url: `${ctx.baseUrl}/api/comments`, cookie, seconds, method: "POST", body, expect: 201 }),
      );
    } finally {
      await ctx.sql.query(`DELETE FROM "Comment" WHERE "readingId" = $1 AND "createdAt" >= $2`, [volume.postTarget.readingId, started]);
      await ctx.sql.query(`VACUUM ANALYZE "Comment"`);
    }
  },
};
