/**
 * Abuse limits over HTTP, on app servers with limits switched on (the shared test server
 * has them off). Two servers on one database show that limits hold across instances; a
 * third, with no trusted proxy in front, shows that a forged X-Forwarded-For does not
 * dodge a per-address limit. Also: one account's share of an instance's reads, and
 * request-size limits on next-auth's endpoint and on server actions.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { inject } from "vitest";
import { startAppServer, type AppServer } from "../../scripts/lib/app-server";
import { db } from "../support/db";
import { Client } from "./support/client";
import { HTTP_DIST_DIR } from "./support/global-server";
import { storeKey } from "@/lib/rate-limit/store";
import { REACTIONS_LOCK, withLockHeld } from "../support/hold-lock";
import { makeWorld, WORLD_PASSWORD, type World } from "./support/world";

const LIMITS = {
  COLLOQUY_RATE_SIGNIN: "1000/1m",
  COLLOQUY_RATE_SIGNIN_ACCOUNT: "3/10s/10m",
  COLLOQUY_RATE_SIGNIN_IP: "6/30s/10m",
  COLLOQUY_RATE_SIGNUP: "3/1h",
  COLLOQUY_RATE_JOIN: "3/10m",
  COLLOQUY_RATE_COMMENT: "5/1m",
  COLLOQUY_RATE_SEARCH: "3/1m",
  COLLOQUY_RATE_READS: "4",
};
let a: AppServer;
let b: AppServer;
let direct: AppServer;
let w: World;

beforeAll(async () => {
  const databaseUrl = inject("databaseUrl");
  const behindProxy = { ...LIMITS, COLLOQUY_TRUSTED_PROXIES: "1" };
  [a, b, direct] = await Promise.all([
    startAppServer({ databaseUrl, distDir: HTTP_DIST_DIR, env: behindProxy, log: () => {} }),
    startAppServer({ databaseUrl, distDir: HTTP_DIST_DIR, env: behindProxy, log: () => {} }),
    startAppServer({ databaseUrl, distDir: HTTP_DIST_DIR, env: { ...LIMITS, COLLOQUY_TRUSTED_PROXIES: "0" }, log: () => {} }),
  ]);
  w = await makeWorld();
}, 300_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop(), direct?.stop()]);
});

let nextAddress = 1;
/** A client that, through the trusted proxy, comes from its own address. */
const from = (server: AppServer) => {
  const address = `198.51.100.${nextAddress++}`;
  return { client: new Client(server.baseUrl), headers: { "X-Forwarded-For": address } };
};

const refusal = (answer: { status: number; headers: Headers; json: unknown }) => ({
  status: answer.status,
  retryAfter: Number(answer.headers.get("retry-after")),
  message: (answer.json as { error?: { message?: string } }).error?.message ?? "",
});

/** "The wait passes": the lock's expiry moved to now, instead of sleeping through it. */
async function endWait(limit: string, key: string) {
  await db.$executeRawUnsafe(`UPDATE rate_limits SET expire = 0 WHERE key = $1`, `${limit}:lock:${storeKey(key)}`);
}

