/**
 * `npm run crash-test`: nothing a user was told is saved may be lost.
 *
 * A real `npm start` (throwaway data folder, the browser tests' production build in
 * .next-e2e) under 200 writers, each posting comments on the demo readings and retrying
 * every post with its idempotency key until it is acknowledged (201). Mid-load the web
 * server is killed with SIGKILL, then PostgreSQL is; the supervisor brings each back. At
 * the end every acknowledged comment must be in the database exactly once, with the id
 * the writer was given. Prints the figures; exits 1 on any loss, duplicate or 500.
 *
 *   npm run crash-test                   (about 2–3 minutes on 2 cores)
 *   npm run crash-test -- --writers 50 --phase-seconds 5 --json
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { findFreePort } from "./lib/embedded-postgres";
import { launchColloquy, type Launched } from "./lib/launch";
import { loadTargets, makeStudents, pick, sleep, type Student, type Targets } from "./lib/load";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const WRITERS = arg("writers", 200);
const PHASE_MS = arg("phase-seconds", 10) * 1000;
const json = process.argv.includes("--json");
const say = (line: string) => console.log(`[crash-test ${new Date().toISOString().slice(11, 19)}] ${line}`);

interface Ack {
  key: string;
  id: string;
  authorId: string;
}

const stats = { attempts: 0, acked: 0, status: new Map<string, number>(), worst500: "" };
const count = (what: string) => stats.status.set(what, (stats.status.get(what) ?? 0) + 1);

/** One writer: post, retry the same post (same key) until it is acknowledged, pause, repeat. */
async function writer(app: Launched, student: Student, targets: Targets, acks: Ack[], until: () => boolean) {
  while (!until()) {
    const reading = pick(targets.readings);
    const key = randomUUID();
    const body = JSON.stringify({ readingId: reading.id, blockId: pick(reading.blocks), body: `crash-test ${key}`, idempotencyKey: key });
    for (let attempt = 0; ; attempt++) {
      stats.attempts += 1;
      let status = "network error";
      try {
        const r = await fetch(`${app.baseUrl}/api/comments`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Cookie: student.cookie },
          body,
          signal: AbortSignal.timeout(20_000),
        });
        status = String(r.status);
        const text = await r.text();
        if (r.status === 201) {
          const { comment } = JSON.parse(text) as { comment: { id: string } };
          acks.push({ key, id: comment.id, authorId: student.id });
          stats.acked += 1;
          count("201");
          break;
        }
        if (r.status === 500) stats.worst500 ||= text.slice(0, 300);
        if (r.status >= 400 && r.status < 500 && r.status !== 429) throw new Error(`a post was refused with ${r.status}: ${text.slice(0, 300)}`);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith("a post was refused")) throw error;
        if (error instanceof Error && error.name === "TimeoutError") status = "timeout";
      }
      count(status);
      // Back off a little more each time, with jitter, like a browser client would.
      await sleep(Math.min(2_000, 100 * 2 ** Math.min(attempt, 4)) * (0.5 + Math.random()));
    }
    await sleep(1_000 + Math.random() * 2_000);
  }
}

async function waitHealthy(app: Launched, timeoutMs: number): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    const up = await fetch(`${app.baseUrl}/api/health`, { signal: AbortSignal.timeout(3_000) }).then(
      async (r) => ((await r.json()) as { database?: string }).database === "up",
      () => false,
    );
    if (up) return Date.now() - t0;
    await sleep(50);
  }
  throw new Error(`not healthy again within ${timeoutMs / 1000} s`);
}

