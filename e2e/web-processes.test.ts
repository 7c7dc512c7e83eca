/**
 * COLLOQUY_WEB_PROCESSES=2, tried for real: `npm start` on a throwaway data folder (the
 * browser tests' production build) with two `next start` processes on one port under a
 * cluster primary (scripts/lib/web-cluster.mjs). Both answer requests; a session made on
 * one is honoured by the other; one killed is replaced while the other keeps serving; and
 * SIGTERM to npm stops them all.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { findFreePort } from "../scripts/lib/embedded-postgres";
import { launchColloquy, signIn, type Launched } from "../scripts/lib/launch";

let app: Launched;
let dataDir: string;

/** CPU ticks a process has used (user + system): which worker did the work. */
const ticks = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return Number(fields[11]) + Number(fields[12]);
};
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "colloquy-web-processes-"));
  chmodSync(dataDir, 0o755);
  app = launchColloquy({ dataDir, port: await findFreePort(), env: { COLLOQUY_DIST_DIR: ".next-e2e", COLLOQUY_WEB_PROCESSES: "2" } });
  await app.waitFor(/Colloquy is running at/, 240_000);
}, 300_000);

afterAll(async () => {
  await app?.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start with two web processes on one port", () => {
  test("both serve, share sessions, and one killed is replaced while the other keeps answering", async () => {
    expect(app.output()).toMatch(/starting the web server \(2 processes on one port\)/);
    const workers = app.webPids();
    expect(workers).toHaveLength(2);

    // Connections are handed out in turn: both processes do work.
    const before = workers.map(ticks);
    const cookie = await signIn(app.baseUrl, "student1@demo.colloquy", "demo-password");
    for (let i = 0; i < 60; i++) {
      const r = await fetch(`${app.baseUrl}/api/notifications/unread`, { headers: { Cookie: cookie, Connection: "close" } });
      expect(r.status).toBe(200);
      await r.arrayBuffer();
    }
    const used = workers.map((pid, i) => ticks(pid) - before[i]!);
    expect(used.every((t) => t > 0), `CPU ticks per worker: ${used.join(", ")}`).toBe(true);

    // One killed: the primary says so and starts another; the site answers meanwhile.
    const [victim, survivor] = workers as [number, number];
    const from = app.output().length;
    process.kill(victim, "SIGKILL");
    await app.waitFor(/a web process \(pid \d+\) ended \(SIGKILL\); starting another/, 10_000, from);
    const health = await fetch(`${app.baseUrl}/api/health`);
    expect(health.status).toBe(200);
    await expect.poll(() => app.webPids().filter((pid) => pid !== victim).length, { timeout: 60_000 }).toBe(2);
    expect(alive(survivor)).toBe(true);

    // A post works through whichever process takes it, with the session from before.
    const client = new pg.Client({ connectionString: app.databaseUrl() });
    await client.connect();
    const target = (await client.query<{ readingId: string; blockId: string }>(`SELECT b."readingId", b.id AS "blockId" FROM "Block" b WHERE b.kind = 'PARAGRAPH' LIMIT 1`)).rows[0]!;
    const posted = await fetch(`${app.baseUrl}/api/comments`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: cookie },
      body: JSON.stringify({ ...target, body: "Posted while two processes share the port.", idempotencyKey: randomUUID() }),
    });
    expect(posted.status).toBe(201);
    expect((await client.query(`SELECT 1 FROM "Comment" WHERE body = $1`, ["Posted while two processes share the port."])).rowCount).toBe(1);
    await client.end();
  }, 180_000);

  test("SIGTERM to npm stops every web process and PostgreSQL", async () => {
    const web = app.webPids();
    const postgres = app.postgresPid();
    expect(web.length).toBe(2);
    process.kill(app.child.pid!, "SIGTERM");
    await app.exited;
    await expect.poll(() => [...web, postgres!].filter(alive), { timeout: 30_000 }).toEqual([]);
  }, 60_000);
});