describe("sign-in: backoff per account, across instances", () => {
  test("after 3 wrong passwords (on two servers) the account waits; each further failure doubles the wait; the right password after the wait resets it", async () => {
    const email = w.users.student.email;
    // Each attempt from another address: this is about the account, not the address.
    const attempt = (server: AppServer, password: string) => {
      const one = from(server);
      return one.client.signIn(email, password, one.headers);
    };
    expect((await attempt(a, "wrong-1")).status).toBe(401);
    expect((await attempt(b, "wrong-2")).status).toBe(401);
    expect((await attempt(a, "wrong-3")).status).toBe(401);
    // The third failure started a 10 s wait: every attempt is refused, even the right password.
    const refused = refusal(await attempt(b, WORLD_PASSWORD));
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBeGreaterThanOrEqual(5);
    expect(refused.retryAfter).toBeLessThanOrEqual(10);
    expect(refused.message).toMatch(/^Too many failed sign-ins for this account\. Try again in \d+ seconds\.$/);
    // Another account is not held up by this one.
    const ta = from(a);
    expect((await ta.client.signIn(w.users.ta.email, WORLD_PASSWORD, ta.headers)).status).toBe(200);

    await endWait("signin-account", email);
    expect((await attempt(a, "wrong-4")).status).toBe(401);
    const longer = refusal(await attempt(b, WORLD_PASSWORD));
    expect(longer.status).toBe(429);
    expect(longer.retryAfter).toBeGreaterThan(10);
    expect(longer.retryAfter).toBeLessThanOrEqual(20);

    await endWait("signin-account", email);
    expect((await attempt(b, WORLD_PASSWORD)).status).toBe(200);
    // A success forgets the failures: one more wrong password is an ordinary 401, and does
    // not make the right one wait.
    expect((await attempt(a, "wrong-5")).status).toBe(401);
    expect((await attempt(a, WORLD_PASSWORD)).status).toBe(200);
  });

  test("the form's client (next-auth's signIn) reads the refusal: the sentence comes back as the error", async () => {
    const email = `nobody.${w.marker}@example.edu`;
    const one = from(a);
    for (let i = 0; i < 3; i++) await one.client.signIn(email, "wrong", one.headers);
    const answer = await one.client.signIn(email, "wrong", one.headers);
    expect(answer.status).toBe(429);
    // signIn() takes the `error` parameter of `url` as its error.
    const url = new URL((answer.json as { url: string }).url);
    expect(url.searchParams.get("error")).toMatch(/Too many failed sign-ins for this account\. Try again in/);
  });

  test("per address: many accounts guessed from one address are held up too", async () => {
    const one = from(b);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await one.client.signIn(`victim.${i}.${w.marker}@example.edu`, "guess", one.headers)).status);
    expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(statuses[6]).toBe(429);
    // Another address is not affected.
    const other = from(b);
    expect((await other.client.signIn(`victim.9.${w.marker}@example.edu`, "guess", other.headers)).status).toBe(401);
  });

  test("a client connected directly cannot dodge the per-address limit by forging X-Forwarded-For", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const c = new Client(direct.baseUrl);
      const answer = await c.action({ file: "app/(auth)/signup/actions.ts", name: "signUpAction" }, [{ name: "Forger", email: `forger.${i}.${w.marker}@example.edu`, password: "a-password" }], {});
      void answer;
      statuses.push(answer.result?.ok ? 200 : answer.result?.code === "RATE_LIMITED" ? 429 : answer.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});

describe("sign-up, join codes, comments, search", () => {
  test("sign-up: 3 an hour per address, then a refusal with the wait", async () => {
    const one = from(a);
    const results = [];
    for (let i = 0; i < 4; i++) {
      const answer = await one.client.request("POST", "/signup", {
        headers: { ...one.headers, "Next-Action": actionId("app/(auth)/signup/actions.ts", "signUpAction"), "Content-Type": "text/plain;charset=UTF-8" },
        body: JSON.stringify([{ name: "Many Accounts", email: `many.${i}.${w.marker}@example.edu`, password: "a-password" }]),
      });
      results.push(parse(answer.text));
    }
    expect(results.slice(0, 3).every((r) => r?.ok)).toBe(true);
    expect(results[3]).toMatchObject({ ok: false, code: "RATE_LIMITED", message: expect.stringMatching(/^Too many new accounts from your network\. Try again in (\d+ minutes?|1 hour)\.$/) });
    expect(results[3]?.retryAfter).toBeGreaterThan(3000);
    expect(await db.user.count({ where: { email: `many.3.${w.marker}@example.edu` } })).toBe(0);
  });

  test("join codes: 3 attempts per 10 minutes, then even the right code waits", async () => {
    const outsider = new Client(a.baseUrl);
    expect((await outsider.signIn(w.users.nonMember.email, WORLD_PASSWORD, from(a).headers)).status).toBe(200);
    const join = (code: string) => outsider.action({ file: "app/actions.ts", name: "joinCourseAction" }, [{ code }]);
    for (const code of ["AAAAAAAA", "BBBBBBBB", "CCCCCCCC"]) expect((await join(code)).result?.code).toBe("NOT_FOUND");
    const refused = await join(w.courseA.joinCode);
    expect(refused.result).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    expect(refused.result?.message).toMatch(/^Too many join-code attempts\. Try again in \d+ minutes?\.$/);
    expect(await db.membership.count({ where: { userId: w.users.nonMember.id, courseId: w.courseA.id } })).toBe(0);
  });

  test("comments: 5 a minute per person — the 6th is a 429 with Retry-After, on either server, and is not saved", async () => {
    const onA = new Client(a.baseUrl);
    expect((await onA.signIn(w.users.student.email, WORLD_PASSWORD, from(a).headers)).status).toBe(200);
    const onB = new Client(b.baseUrl);
    onB.cookies.set(...onA.sessionCookie()!);
    const post = (c: Client, i: number) => c.request("POST", "/api/comments", { json: { readingId: w.reading.id, blockId: w.block.id, body: `flood ${i} ${w.marker}` } });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(i % 2 ? onB : onA, i)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201]);
    const sixth = await post(onB, 5);
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get("retry-after"))).toBeGreaterThan(30);
    expect((sixth.json as { error: { message: string } }).error.message).toMatch(/^You are posting faster than Colloquy allows\. Try again in (1 minute|\d+ seconds)\.$/);
    expect(await db.comment.count({ where: { body: { startsWith: "flood " }, readingId: w.reading.id } })).toBe(5);
  });

  test("search: 3 a minute per person, on either server — the 4th shows the wait and searches nothing; an empty search is not counted", async () => {
    const onA = new Client(a.baseUrl);
    expect((await onA.signIn(w.users.ta.email, WORLD_PASSWORD, from(a).headers)).status).toBe(200);
    const onB = new Client(b.baseUrl);
    onB.cookies.set(...onA.sessionCookie()!);
    const search = (c: Client, q: string) => c.request("GET", `/courses/${w.courseA.slug}/search?q=${encodeURIComponent(q)}`);
    expect((await search(onA, "")).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      const page = await search(i % 2 ? onB : onA, w.marker);
      expect(page.status).toBe(200);
      expect(page.text).toContain("In the readings");
    }
    const fourth = await search(onB, w.marker);
    expect(fourth.status).toBe(200);
    expect(fourth.text).toMatch(/You are searching faster than Colloquy allows\. Try again in (1 minute|\d+ seconds)\./);
    expect(fourth.text).not.toContain("In the readings");
    // The form is still there, with what was typed.
    expect(fourth.text).toContain(`value="${w.marker}"`);
  });
});