async function main() {
  const started = Date.now();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "colloquy-crash-"));
  chmodSync(dataDir, 0o755);
  const app = launchColloquy({
    dataDir,
    port: await findFreePort(),
    env: { COLLOQUY_DIST_DIR: ".next-e2e", COLLOQUY_RATE_LIMITS: "off" },
    echo: process.env.CRASH_TEST_VERBOSE ? "  │ " : undefined,
  });
  const cleanup = async () => {
    await app.kill();
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once("SIGINT", () => void cleanup().then(() => process.exit(130)));
  try {
    say(`starting npm start on a throwaway data folder (builds into .next-e2e if needed)…`);
    await app.waitFor(/Colloquy is running at/, 600_000);
    say(`signing in ${WRITERS} writers…`);
    const students = await makeStudents({ databaseUrl: app.databaseUrl(), baseUrl: app.baseUrl, count: WRITERS, label: "crash" });
    const targets = await loadTargets(app.databaseUrl());

    const acks: Ack[] = [];
    let stop = false;
    const writers = students.map((s) => writer(app, s, targets, acks, () => stop));
    const failed = Promise.all(writers).then(() => null, (e: unknown) => e);

    say(`${WRITERS} writers posting; ${PHASE_MS / 1000} s of load before each kill`);
    await sleep(PHASE_MS);
    const webPid = app.webPid();
    if (!webPid) throw new Error("no web server process found");
    say(`SIGKILL the web server (pid ${webPid}) with ${stats.acked} comments acknowledged so far`);
    let t = Date.now();
    process.kill(webPid, "SIGKILL");
    await sleep(200);
    await waitHealthy(app, 120_000);
    const webRestart = (Date.now() - t) / 1000;
    say(`web server back and healthy ${webRestart.toFixed(1)} s after the kill`);

    await sleep(PHASE_MS);
    const pgPid = app.postgresPid();
    if (!pgPid) throw new Error("no PostgreSQL process found");
    say(`SIGKILL PostgreSQL (pid ${pgPid}) with ${stats.acked} comments acknowledged so far`);
    t = Date.now();
    process.kill(pgPid, "SIGKILL");
    await sleep(200);
    await waitHealthy(app, 120_000);
    const pgRestart = (Date.now() - t) / 1000;
    say(`database back and healthy ${pgRestart.toFixed(1)} s after the kill`);

    await sleep(PHASE_MS);
    say("stopping the writers (each finishes the post it is on)…");
    stop = true;
    // The deadline's timer is cleared once the writers are done (left running, it kept the
    // script alive two minutes after it had passed).
    let deadline: NodeJS.Timeout | undefined;
    const writerError = await Promise.race([failed, new Promise<Error>((r) => (deadline = setTimeout(() => r(new Error("writers did not finish within 120 s")), 120_000)))]);
    clearTimeout(deadline);
    if (writerError) throw writerError;

    say(`checking ${acks.length} acknowledged comments in the database…`);
    const client = new pg.Client({ connectionString: app.databaseUrl() });
    await client.connect();
    const rows = (
      await client.query<{ id: string; key: string; authorId: string; body: string }>(
        `SELECT id, "idempotencyKey"::text AS key, "authorId", body FROM "Comment" WHERE body LIKE 'crash-test %'`,
      )
    ).rows;
    await client.end();
    const byKey = new Map<string, typeof rows>();
    for (const r of rows) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
    const bodies = new Map<string, number>();
    for (const r of rows) bodies.set(r.body, (bodies.get(r.body) ?? 0) + 1);
    let lost = 0;
    let wrongId = 0;
    for (const ack of acks) {
      const found = byKey.get(ack.key) ?? [];
      if (found.length === 0) lost += 1;
      else if (found.length > 1 || found[0]!.id !== ack.id || found[0]!.authorId !== ack.authorId) wrongId += 1;
    }
    const duplicates = [...bodies.values()].filter((n) => n > 1).length;
    const unacknowledged = rows.length - acks.length;
    const fiveHundreds = stats.status.get("500") ?? 0;

    const result = {
      writers: WRITERS,
      acknowledged: acks.length,
      found_exactly_once: acks.length - lost - wrongId,
      lost,
      wrong_or_duplicated: wrongId,
      duplicate_bodies: duplicates,
      saved_but_never_acknowledged: unacknowledged,
      post_attempts: stats.attempts,
      responses: Object.fromEntries([...stats.status].sort()),
      web_restart_s: Number(webRestart.toFixed(1)),
      postgres_restart_s: Number(pgRestart.toFixed(1)),
      total_s: Number(((Date.now() - started) / 1000).toFixed(0)),
    };
    say(`acknowledged ${result.acknowledged}, found exactly once ${result.found_exactly_once}, lost ${lost}, wrong/duplicated ${wrongId}, duplicate bodies ${duplicates}`);
    say(`responses while posting: ${JSON.stringify(result.responses)} (${stats.attempts} attempts)`);
    say(`restarts: web server ${result.web_restart_s} s, PostgreSQL ${result.postgres_restart_s} s (kill → /api/health up)`);
    const ok = lost === 0 && wrongId === 0 && duplicates === 0 && unacknowledged === 0 && fiveHundreds === 0 && acks.length > 0;
    if (fiveHundreds) say(`${fiveHundreds} answers were 500 (should be 503 while the database is away); first: ${stats.worst500}`);
    if (json) console.log(JSON.stringify(result));
    say(ok ? `PASSED in ${result.total_s} s` : "FAILED");
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
