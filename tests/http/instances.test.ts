/**
 * Past one machine (issue 9, item 4): two app instances — two real `next start` processes
 * on the shared build (.next-e2e), each with its own data folder as two machines would
 * have — on ONE PostgreSQL of their own, with the same session secret (shared config, as
 * a deployment sets NEXTAUTH_SECRET for every replica). What a user would notice if
 * anything were per-process:
 *   (a) a session signed in on A is honoured by B, and signing out on B ends it on A;
 *   (b) a comment posted on A reaches a reader whose live stream is connected to B;
 *   (c) the comment rate limit is one limit across both (posts on A and B count together);
 *   (d) the reply's notification mail is sent exactly once, though both instances run the
 *       job queue.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startAppServer, type AppServer } from "../../scripts/lib/app-server";
import { startTestDatabase } from "../support/test-database";
import { Client } from "./support/client";
import { HTTP_DIST_DIR } from "./support/global-server";

const PASSWORD = "demo-password";
const SECRET = randomBytes(32).toString("base64url");

let database: Awaited<ReturnType<typeof startTestDatabase>>;
let prisma: import("@/lib/db").Db;
let a: AppServer;
let b: AppServer;
const dataDirs: string[] = [];
let reading: { id: string; blockId: string };
const users: Record<string, string> = {};

beforeAll(async () => {
  database = await startTestDatabase("instances");
  const { createClient } = await import("../../lib/db");
  const { seedDemo, DEMO_ACCOUNTS } = await import("../../lib/seed/seed-demo");
  prisma = createClient(database.url);
  await seedDemo(prisma, { withAccounts: true, password: PASSWORD });
  for (const account of DEMO_ACCOUNTS) users[account.email] = (await prisma.user.findUniqueOrThrow({ where: { email: account.email } })).id;
  const block = await prisma.block.findFirstOrThrow({ where: { kind: "PARAGRAPH" }, orderBy: [{ readingId: "asc" }, { position: "asc" }], select: { id: true, readingId: true } });
  reading = { id: block.readingId, blockId: block.id };

  const instance = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "colloquy-instance-"));
    chmodSync(dir, 0o755);
    dataDirs.push(dir);
    return startAppServer({
      databaseUrl: database.url,
      distDir: HTTP_DIST_DIR,
      log: () => {},
      env: {
        NEXTAUTH_SECRET: SECRET,
        COLLOQUY_DATA_DIR: dir,
        SMTP_URL: undefined,
        // Limits on (the shared HTTP test server has them off), the comment limit small.
        COLLOQUY_RATE_LIMITS: undefined,
        COLLOQUY_RATE_COMMENT: "2/1m",
      },
    });
  };
  [a, b] = await Promise.all([instance(), instance()]);
}, 600_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await prisma?.$disconnect();
  await database?.stop();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

async function signedIn(server: AppServer, email: string): Promise<Client> {
  const client = new Client(server.baseUrl, email);
  const answer = await client.signIn(email, PASSWORD);
  expect(answer.status, answer.text).toBe(200);
  expect(client.sessionCookie()).not.toBeNull();
  return client;
}

/** The same browser (its cookies) talking to the other instance, as behind a load balancer. */
function sameBrowserOn(server: AppServer, client: Client): Client {
  const moved = new Client(server.baseUrl, `${client.label} on ${server.baseUrl}`);
  for (const [name, value] of client.cookies) moved.cookies.set(name, value);
  return moved;
}

const post = (client: Client, body: string, parentId?: string) =>
  client.request("POST", "/api/comments", { json: { readingId: reading.id, blockId: reading.blockId, body, ...(parentId ? { parentId } : {}) } });

