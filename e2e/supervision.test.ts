/**
 * `npm start` as a supervisor, tried for real: a real `npm start` on a throwaway data
 * folder (the browser tests' production build), its web server and PostgreSQL killed with
 * SIGKILL, and the npm process alone sent SIGTERM as a process manager does.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { findFreePort } from "../scripts/lib/embedded-postgres";
import { launchColloquy, signIn, type Launched } from "../scripts/lib/launch";

let app: Launched;
let dataDir: string;
let cookie: string;
let target: { readingId: string; blockId: string };

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: app.databaseUrl() });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const post = (body: string, idempotencyKey = randomUUID()) =>
  fetch(`${app.baseUrl}/api/comments`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Cookie: cookie },
    body: JSON.stringify({ ...target, body, idempotencyKey }),
    signal: AbortSignal.timeout(30_000),
  });

async function healthUp(timeoutMs: number): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    const r = await fetch(`${app.baseUrl}/api/health`, { signal: AbortSignal.timeout(4_000) }).then((x) => x.json() as Promise<{ database?: string }>, () => null);
    if (r?.database === "up") return Date.now() - t0;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`/api/health did not report the database up within ${timeoutMs / 1000} s:\n${app.output().slice(-3000)}`);
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "colloquy-supervision-"));
  chmodSync(dataDir, 0o755);
  app = launchColloquy({ dataDir, port: await findFreePort(), env: { COLLOQUY_DIST_DIR: ".next-e2e", COLLOQUY_DRAIN_SECONDS: "20" } });
  await app.waitFor(/Colloquy is running at/, 240_000);
  cookie = await signIn(app.baseUrl, "student1@demo.colloquy", "demo-password");
  const [row] = await query<{ readingId: string; blockId: string }>(
    `SELECT b."readingId", b.id AS "blockId" FROM "Block" b JOIN "Reading" r ON r.id = b."readingId" WHERE b.kind = 'PARAGRAPH' ORDER BY r.position, b.position LIMIT 1`,
  );
  target = row!;
}, 300_000);

afterAll(async () => {
  await app?.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start keeps Colloquy up", () => {
  test("the web server killed with SIGKILL is restarted, with a log line saying so", async () => {
    const before = app.webPid();
    expect(before).not.toBeNull();
    const from = app.output().length;
    process.kill(before!, "SIGKILL");
    await app.waitFor(/the web server stopped unexpectedly \(killed by SIGKILL/, 10_000, from);
    await app.waitFor(/the web server is back/, 60_000, from);
    await healthUp(30_000);
    expect(app.webPid()).not.toBe(before);
    expect((await post("After the web server came back.")).status).toBe(201);
  });

  test("PostgreSQL killed with SIGKILL: posts get a 503 with a message meanwhile, then the app reconnects by itself", async () => {
    const postgres = app.postgresPid();
    expect(postgres).not.toBeNull();
    const from = app.output().length;
    process.kill(postgres!, "SIGKILL");
    const during = await post("While the database is down.");
    expect(during.status).toBe(503);
    const answer = (await during.json()) as { error: { message: string } };
    expect(answer.error.message).toMatch(/cannot reach its database/);
    expect(during.headers.get("retry-after")).toBeTruthy();
    await app.waitFor(/PostgreSQL stopped unexpectedly \(killed by SIGKILL/, 10_000, from);
    await app.waitFor(/PostgreSQL is back/, 60_000, from);
    await healthUp(30_000);
    // The same web server, its pool reconnected: no restart of the app was needed.
    expect(app.output().slice(from)).not.toMatch(/the web server stopped unexpectedly/);
    const after = await post("After the database came back.");
    expect(after.status).toBe(201);
  });

  test("SIGTERM to the npm process only: the request in flight finishes, then everything stops and nothing is left serving", async () => {
    const supervisor = app.supervisorPid();
    const web = app.webPid();
    const postgres = app.postgresPid();
    expect([supervisor, web, postgres].every((p) => p !== null)).toBe(true);

    // Hold the paragraph's row so the next post waits inside its transaction (its insert
    // checks the foreign key, under a 10 s lock timeout): a request in flight. Holding the
    // reading would not do — a post gives up on that after 1 s with "an edit is being published".
    const locker = new pg.Client({ connectionString: app.databaseUrl() });
    await locker.connect();
    await locker.query("BEGIN");
    await locker.query(`SELECT id FROM "Block" WHERE id = $1 FOR UPDATE`, [target.blockId]);
    const key = randomUUID();
    const inFlight = post("Posted just before the stop.", key);
    await new Promise((r) => setTimeout(r, 500));

    const from = app.output().length;
    process.kill(app.child.pid!, "SIGTERM");
    await app.waitFor(/shutting down/, 10_000, from);
    // New connections are refused while the old request is still being served.
    await new Promise((r) => setTimeout(r, 500));
    const refused = await fetch(`${app.baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) }).then(() => false, () => true);
    expect(refused).toBe(true);
    await locker.query("COMMIT");
    await locker.end();

    const response = await inFlight;
    expect(response.status).toBe(201);
    const { comment } = (await response.json()) as { comment: { id: string } };
    await app.waitFor(/stopped\.\n/, 30_000, from);

    const alive = (pid: number | null) => {
      try {
        process.kill(pid!, 0);
        return true;
      } catch {
        return false;
      }
    };
    await new Promise((r) => setTimeout(r, 500));
    expect({ supervisor: alive(supervisor), web: alive(web), postgres: alive(postgres) }).toEqual({ supervisor: false, web: false, postgres: false });
    const serving = await fetch(`${app.baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) }).then(() => true, () => false);
    expect(serving).toBe(false);

    // The comment acknowledged during the drain is in the database (started again to look).
    const check = launchColloquy({ dataDir, port: await findFreePort(), viaNpm: false, env: { COLLOQUY_DIST_DIR: ".next-e2e" } });
    try {
      await check.waitFor(/Colloquy is running at/, 120_000);
      app = check;
      const rows = await query<{ id: string }>(`SELECT id FROM "Comment" WHERE "idempotencyKey" = $1`, [key]);
      expect(rows.map((r) => r.id)).toEqual([comment.id]);
    } finally {
      await check.kill();
    }
  }, 240_000);
});
