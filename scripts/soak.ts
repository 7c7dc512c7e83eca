/**
 * `npm run soak`: a class in session for 10 minutes against a real `npm start` (production
 * build, throwaway data folder, loopback only), then it stops by itself and cleans up.
 *   - 1,000 readers (signed in, sharing the sessions of a 300-student course): open a
 *     reading page, open a paragraph's discussion every 5–15 s, move to another reading
 *     about once a minute;
 *   - 200 writers: post a comment (with an idempotency key) every 10–30 s.
 * npm start runs as a deployment on this machine would: COLLOQUY_WEB_PROCESSES one web
 * process per core, up to two (--processes N to choose; the web server's memory and CPU
 * below are their sum).
 * Passes when no request failed (every answer 2xx, none timed out after 30 s) and the web
 * server's memory stayed flat (the last fifth of the run within 10 % or 25 MB of the
 * second fifth — the first fifth is warm-up). Prints RSS over time. Not part of npm test.
 *
 *   npm run soak                          10 minutes
 *   npm run soak -- --minutes 2 --readers 300 --writers 50 --json
 *   npm run soak -- --processes 1         one web process
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { findFreePort } from "./lib/embedded-postgres";
import { launchColloquy, type Launched } from "./lib/launch";
import { loadTargets, makeStudents, pick, rssMb, sleep, type Student, type Targets } from "./lib/load";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const MINUTES = arg("minutes", 10);
const READERS = arg("readers", 1000);
const WRITERS = arg("writers", 200);
const STUDENTS = Math.max(WRITERS, arg("students", 300));
/** Web processes npm start runs (COLLOQUY_WEB_PROCESSES): as a deployment on this machine
 *  would — one per core, up to two, PostgreSQL sharing the same cores (docs/DEPLOY.md). */
const PROCESSES = arg("processes", Number(process.env.COLLOQUY_WEB_PROCESSES) || Math.min(2, os.availableParallelism()));
const json = process.argv.includes("--json");
const say = (line: string) => console.log(`[soak ${new Date().toISOString().slice(11, 19)}] ${line}`);

type Kind = "page" | "thread" | "post";
const latencies: Record<Kind, number[]> = { page: [], thread: [], post: [] };
const counts: Record<string, number> = {};
const errors: string[] = [];
const bump = (k: string) => (counts[k] = (counts[k] ?? 0) + 1);

/** A socket the server closed while idle can fail the next request on it before any byte is
 *  answered; browsers retry such a request once, and so does this client (counted apart). */
const staleSocket = (e: unknown) => e instanceof TypeError && /other side closed|ECONNRESET|socket hang up/i.test(String((e as { cause?: unknown }).cause ?? e));

/** Requests sent and not yet answered (nor failed), by kind: what a stuck run is waiting for. */
const inFlight: Record<Kind, number> = { page: 0, thread: 0, post: 0 };

async function request(kind: Kind, url: string, init: RequestInit): Promise<void> {
  inFlight[kind] += 1;
  try {
    await send(kind, url, init);
  } finally {
    inFlight[kind] -= 1;
  }
}

async function send(kind: Kind, url: string, init: RequestInit): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const t0 = performance.now();
    try {
      const r = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
      await r.arrayBuffer();
      latencies[kind].push(performance.now() - t0);
      bump(`${kind} ${r.status}`);
      if (r.status >= 300) errors.push(`${kind} ${url} → ${r.status}`);
      return;
    } catch (e) {
      if (attempt === 0 && staleSocket(e)) {
        bump(`${kind} retried on a closed keep-alive socket`);
        continue;
      }
      bump(`${kind} ${e instanceof Error && e.name === "TimeoutError" ? "timeout" : "network error"}`);
      errors.push(`${kind} ${url} → ${e instanceof Error ? `${e.name}: ${String((e as { cause?: unknown }).cause ?? e.message)}` : e}`);
      return;
    }
  }
}

async function reader(app: Launched, student: Student, targets: Targets, until: number) {
  const headers = { Cookie: student.cookie };
  await sleep(Math.random() * 30_000); // arrive over the first half minute
  while (Date.now() < until) {
    const reading = pick(targets.readings);
    await request("page", `${app.baseUrl}/courses/${targets.courseSlug}/readings/${reading.slug}`, { headers });
    const leaveAt = Date.now() + 40_000 + Math.random() * 40_000;
    while (Date.now() < Math.min(leaveAt, until)) {
      await sleep(5_000 + Math.random() * 10_000);
      if (Date.now() >= until) return;
      await request("thread", `${app.baseUrl}/api/comments?blockId=${pick(reading.blocks)}`, { headers });
    }
  }
}