/** A live stream (Server-Sent Events) read as it arrives. */
async function openStream(client: Client, urlPath: string) {
  const abort = new AbortController();
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const response = await fetch(new URL(urlPath, client.baseUrl), { headers: { Cookie: cookie, Accept: "text/event-stream" }, signal: abort.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  return {
    text: () => text,
    /** Read until `marker` has arrived (or fail after timeoutMs). */
    async until(marker: string, timeoutMs = 15_000) {
      const timer = setTimeout(() => abort.abort(), timeoutMs);
      try {
        while (!text.includes(marker)) {
          const { done, value } = await reader.read();
          if (done) break;
          text += decoder.decode(value, { stream: true });
        }
      } catch {
        // aborted: the assertion below says what was missing
      } finally {
        clearTimeout(timer);
      }
      expect(text, `the stream never carried ${marker}`).toContain(marker);
    },
    close: () => abort.abort(),
  };
}

describe("two app instances on one database", () => {
  test("(a) a session signed in on A is honoured by B; signing out on B ends it on A too", async () => {
    const onA = await signedIn(a, "student1@demo.colloquy");
    const onB = sameBrowserOn(b, onA);
    const session = await onB.request("GET", "/api/auth/session");
    expect((session.json as { user?: { email?: string } }).user?.email).toBe("student1@demo.colloquy");
    // A members-only answer, not just the session endpoint.
    const threads = await onB.request("GET", `/api/comments?blockId=${reading.blockId}`);
    expect(threads.status).toBe(200);

    expect((await onB.signOut()).status).toBe(200);
    // The token A's browser still holds was revoked in the database: A refuses it as well.
    const after = await onA.request("GET", "/api/auth/session");
    expect((after.json as { user?: unknown }).user).toBeUndefined();
    expect((await onA.request("GET", `/api/comments?blockId=${reading.blockId}`)).status).toBe(401);
  });

  test("(b) a comment posted on A reaches a reader connected to B", async () => {
    const reader = await signedIn(b, "student2@demo.colloquy");
    const stream = await openStream(reader, `/api/readings/${reading.id}/events`);
    try {
      await stream.until('"kind":"live.ready"');
      const writer = await signedIn(a, "student1@demo.colloquy");
      const t0 = Date.now();
      const posted = await post(writer, "Posted on instance A, read on instance B.");
      expect(posted.status, posted.text).toBe(201);
      const id = (posted.json as { comment?: { id?: string } }).comment?.id;
      expect(id).toBeTruthy();
      await stream.until(`"commentId":"${id}"`);
      console.log(`[instances] post on A → event on B's stream in ${Date.now() - t0} ms (including the post itself)`);
    } finally {
      stream.close();
    }
  });

  test("(c) the comment rate limit is shared: posts on A and B count against one limit", async () => {
    const onA = await signedIn(a, "student3@demo.colloquy");
    const onB = sameBrowserOn(b, onA);
    // The limit is 2 a minute.
    expect((await post(onA, "First, on A.")).status).toBe(201);
    expect((await post(onB, "Second, on B.")).status).toBe(201);
    for (const client of [onA, onB]) {
      const refused = await post(client, "Third: one too many, wherever it is sent.");
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((refused.json as { error?: { message?: string } }).error?.message).toMatch(/^You are posting faster than Colloquy allows\. Try again in /);
    }
  });

  test("(d) a reply's notification mail is sent once, though both instances run the job queue", async () => {
    const parent = await prisma.comment.findFirstOrThrow({ where: { authorId: users["student1@demo.colloquy"], body: "Posted on instance A, read on instance B." } });
    const replier = await signedIn(b, "student2@demo.colloquy");
    expect((await post(replier, "A reply posted on B.", parent.id)).status).toBe(201);
    const recipient = users["student1@demo.colloquy"]!;
    const jobs = () => prisma.$queryRawUnsafe<{ state: string }[]>(`SELECT state FROM pgboss.job WHERE name = 'mail.send'`);
    const deadline = Date.now() + 60_000;
    while (!(await jobs()).every((j) => j.state === "completed") || (await jobs()).length === 0) {
      if (Date.now() > deadline) throw new Error(`mail job not completed: ${JSON.stringify(await jobs())}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect((await jobs()).map((j) => j.state)).toEqual(["completed"]);
    // Each instance writes mail to its own outbox (no SMTP here): one message in all.
    const sent = dataDirs.map((dir) => {
      try {
        return readdirSync(path.join(dir, "outbox", recipient)).filter((f) => f.endsWith(".eml")).length;
      } catch {
        return 0;
      }
    });
    expect(sent.reduce((x, y) => x + y, 0)).toBe(1);
  });
});
