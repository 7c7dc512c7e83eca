/**
 * Live streams (Server-Sent Events) under abuse, over HTTP against the built app: one user
 * opening hundreds of streams gets at most MAX_STREAMS_PER_USER (lib/live/sse.ts), the rest
 * a 429 that says why; and every stream the browser hangs up on gives its slot back — also
 * one hung up on before it was under way (a reload, a closed tab, a script), which once kept
 * its slot for half an hour, so a dozen quick reloads cut a user off from live updates.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { randomUUID } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { db } from "../support/db";
import { Client } from "./support/client";
import { baseUrl } from "./support/world";

const PASSWORD = "live-streams-password-1";
/** lib/live/sse.ts MAX_STREAMS_PER_USER */
const CAP = 12;

let cookie = "";

beforeAll(async () => {
  const user = await db.user.create({
    data: { name: "Stream Tester", email: `streams.${randomUUID().slice(0, 8)}@http.colloquy`, passwordHash: await hashPassword(PASSWORD) },
    select: { email: true },
  });
  const client = new Client(baseUrl);
  expect((await client.signIn(user.email, PASSWORD)).status).toBe(200);
  cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
}, 60_000);

interface Stream {
  status: number;
  text: string;
  hangUp(): void;
}

/** Open the bell's stream; resolves once the answer's head (and for a refusal, its body) is in. */
async function open(): Promise<Stream> {
  const abort = new AbortController();
  try {
    const response = await fetch(new URL("/api/notifications/events", baseUrl), { headers: { Cookie: cookie }, signal: abort.signal });
    const text = response.status === 200 ? "" : await response.text();
    return { status: response.status, text, hangUp: () => abort.abort() };
  } catch {
    return { status: -1, text: "", hangUp: () => {} };
  }
}

/** Open a stream and hang up after `afterMs`, before its answer has arrived or just after. */
async function openAndDrop(afterMs: number) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), afterMs);
  try {
    const response = await fetch(new URL("/api/notifications/events", baseUrl), { headers: { Cookie: cookie }, signal: abort.signal });
    abort.abort();
    await response.body?.cancel().catch(() => {});
  } catch {
    // hung up before the answer: what this test is about
  } finally {
    clearTimeout(timer);
  }
}

/** How many of `n` streams opened at once are accepted (all hung up afterwards). */
async function accepted(n: number): Promise<{ ok: number; refused: Stream[] }> {
  const streams = await Promise.all(Array.from({ length: n }, () => open()));
  for (const s of streams) s.hangUp();
  return { ok: streams.filter((s) => s.status === 200).length, refused: streams.filter((s) => s.status !== 200) };
}

/** The server notices a hang-up asynchronously: poll until all slots are back (or give up). */
async function slotsBack(): Promise<number> {
  let ok = 0;
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 250));
    ({ ok } = await accepted(CAP));
    if (ok === CAP) return ok;
  }
  return ok;
}

describe("live streams per user", () => {
  test("a user opening 200 streams at once gets the cap, the rest a 429 saying why", async () => {
    const { ok, refused } = await accepted(200);
    expect(ok).toBe(CAP);
    expect(refused.map((s) => s.status)).toEqual(refused.map(() => 429));
    expect(refused[0]!.text).toContain("Too many open live connections");
    // Hung up: every slot comes back.
    expect(await slotsBack()).toBe(CAP);
  }, 60_000);

  test("streams hung up on before they were under way give their slots back", async () => {
    // Reloads and closed tabs at every moment of a stream's start.
    for (const afterMs of [1, 3, 5, 8, 12, 20, 30, 45, 60, 80]) await Promise.all(Array.from({ length: 6 }, () => openAndDrop(afterMs)));
    expect(await slotsBack()).toBe(CAP);
  }, 60_000);
});