async function writer(app: Launched, student: Student, targets: Targets, until: number) {
  await sleep(Math.random() * 30_000);
  while (Date.now() < until) {
    const reading = pick(targets.readings);
    const key = randomUUID();
    await request("post", `${app.baseUrl}/api/comments`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: student.cookie },
      body: JSON.stringify({ readingId: reading.id, blockId: pick(reading.blocks), body: `Soak comment ${key.slice(0, 8)}: a thought on this paragraph.`, idempotencyKey: key }),
    });
    await sleep(10_000 + Math.random() * 20_000);
  }
}

/** CPU seconds a process has used (utime + stime), with its exited children's and, when
 *  asked, its live children's (PostgreSQL's backends); null once it is gone. */
function cpuSeconds(pid: number, children = false): number | null {
  const ticks = (p: number, withExited: boolean) => {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
      // After "pid (comm) ": state is field 3, utime 14, stime 15, cutime 16, cstime 17.
      const own = Number(fields[11]) + Number(fields[12]);
      return withExited ? own + Number(fields[13]) + Number(fields[14]) : own;
    } catch {
      return null;
    }
  };
  const own = ticks(pid, children);
  if (own === null) return null;
  let total = own;
  if (children) {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (Number(readFileSync(`/proc/${entry}/stat`, "utf8").replace(/^.*\) /, "").split(" ")[1]) === pid) total += ticks(Number(entry), false) ?? 0;
      } catch {
        // gone meanwhile
      }
    }
  }
  return total / 100; // USER_HZ
}

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : 0);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "colloquy-soak-"));
  chmodSync(dataDir, 0o755);
  const app = launchColloquy({ dataDir, port: await findFreePort(), env: { COLLOQUY_DIST_DIR: ".next-e2e", COLLOQUY_RATE_LIMITS: "off", COLLOQUY_WEB_PROCESSES: String(PROCESSES) } });
  const cleanup = async () => {
    await app.kill();
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once("SIGINT", () => void cleanup().then(() => process.exit(130)));
  // Bounded no matter what: the whole run, set-up and clean-up included.
  const deadline = setTimeout(() => {
    say("the run took far longer than planned: stopping");
    void cleanup().then(() => process.exit(2));
  }, (MINUTES + 15) * 60_000);
  deadline.unref();
  try {
    say("starting npm start on a throwaway data folder (production build in .next-e2e)…");
    await app.waitFor(/Colloquy is running at/, 600_000);
    say(`making ${STUDENTS} students in the demo course and signing them in…`);
    const students = await makeStudents({ databaseUrl: app.databaseUrl(), baseUrl: app.baseUrl, count: STUDENTS, label: "soak" });
    const targets = await loadTargets(app.databaseUrl());
    // The web server: one process, or COLLOQUY_WEB_PROCESSES of them (memory and CPU summed).
    const webs = app.webPids().sort((a, b) => a - b);
    if (webs.length !== PROCESSES) throw new Error(`expected ${PROCESSES} web server process(es), found ${webs.length}`);
    const sum = (xs: (number | null)[]) => (xs.some((x) => x === null) ? null : xs.reduce<number>((a, x) => a + x!, 0));

    const start = Date.now();
    const until = start + MINUTES * 60_000;
    say(`${READERS} readers and ${WRITERS} writers for ${MINUTES} min (arriving over the first 30 s); ${PROCESSES} web process(es) (COLLOQUY_WEB_PROCESSES)`);
    const samples: { t: number; web: number; supervisor: number }[] = [];
    // CPU used by the web server and by PostgreSQL, and the machine's load, over the run:
    // whether the web server was saturated by its own work or starved by the machine's.
    const pg = app.postgresPid();
    const cpuAt = (): { t: number; web: number; pg: number; load: number } => ({ t: Date.now(), web: sum(webs.map((pid) => cpuSeconds(pid))) ?? NaN, pg: pg ? (cpuSeconds(pg, true) ?? NaN) : NaN, load: os.loadavg()[0]! });
    const cpuStart = cpuAt();
    let cpuLast = cpuStart;
    const loads: number[] = [];
    const sampler = setInterval(() => {
      void Promise.all([Promise.all(webs.map(rssMb)).then(sum), rssMb(app.supervisorPid() ?? 0)]).then(([w, s]) => {
        if (w === null) return;
        samples.push({ t: (Date.now() - start) / 1000, web: w, supervisor: s ?? 0 });
      });
    }, 5_000);
    const reporter = setInterval(() => {
      const last = samples.at(-1);
      const now = cpuAt();
      const seconds = (now.t - cpuLast.t) / 1000;
      loads.push(now.load);
      say(`${((Date.now() - start) / 60_000).toFixed(1)} min: ${latencies.page.length} pages, ${latencies.thread.length} threads, ${latencies.post.length} posts, ${errors.length} errors; web server RSS ${last?.web.toFixed(0) ?? "?"} MB, CPU: web server ${((now.web - cpuLast.web) / seconds).toFixed(2)} cores, PostgreSQL ${((now.pg - cpuLast.pg) / seconds).toFixed(2)}; load average ${now.load.toFixed(1)}`);
      cpuLast = now;
    }, 60_000);
    const load = [
      ...Array.from({ length: READERS }, (_, i) => reader(app, students[i % students.length]!, targets, until)),
      ...Array.from({ length: WRITERS }, (_, i) => writer(app, students[i]!, targets, until)),
    ];
    // Every request has a 30 s timeout, so the load ends within about that of the deadline; a
    // request still unanswered a minute after it is an error of its own (and must not hold
    // the run until the overall deadline).
    const finished = await Promise.race([Promise.all(load).then(() => true), sleep(until - Date.now() + 60_000).then(() => false)]);
    if (!finished) {
      for (const kind of ["page", "thread", "post"] as const) {
        for (let i = 0; i < inFlight[kind]; i++) errors.push(`${kind} still unanswered a minute after the end of the run`);
        if (inFlight[kind]) counts[`${kind} unanswered at the end`] = inFlight[kind];
      }
    }
    const cpuEnd = cpuAt();
    clearInterval(sampler);
    clearInterval(reporter);
    if (app.webPids().sort((a, b) => a - b).join() !== webs.join()) errors.push("a web server process was restarted during the soak");

    const fifth = (i: number) => samples.filter((s) => s.t >= (i * MINUTES * 60) / 5 && s.t < ((i + 1) * MINUTES * 60) / 5).map((s) => s.web);
    const early = mean(fifth(1));
    const late = mean(fifth(4));
    const flat = late <= early * 1.1 || late - early <= 25;
    const result = {
      minutes: MINUTES,
      readers: READERS,
      web_processes: PROCESSES,
      writers: WRITERS,
      requests: latencies.page.length + latencies.thread.length + latencies.post.length,
      errors: errors.length,
      page_p50_ms: Math.round(pct(latencies.page, 50)),
      page_p99_ms: Math.round(pct(latencies.page, 99)),
      thread_p50_ms: Math.round(pct(latencies.thread, 50)),
      thread_p99_ms: Math.round(pct(latencies.thread, 99)),
      post_p50_ms: Math.round(pct(latencies.post, 50)),
      post_p99_ms: Math.round(pct(latencies.post, 99)),
      web_rss_mb_start: Math.round(samples[0]?.web ?? 0),
      web_rss_mb_second_fifth: Math.round(early),
      web_rss_mb_last_fifth: Math.round(late),
      web_rss_mb_max: Math.round(Math.max(...samples.map((s) => s.web))),
      memory_flat: flat,
      // Cores' worth of CPU over the run (1.0 = one core all the time), and the load average.
      web_cpu_cores: Number(((cpuEnd.web - cpuStart.web) / ((cpuEnd.t - cpuStart.t) / 1000)).toFixed(2)),
      pg_cpu_cores: Number(((cpuEnd.pg - cpuStart.pg) / ((cpuEnd.t - cpuStart.t) / 1000)).toFixed(2)),
      load_average: loads.map((l) => Number(l.toFixed(1))),
      answers: counts,
    };
    say("web server RSS over time (MB):");
    const step = Math.max(1, Math.round(samples.length / 20));
    for (let i = 0; i < samples.length; i += step) say(`  ${(samples[i]!.t / 60).toFixed(1).padStart(5)} min  ${samples[i]!.web.toFixed(0).padStart(5)} MB  ${"█".repeat(Math.round(samples[i]!.web / 20))}`);
    say(`${result.requests} requests: pages p50 ${result.page_p50_ms} ms / p99 ${result.page_p99_ms} ms, threads ${result.thread_p50_ms}/${result.thread_p99_ms} ms, posts ${result.post_p50_ms}/${result.post_p99_ms} ms`);
    say(`answers: ${JSON.stringify(counts)}`);
    say(`CPU over the run: web server ${result.web_cpu_cores} cores, PostgreSQL ${result.pg_cpu_cores} cores; load average ${result.load_average.join(", ")} (${os.cpus().length} cores here)`);
    say(`memory: ${result.web_rss_mb_second_fifth} MB (second fifth) → ${result.web_rss_mb_last_fifth} MB (last fifth), max ${result.web_rss_mb_max} MB: ${flat ? "flat" : "GROWING"}`);
    if (errors.length) {
      const kinds = new Map<string, number>();
      for (const e of errors) {
        const kind = e.replace(/http:\/\/[^ ]+/, "").replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, "…");
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
      say(`errors by kind:\n  ${[...kinds].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, n]) => `${n} × ${k}`).join("\n  ")}`);
    }
    if (json) console.log(JSON.stringify(result));
    const ok = errors.length === 0 && flat;
    say(ok ? "PASSED" : "FAILED");
    process.exitCode = ok ? 0 : 1;
  } catch (error) {
    say(`FAILED: ${error instanceof Error ? error.message : error}`);
    console.error(app.output().slice(-5000));
    process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

void main();
