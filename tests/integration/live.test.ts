import { afterAll, describe, expect, test } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { db, makeUser, makeCourse, addMember } from "../support/db";
import { storeReading } from "@/lib/readings/store-reading";
import { createComment } from "@/lib/comments/create-comment";
import { deleteComment } from "@/lib/comments/delete-comment";
import { editComment } from "@/lib/comments/edit-comment";
import { CATCH_UP_LIMIT, LiveHub, type LiveMessage } from "@/lib/live/hub";
import { publishLiveEventNow } from "@/lib/live/publish";
import { readingTopic } from "@/lib/live/topics";
import { pruneLiveEvents, LIVE_RETENTION_HOURS } from "@/lib/live/prune-events";
import type { ImportedReading } from "@/lib/import/types";

const reading = (title: string): ImportedReading => ({
  title,
  author: null,
  source: null,
  date: null,
  format: "text",
  blocks: [
    { kind: "paragraph", text: "The visit of the Soviet leaders to Belgrade aroused world-wide attention." },
    { kind: "paragraph", text: "This looked to be the purpose of the Soviet pilgrimage to Belgrade." },
  ],
  notes: [],
  report: [],
});

async function setup() {
  const teacher = await makeUser("Teacher");
  const alice = await makeUser("Alice");
  const bob = await makeUser("Bob");
  const course = await makeCourse(teacher.id);
  await addMember(course.id, alice.id);
  await addMember(course.id, bob.id);
  const r = await storeReading(db, { courseId: course.id, imported: reading("Live") });
  const blocks = await db.block.findMany({ where: { readingId: r.id }, orderBy: { position: "asc" } });
  const post = (userId: string, body: string, extra: object = {}) => createComment({ userId, input: { readingId: r.id, blockId: blocks[0]!.id, body, ...extra } });
  return { teacher, alice, bob, course, reading: r, blocks, post, topic: readingTopic(r.id) };
}

const hubs: LiveHub[] = [];
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) c.kill("SIGKILL");
  await Promise.all(hubs.map((h) => h.close()));
});

function hub() {
  const h = new LiveHub(process.env.DATABASE_URL!, () => {});
  hubs.push(h);
  return h;
}

/** Collects what one listener receives; `next(n)` waits for n more messages. */
function collector() {
  const got: (LiveMessage | { kind: "live.reset" })[] = [];
  let waiters: (() => void)[] = [];
  return {
    got,
    onEvent(m: LiveMessage) {
      got.push(m);
      waiters.forEach((w) => w());
    },
    onReset() {
      got.push({ kind: "live.reset" });
      waiters.forEach((w) => w());
    },
    async until(count: number, ms = 5000) {
      const deadline = Date.now() + ms;
      while (got.length < count) {
        if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${count} events, got ${got.length}: ${JSON.stringify(got, (_k, v) => (typeof v === "bigint" ? v.toString() : v))}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 100);
        });
        waiters = [];
      }
      return got;
    },
  };
}