describe("reads: one account's share of an instance", () => {
  test("with 4 reads in flight (the cap here), the account's next reads are refused at once — 429, Retry-After, a sentence; a page too — while another account's read is answered; the share then comes back", async () => {
    const flooder = from(a);
    const other = from(a);
    expect((await flooder.client.signIn(w.users.student.email, WORLD_PASSWORD, flooder.headers)).status).toBe(200);
    expect((await other.client.signIn(w.users.ta.email, WORLD_PASSWORD, other.headers)).status).toBe(200);
    const thread = (who: typeof flooder) => who.client.request("GET", `/api/comments?blockId=${w.block.id}`, { headers: who.headers });
    expect((await thread(flooder)).status).toBe(200);

    // Reads held up the way a busy database holds them (tests/support/hold-lock.ts).
    const held: Promise<Awaited<ReturnType<typeof thread>>>[] = [];
    try {
      await withLockHeld(inject("databaseUrl"), REACTIONS_LOCK, async ({ waiting, release }) => {
        for (let i = 0; i < 4; i++) held.push(thread(flooder));
        await expect.poll(waiting, { timeout: 20_000 }).toBe(4);

        const t0 = Date.now();
        const refused = await Promise.all(Array.from({ length: 6 }, () => thread(flooder)));
        for (const answer of refused) {
          expect(refusal(answer)).toEqual({ status: 429, retryAfter: 2, message: "You have too many pages loading at once. Try again in 2 seconds." });
        }
        const page = await flooder.client.request("GET", `/courses/${w.courseA.slug}/readings/${w.reading.slug}`, { headers: flooder.headers });
        expect(page.status).toBe(429);
        expect(Number(page.headers.get("retry-after"))).toBe(2);
        // Refused by proxy.ts before Next.js renders: a small page with the sentence.
        expect(page.headers.get("content-type")).toMatch(/text\/html/);
        expect(page.text).toContain("<h1>Too many pages loading at once</h1>");
        expect(page.text.length).toBeLessThan(2_000);
        // Refused without waiting for anything.
        expect(Date.now() - t0).toBeLessThan(5_000);

        // Another account's read takes a turn of its own and waits with the held ones.
        const others = thread(other);
        await expect.poll(waiting, { timeout: 20_000 }).toBe(5);
        await release();
        expect((await others).status).toBe(200);
        for (const answer of await Promise.all(held)) expect(answer.status).toBe(200);
      });
    } finally {
      await Promise.allSettled(held);
    }
    // The share came back with the answers: as many reads at once as the cap, all answered.
    const again = await Promise.all(Array.from({ length: 4 }, () => thread(flooder)));
    expect(again.map((x) => x.status)).toEqual([200, 200, 200, 200]);
  });

  test("a read whose client goes away while it waits in line leaves it, and gives its share back at once", async () => {
    const sessions = [from(a), from(a), from(a)];
    for (const [i, who] of sessions.entries()) {
      const email = [w.users.student.email, w.users.ta.email, w.users.instructor.email][i]!;
      expect((await who.client.signIn(email, WORLD_PASSWORD, who.headers)).status).toBe(200);
    }
    const [first, second, leaver] = sessions as [typeof sessions[0], typeof sessions[0], typeof sessions[0]];
    const path = `/api/comments?blockId=${w.block.id}`;
    const thread = (who: typeof first) => who.client.request("GET", path, { headers: who.headers });
    const cookie = [...leaver.client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const held: Promise<Awaited<ReturnType<typeof thread>>>[] = [];
    try {
      await withLockHeld(inject("databaseUrl"), REACTIONS_LOCK, async ({ waiting, release }) => {
        // Every read turn of the instance (6) taken by two other sessions' held reads.
        for (let i = 0; i < 3; i++) held.push(thread(first), thread(second));
        await expect.poll(waiting, { timeout: 20_000 }).toBe(6);
        // The leaver's reads wait in line for a turn (its whole share), then their client hangs up.
        const gone = new AbortController();
        const abandoned = Array.from({ length: 4 }, () =>
          fetch(new URL(path, a.baseUrl), { headers: { Cookie: cookie, ...leaver.headers }, signal: gone.signal }).then(
            (r) => r.status,
            () => "aborted",
          ),
        );
        await new Promise((r) => setTimeout(r, 500));
        gone.abort();
        expect(await Promise.all(abandoned)).toEqual(["aborted", "aborted", "aborted", "aborted"]);
        // Its share is back: four new reads wait in line instead of being refused.
        const fresh = Array.from({ length: 4 }, () => thread(leaver));
        await new Promise((r) => setTimeout(r, 500));
        await release();
        expect((await Promise.all(fresh)).map((x) => x.status)).toEqual([200, 200, 200, 200]);
        for (const answer of await Promise.all(held)) expect(answer.status).toBe(200);
      });
    } finally {
      await Promise.allSettled(held);
    }
  });
});

describe("request-size limits", () => {
  const rss = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

  /** A body of `mb` megabytes, streamed in 64 KB chunks with no Content-Length. */
  function stream(mb: number): ReadableStream<Uint8Array> {
    const chunk = new Uint8Array(64 * 1024).fill(120);
    let left = (mb * 1024 * 1024) / chunk.length;
    return new ReadableStream({
      pull(controller) {
        if (left-- > 0) controller.enqueue(chunk);
        else controller.close();
      },
    });
  }

  test("20 sign-ins at once with 200 MB passwords: each refused with a 413 after 16 KB; the server's memory stays flat", async () => {
    const pid = a.pid!;
    const before = rss(pid);
    const t0 = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const response = await fetch(`${a.baseUrl}/api/auth/callback/credentials`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: stream(200),
          duplex: "half",
        } as RequestInit).catch(() => null);
        // The server may close the connection before the client finishes sending: that is a refusal too.
        return response ? { status: response.status, text: await response.text() } : { status: 413, text: "connection closed" };
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const after = rss(pid);
    console.log(`[size] 20 × 200 MB sign-in bodies refused in ${seconds.toFixed(1)} s; server memory ${before.toFixed(0)} → ${after.toFixed(0)} MB`);
    expect(answers.map((x) => x.status)).toEqual(Array(20).fill(413));
    expect(after - before).toBeLessThan(150);
    // Still answering.
    expect((await fetch(`${a.baseUrl}/api/health`)).status).toBe(200);
  });

  test("a declared 200 MB body is refused before it is read", async () => {
    const answer = await new Client(a.baseUrl).request("POST", "/api/auth/callback/credentials", {
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(200 * 1024 * 1024) },
      body: "email=x",
    }).catch(() => null);
    // Node may also reject the lying Content-Length itself; either way no 5xx and no waiting.
    if (answer) expect(answer.status).toBeLessThan(500);
  });

  test("a server action over 2 MB is a 413 with a sentence, not a 500; one without a length is a 411", async () => {
    const c = new Client(a.baseUrl);
    const big = await c.request("POST", "/", {
      headers: { "Next-Action": actionId("app/actions.ts", "createCourseAction"), "Content-Type": "text/plain;charset=UTF-8" },
      body: JSON.stringify([{ title: "x".repeat(3 * 1024 * 1024) }]),
    });
    expect(big.status).toBe(413);
    expect(big.text).toContain("over the 2 MB limit");
    const chunked = await fetch(`${a.baseUrl}/`, {
      method: "POST",
      headers: { "Next-Action": actionId("app/actions.ts", "createCourseAction"), "Content-Type": "text/plain;charset=UTF-8" },
      body: stream(3),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(411);
  });
});

function actionId(file: string, name: string): string {
  const manifest = JSON.parse(readFileSync(`${HTTP_DIST_DIR}/server/server-reference-manifest.json`, "utf8")) as { node: Record<string, { filename: string; exportedName: string }> };
  return Object.entries(manifest.node).find(([, e]) => e.filename === file && e.exportedName === name)![0];
}

function parse(text: string) {
  const line = text.split("\n").find((l) => l.startsWith("1:"));
  return line ? (JSON.parse(line.slice(2)) as { ok: boolean; code?: string; message?: string; retryAfter?: number }) : null;
}
