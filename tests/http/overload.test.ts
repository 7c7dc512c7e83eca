/**
 * Past capacity, a post is answered at once with a 503 a person can act on, instead of
 * waiting in a queue until it times out (lib/net/admission.ts) — on an app server allowed
 * one post in flight, waiting at most 300 ms for a turn. The post in flight is held up the
 * way a busy database would hold it: another connection holds the reading's live-event lock
 * (lib/live/publish.ts), so the post waits inside its transaction. The refused post writes
 * nothing; acknowledged posts are all there, once; the retry (same idempotency key) posts it.
 *
 * Reads (a paragraph's threads, a reading page) have their own gate, two in flight here,
 * waiting at most 1.5 s for a turn: with both turns held by reads that wait for the database
 * (another connection holds the reactions table, which a thread open reads and a post does
 * not), posts still go through, and the reads past the wait get a 503 with a message.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { randomUUID } from "node:crypto";
import http from "node:http";
import pg from "pg";
import { inject } from "vitest";
import { startAppServer, type AppServer } from "../../scripts/lib/app-server";
import { db } from "../support/db";
import { Client } from "./support/client";
import { HTTP_DIST_DIR } from "./support/global-server";
import { makeWorld, WORLD_PASSWORD, type World } from "./support/world";
import { readingTopic } from "@/lib/live/topics";
import { BUSY_MESSAGE, READS_BUSY_MESSAGE } from "@/lib/net/admission";

let app: AppServer;
let w: World;
let student: Client;

beforeAll(async () => {
  app = await startAppServer({ databaseUrl: inject("databaseUrl"), distDir: HTTP_DIST_DIR, env: { COLLOQUY_POSTS_IN_FLIGHT: "1", COLLOQUY_POSTS_WAIT_MS: "300", COLLOQUY_READS_IN_FLIGHT: "2", COLLOQUY_READS_WAIT_MS: "1500", COLLOQUY_RATE_LIMITS: "off" }, log: () => {} });
  w = await makeWorld();
  student = new Client(app.baseUrl);
  expect((await student.signIn(w.users.student.email, WORLD_PASSWORD)).status).toBe(200);
}, 300_000);
afterAll(async () => {
  await app?.stop();
});

const post = (body: string, idempotencyKey = randomUUID()) =>
  student.request("POST", "/api/comments", { json: { readingId: w.reading.id, blockId: w.block.id, body, idempotencyKey } });

describe("posting past capacity", () => {
  test("a post that finds every turn taken gets a quick 503 with Retry-After and a message; it writes nothing, and its retry posts it once", async () => {
    const holder = new pg.Client({ connectionString: inject("databaseUrl") });
    await holder.connect();
    let slow: Promise<Awaited<ReturnType<typeof post>>> | null = null;
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [readingTopic(w.reading.id)]);
      slow = post(`in flight ${w.marker}`);
      // The slow post has its turn and waits for the lock inside its transaction.
      for (let i = 0; i < 100; i++) {
        const { rows } = await holder.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
        if (rows[0]!.n > 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const key = randomUUID();
      const t0 = Date.now();
      const refused = await post(`refused ${w.marker}`, key);
      const took = Date.now() - t0;
      expect(refused.status).toBe(503);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(refused.json).toEqual({ error: { code: "UNAVAILABLE", message: BUSY_MESSAGE } });
      expect(BUSY_MESSAGE).toMatch(/busy.*not posted.*still in the box.*try again/i);
      // Answered after its wait for a turn (300 ms), not after a timeout.
      expect(took).toBeLessThan(3_000);
      expect(await db.comment.count({ where: { body: `refused ${w.marker}` } })).toBe(0);

      await holder.query("COMMIT");
      expect((await slow).status).toBe(201);
      slow = null;
      const retried = await post(`refused ${w.marker}`, key);
      expect(retried.status).toBe(201);
      expect(await db.comment.count({ where: { body: `refused ${w.marker}` } })).toBe(1);
      expect(await db.comment.count({ where: { body: `in flight ${w.marker}` } })).toBe(1);
    } finally {
      await holder.query("ROLLBACK").catch(() => {});
      await holder.end();
      await slow;
    }
  });

  test("a client trickling its post's body holds no turn: the next post goes straight in", async () => {
    const cookie = [...student.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const url = new URL("/api/comments", app.baseUrl);
    const trickle = http.request(url, { method: "POST", headers: { Cookie: cookie, "Content-Type": "application/json", "Content-Length": "5000", Origin: app.baseUrl } });
    trickle.on("error", () => {});
    trickle.write(`{"readingId":"${w.reading.id}","body":"`);
    try {
      await new Promise((r) => setTimeout(r, 500));
      const t0 = Date.now();
      const next = await post(`past a trickle ${w.marker}`);
      expect(next.status).toBe(201);
      expect(Date.now() - t0).toBeLessThan(3_000);
    } finally {
      trickle.destroy();
    }
  });

  test("once the post in flight is done, the next post goes straight in", async () => {
    expect((await post(`after ${w.marker}`)).status).toBe(201);
  });
});

describe("reading past capacity", () => {
  const thread = () => student.request("GET", `/api/comments?blockId=${w.block.id}`);
  const page = () => student.request("GET", `/courses/${w.courseA.slug}/readings/${w.reading.slug}`);

  test("while reads hold every read turn, posts are answered 201; reads that get no turn within the wait get a 503 with Retry-After and a message; the held reads then answer 200", async () => {
    expect((await post(`a thread to open ${w.marker}`)).status).toBe(201);
    expect((await thread()).status).toBe(200);
    const holder = new pg.Client({ connectionString: inject("databaseUrl") });
    await holder.connect();
    const held: Promise<Awaited<ReturnType<typeof thread>>>[] = [];
    let settled = 0;
    try {
      await holder.query("BEGIN");
      await holder.query(`LOCK TABLE "Reaction" IN ACCESS EXCLUSIVE MODE`);
      for (let i = 0; i < 2; i++) held.push(thread().finally(() => (settled += 1)));
      // Both reads have their turn and wait for the table.
      await expect
        .poll(async () => (await holder.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'relation' AND NOT granted`)).rows[0]!.n, { timeout: 20_000 })
        .toBe(2);

      // Readers arriving now queue for a turn; meanwhile posts go straight through.
      const queued = [thread(), thread(), thread(), page()];
      for (let i = 0; i < 3; i++) {
        const posted = await post(`under a read flood ${i} ${w.marker}`);
        expect(posted.status).toBe(201);
      }
      expect(settled).toBe(0);

      const refused = await Promise.all(queued);
      for (const answer of refused.slice(0, 3)) {
        expect(answer.status).toBe(503);
        expect(Number(answer.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
        expect(answer.json).toEqual({ error: { code: "UNAVAILABLE", message: READS_BUSY_MESSAGE } });
      }
      expect(READS_BUSY_MESSAGE).toMatch(/busy.*try again/i);
      // The page refused a turn: Next's error page, answered 503 (not 500) with Retry-After.
      const refusedPage = refused[3]!;
      expect(refusedPage.status).toBe(503);
      expect(Number(refusedPage.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(refusedPage.headers.get("content-type")).toMatch(/text\/html/);
      expect(settled).toBe(0);

      await holder.query("COMMIT");
      for (const answer of await Promise.all(held)) expect(answer.status).toBe(200);
      for (let i = 0; i < 3; i++) expect(await db.comment.count({ where: { body: `under a read flood ${i} ${w.marker}` } })).toBe(1);
    } finally {
      await holder.query("ROLLBACK").catch(() => {});
      await holder.end();
      await Promise.allSettled(held);
    }
  });

  test("once the turns are given back, reads go straight in: the thread and the reading page answer 200", async () => {
    expect((await thread()).status).toBe(200);
    const answer = await page();
    expect(answer.status).toBe(200);
    expect(answer.text).toContain("<h1");
    // Every turn came back: as many reads at once as the gate allows, and more, all answered.
    const many = await Promise.all(Array.from({ length: 6 }, () => thread()));
    expect(many.map((a) => a.status)).toEqual(Array(6).fill(200));
  });
});