describe("live events through LISTEN/NOTIFY", () => {
  test("a comment reaches a subscriber as an event with ids and the count change, never its text", async () => {
    const s = await setup();
    const c = collector();
    await hub().subscribe({ listener: { userId: s.alice.id, role: "STUDENT" }, ...c }, s.topic, null);
    const posted = await s.post(s.bob.id, "Secret words of the comment");
    const [event] = (await c.until(1)) as LiveMessage[];
    expect(event!.kind).toBe("comment.created");
    expect(event!.data).toMatchObject({ commentId: posted.id, blockId: s.blocks[0]!.id, rootId: null, delta: 1, visible: true, mine: false });
    expect(JSON.stringify(event!.data)).not.toContain("Secret");
  });

  test("LISTEN/NOTIFY delivers to a second app instance (another process with its own hub)", async () => {
    const s = await setup();
    const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "../support/live-hub-child.ts")], {
      env: { ...process.env, LIVE_USER: s.alice.id, LIVE_TOPIC: s.topic },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(child);
    let out = "";
    child.stdout!.on("data", (d) => (out += d));
    const waitFor = async (pattern: RegExp, ms = 20_000) => {
      const deadline = Date.now() + ms;
      while (!pattern.test(out)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`child said: ${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await waitFor(/^ready$/m);
    const posted = await s.post(s.bob.id, "Across instances");
    await waitFor(new RegExp(posted.id));
    const line = out.split("\n").find((l) => l.includes(posted.id))!;
    expect(JSON.parse(line)).toMatchObject({ kind: "comment.created", commentId: posted.id, delta: 1 });
    child.kill("SIGTERM");
  });

  test("each subscriber gets only what they may see: an author's pending comment reaches the author, not classmates", async () => {
    const s = await setup();
    const [a, b] = [collector(), collector()];
    const h = hub();
    await h.subscribe({ listener: { userId: s.alice.id, role: "STUDENT" }, ...a }, s.topic, null);
    await h.subscribe({ listener: { userId: s.bob.id, role: "STUDENT" }, ...b }, s.topic, null);
    // As moderation will publish it: Bob's comment held for approval.
    const pending = { authorId: s.bob.id, status: "PENDING" as const, visibility: "CLASS" as const };
    await publishLiveEventNow({ topic: s.topic, kind: "comment.created", data: { commentId: "held" }, audience: { type: "comment", before: null, after: pending } });
    await publishLiveEventNow({ topic: s.topic, kind: "marker", data: {}, audience: { type: "members" } });
    await b.until(2);
    await a.until(1);
    expect(b.got.map((m) => m.kind)).toEqual(["comment.created", "marker"]);
    expect(a.got.map((m) => m.kind)).toEqual(["marker"]);
  });

  test("edits and deletions arrive; a deletion takes the comment out of every count", async () => {
    const s = await setup();
    const c = collector();
    const posted = await s.post(s.bob.id, "First version");
    await hub().subscribe({ listener: { userId: s.alice.id, role: "STUDENT" }, ...c }, s.topic, null);
    await editComment({ userId: s.bob.id, commentId: posted.id, input: { body: "Second version" } });
    await deleteComment({ userId: s.bob.id, commentId: posted.id });
    const got = (await c.until(2)) as LiveMessage[];
    expect(got.map((m) => [m.kind, m.data.delta])).toEqual([
      ["comment.edited", 0],
      ["comment.deleted", -1],
    ]);
  });

  test("catch-up: a subscriber starting after a position gets exactly what it missed, in order", async () => {
    const s = await setup();
    const h = hub();
    const [start] = await h.positions([s.topic]);
    const one = await s.post(s.bob.id, "one");
    const two = await s.post(s.alice.id, "two");
    const three = await s.post(s.bob.id, "three");
    const c = collector();
    await h.subscribe({ listener: { userId: s.alice.id, role: "STUDENT" }, ...c }, s.topic, start!);
    const got = (await c.until(3)) as LiveMessage[];
    expect(got.map((m) => m.data.commentId), JSON.stringify(got, (_k, v) => (typeof v === "bigint" ? v.toString() : v))).toEqual([one.id, two.id, three.id]);
    expect(got.map((m) => m.data.mine)).toEqual([false, true, false]);
    // And live ones keep coming after the replay.
    const four = await s.post(s.bob.id, "four");
    expect(((await c.until(4)) as LiveMessage[])[3]!.data.commentId).toBe(four.id);
  });

  test("catch-up that cannot be exact says reset: too many missed, or a position no longer kept", async () => {
    const s = await setup();
    const h = hub();
    const [start] = await h.positions([s.topic]);
    await db.$executeRaw`INSERT INTO "LiveEvent" ("topic", "kind", "data", "audience")
      SELECT ${s.topic}, 'marker', '{}'::jsonb, '{"type":"members"}'::jsonb FROM generate_series(1, ${CATCH_UP_LIMIT + 5})`;
    const c = collector();
    await h.subscribe({ listener: { userId: s.alice.id, role: "STUDENT" }, ...c }, s.topic, start!);
    expect(await c.until(1)).toEqual([{ kind: "live.reset" }]);
    const gone = collector();
    await h.subscribe({ listener: { userId: s.alice.id, role: "STUDENT" }, ...gone }, s.topic, 1n);
    expect(await gone.until(1)).toEqual([{ kind: "live.reset" }]);
  });

  test("ids of one topic commit in order even when writers race (what makes catch-up exact)", async () => {
    const s = await setup();
    const h = hub();
    const c = collector();
    await h.subscribe({ listener: { userId: s.teacher.id, role: "INSTRUCTOR" }, ...c }, s.topic, null);
    await Promise.all(Array.from({ length: 30 }, (_, i) => s.post(i % 2 ? s.alice.id : s.bob.id, `race ${i}`)));
    const got = (await c.until(30, 15_000)) as LiveMessage[];
    const ids = got.map((m) => m.id);
    expect([...ids].sort((x, y) => (x < y ? -1 : 1))).toEqual(ids);
    expect(new Set(got.map((m) => m.data.commentId)).size).toBe(30);
  });

  test("events older than the retention are pruned; a browser that far behind is told to reset", async () => {
    const s = await setup();
    await s.post(s.bob.id, "old news");
    const [kept] = await db.liveEvent.findMany({ where: { topic: s.topic }, select: { id: true } });
    await db.liveEvent.updateMany({ where: { topic: s.topic }, data: { createdAt: new Date(Date.now() - (LIVE_RETENTION_HOURS + 1) * 3600_000) } });
    expect(await pruneLiveEvents()).toBeGreaterThanOrEqual(1);
    expect(await db.liveEvent.count({ where: { topic: s.topic } })).toBe(0);
    await s.post(s.bob.id, "new news");
    const c = collector();
    await hub().subscribe({ listener: { userId: s.alice.id, role: "STUDENT" }, ...c }, s.topic, kept!.id);
    expect(await c.until(1)).toEqual([{ kind: "live.reset" }]);
  });
});
