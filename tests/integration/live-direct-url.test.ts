/** Behind PgBouncer in transaction mode LISTEN cannot work through DATABASE_URL: the app's
 *  hub then listens on DATABASE_DIRECT_URL (docs/DEPLOY.md § Connection pooling). Here
 *  DATABASE_URL points at nothing while the hub is made, and a comment still arrives. */
import { afterAll, describe, expect, test } from "vitest";
import { db, makeUser, makeCourse, addMember } from "../support/db";
import { storeReading } from "@/lib/readings/store-reading";
import { createComment } from "@/lib/comments/create-comment";
import { getLiveHub, type LiveMessage } from "@/lib/live/hub";
import { readingTopic } from "@/lib/live/topics";

const holder = globalThis as unknown as { colloquyLiveHub?: { close(): Promise<void> } };
const saved = { url: process.env.DATABASE_URL, direct: process.env.DATABASE_DIRECT_URL };

afterAll(async () => {
  await holder.colloquyLiveHub?.close();
  delete holder.colloquyLiveHub;
  process.env.DATABASE_URL = saved.url;
  if (saved.direct === undefined) delete process.env.DATABASE_DIRECT_URL;
  else process.env.DATABASE_DIRECT_URL = saved.direct;
});

describe("the live hub's own connection", () => {
  test("with DATABASE_DIRECT_URL set, the hub listens there (DATABASE_URL unreachable) and a comment arrives", async () => {
    const teacher = await makeUser("Teacher");
    const alice = await makeUser("Alice");
    const course = await makeCourse(teacher.id);
    await addMember(course.id, alice.id);
    const reading = await storeReading(db, {
      courseId: course.id,
      imported: { title: "Direct", author: null, source: null, date: null, format: "text", blocks: [{ kind: "paragraph", text: "A paragraph to discuss." }], notes: [], report: [] },
    });
    const block = await db.block.findFirstOrThrow({ where: { readingId: reading.id } });

    await holder.colloquyLiveHub?.close();
    delete holder.colloquyLiveHub;
    process.env.DATABASE_DIRECT_URL = saved.url;
    // Port 9 (discard): nothing answers there — a hub on DATABASE_URL could not subscribe.
    process.env.DATABASE_URL = "postgresql://pooler:pooler@127.0.0.1:9/colloquy";
    const got: LiveMessage[] = [];
    const hub = getLiveHub();
    process.env.DATABASE_URL = saved.url; // the app's own queries (createComment) need it
    await hub.subscribe({ listener: { userId: alice.id, role: "STUDENT" }, onEvent: (m) => got.push(m), onReset: () => {} }, readingTopic(reading.id), null);

    const posted = await createComment({ userId: teacher.id, input: { readingId: reading.id, blockId: block.id, body: "Through the direct connection." } });
    const deadline = Date.now() + 10_000;
    while (!got.some((m) => m.data.commentId === posted.id) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(got.find((m) => m.data.commentId === posted.id)?.kind).toBe("comment.created");
  });
});
