import { describe, expect, test, beforeAll } from "vitest";
import { randomUUID } from "node:crypto";
import { db, makeUser, makeCourse, addMember } from "../support/db";
import { createComment } from "@/lib/comments/create-comment";
import { storeReading } from "@/lib/readings/store-reading";
import { AppError } from "@/lib/errors";

async function setup() {
  const teacher = await makeUser("Teacher");
  const alice = await makeUser("Alice");
  const bob = await makeUser("Bob");
  const course = await makeCourse(teacher.id);
  await addMember(course.id, alice.id);
  await addMember(course.id, bob.id);
  const reading = await storeReading(db, {
    courseId: course.id,
    imported: {
      title: "Keys",
      author: null,
      source: null,
      date: null,
      format: "text",
      blocks: [
        { kind: "paragraph", text: "First paragraph." },
        { kind: "paragraph", text: "Second paragraph." },
      ],
      notes: [],
      report: [],
    },
  });
  const blocks = await db.block.findMany({ where: { readingId: reading.id }, orderBy: { position: "asc" } });
  return { alice, bob, reading, blocks };
}

describe("idempotency keys on comment posts", () => {
  let s: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    s = await setup();
  });
  const post = (userId: string, body: string, idempotencyKey?: string, blockId = s.blocks[0]!.id) =>
    createComment({ userId, input: { readingId: s.reading.id, blockId, body, idempotencyKey } });
  const count = (key: string) => db.comment.count({ where: { idempotencyKey: key } });

  test("a retried post returns the comment made the first time, and there is one comment", async () => {
    const key = randomUUID();
    const first = await post(s.alice.id, "Posted once, retried twice.", key);
    const again = await post(s.alice.id, "Posted once, retried twice.", key);
    const third = await post(s.alice.id, "Posted once, retried twice.", key);
    expect(again).toEqual(first);
    expect(third).toEqual(first);
    expect(await count(key)).toBe(1);
  });

  test("eight copies of one post sent at the same moment (a frantic double click) make one comment", async () => {
    const key = randomUUID();
    // Fewer than the pool's connections, so each copy really runs at once (more would wait
    // for a connection, and on a loaded machine answer 503 instead of racing).
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(s.alice.id, "Clicked many times.", key)));
    expect(new Set(answers.map((a) => a.id)).size).toBe(1);
    expect(await count(key)).toBe(1);
  });

  test("posts without a key are never merged: two identical comments are two comments", async () => {
    const a = await post(s.alice.id, "Same words.");
    const b = await post(s.alice.id, "Same words.");
    expect(a.id).not.toBe(b.id);
  });

  test("keys belong to their author: another student's comment with the same key is a different comment", async () => {
    const key = randomUUID();
    const a = await post(s.alice.id, "Alice's comment.", key);
    const b = await post(s.bob.id, "Bob's comment.", key);
    expect(b.id).not.toBe(a.id);
    expect(b.author?.id).toBe(s.bob.id);
    expect(await count(key)).toBe(2);
  });

  test("a key reused for different words is refused with a message, and nothing is written", async () => {
    const key = randomUUID();
    await post(s.alice.id, "The first words.", key);
    const error = await post(s.alice.id, "Other words entirely.", key).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("INVALID_INPUT");
    expect((error as AppError).message).toMatch(/already used for a different comment/);
    expect(await count(key)).toBe(1);
  });

  test("a retry still gets its comment after an edit moved it to another paragraph", async () => {
    const key = randomUUID();
    const first = await post(s.alice.id, "Anchored, then moved.", key);
    await db.comment.update({ where: { id: first.id }, data: { blockId: s.blocks[1]!.id } });
    const again = await post(s.alice.id, "Anchored, then moved.", key);
    expect(again.id).toBe(first.id);
    expect(again.blockId).toBe(s.blocks[1]!.id);
    expect(await count(key)).toBe(1);
  });

  test("a key that is not a UUID is a 422 with a message naming the field", async () => {
    const error = await post(s.alice.id, "Bad key.", "not-a-uuid").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(422);
    expect((error as AppError).message).toMatch(/idempotencyKey must be a UUID/);
  });
});
