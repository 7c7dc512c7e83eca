/**
 * What a post answers, and what it does when an edit removes its paragraph mid-way. A post
 * builds its author's view from what it already holds (lib/comments/view-comments.ts
 * viewNewComment) instead of reading the comment back: here every kind of post — thread,
 * passage, reply, instructors-only question and its answer, private note, anonymous, held
 * for approval, with a mention, by staff — answers exactly what reading it back gives.
 */
import { describe, expect, test, beforeAll } from "vitest";
import pg from "pg";
import { randomUUID } from "node:crypto";
import { db, makeUser, makeCourse, addMember } from "../support/db";
import { createComment } from "@/lib/comments/create-comment";
import { viewComments } from "@/lib/comments/view-comments";
import { storeReading } from "@/lib/readings/store-reading";
import { AppError } from "@/lib/errors";

async function setup() {
  const teacher = await makeUser("Teacher Tess");
  const ta = await makeUser("Assistant Ari");
  const alice = await makeUser("Alice");
  const bob = await makeUser("Bob");
  const course = await makeCourse(teacher.id);
  await addMember(course.id, ta.id, "TA");
  await addMember(course.id, alice.id);
  await addMember(course.id, bob.id);
  await db.course.update({ where: { id: course.id }, data: { allowAnonymous: true, wordList: ["forbiddenword"] } });
  const reading = await storeReading(db, {
    courseId: course.id,
    imported: {
      title: "Views",
      author: null,
      source: null,
      date: null,
      format: "text",
      blocks: [
        { kind: "paragraph", text: "The first paragraph, with a passage to quote." },
        { kind: "paragraph", text: "The second paragraph." },
        { kind: "paragraph", text: "The third paragraph, which an edit removes." },
      ],
      notes: [],
      report: [],
    },
  });
  const blocks = await db.block.findMany({ where: { readingId: reading.id }, orderBy: { position: "asc" } });
  return { teacher, ta, alice, bob, course, reading, blocks };
}

describe("a post's answer", () => {
  let s: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    s = await setup();
  });
  const post = (userId: string, input: Record<string, unknown>) => createComment({ userId, input: { readingId: s.reading.id, blockId: s.blocks[0]!.id, ...input } });
  /** What reading the comment back gives its author (the path a retry or a thread load takes). */
  async function readBack(userId: string, id: string) {
    const membership = await db.membership.findFirst({ where: { userId, courseId: s.course.id }, select: { role: true } });
    const [view] = await viewComments({ viewer: { userId, role: membership!.role }, courseId: s.course.id, ids: [id] });
    return view;
  }
  async function expectSameAsReadBack(userId: string, input: Record<string, unknown>) {
    const answer = await post(userId, input);
    expect(answer).toEqual(await readBack(userId, answer.id));
    return answer;
  }

  test("equals the comment read back, for every kind of post", async () => {
    const root = await expectSameAsReadBack(s.alice.id, { body: "A thread, with **emphasis** and a [link](https://example.org)." });
    expect(root).toMatchObject({ isMine: true, source: expect.stringContaining("A thread"), author: { name: "Alice" }, state: "visible" });
    const passage = await expectSameAsReadBack(s.bob.id, { body: "On these words.", passage: { start: 4, end: 19, quote: "first paragraph" } });
    expect(passage.passage).toEqual({ quote: "first paragraph", start: 4, end: 19 });
    const reply = await expectSameAsReadBack(s.bob.id, { parentId: root.id, body: "A reply to Alice." });
    expect(reply.rootId).toBe(root.id);
    await expectSameAsReadBack(s.teacher.id, { parentId: reply.id, body: "The instructor answers." });
    const question = await expectSameAsReadBack(s.alice.id, { body: "Only for the instructors.", visibility: "instructors" });
    expect(question.badges.map((b) => b.id)).toContain("instructors");
    await expectSameAsReadBack(s.ta.id, { parentId: question.id, body: "The TA answers privately." });
    const note = await expectSameAsReadBack(s.alice.id, { body: "A note to myself.", visibility: "private" });
    expect(note.badges.map((b) => b.id)).toContain("private");
    const anonymous = await expectSameAsReadBack(s.bob.id, { body: "Anonymous to classmates.", anonymous: true });
    expect(anonymous.badges.map((b) => b.id)).toContain("anonymous");
    const held = await expectSameAsReadBack(s.bob.id, { body: "This has a forbiddenword in it." });
    expect(held.badges.map((b) => b.id)).toContain("pending");
    const mention = await expectSameAsReadBack(s.alice.id, { body: `Asking @[Bob](user:${s.bob.id}) here.` });
    expect(mention.html).toContain("Bob");
    const staff = await expectSameAsReadBack(s.teacher.id, { body: "The instructor starts a thread." });
    expect(staff.badges.map((b) => b.id)).toContain("role");
  });

  test("a retry gets its comment even when a new post would now be refused (muted since), and the key is not looked up first", async () => {
    const key = randomUUID();
    const first = await post(s.bob.id, { body: "Posted, then muted.", idempotencyKey: key });
    await db.membership.updateMany({ where: { userId: s.bob.id, courseId: s.course.id }, data: { mutedUntil: new Date(Date.now() + 3_600_000), muteReason: "cooling off" } });
    try {
      expect(await post(s.bob.id, { body: "Posted, then muted.", idempotencyKey: key })).toEqual(first);
      await expect(post(s.bob.id, { body: "A new post while muted.", idempotencyKey: randomUUID() })).rejects.toMatchObject({ code: "FORBIDDEN" });
    } finally {
      await db.membership.updateMany({ where: { userId: s.bob.id, courseId: s.course.id }, data: { mutedUntil: null, muteReason: null } });
    }
    expect(await db.comment.count({ where: { idempotencyKey: key } })).toBe(1);
  });

  test("a paragraph an edit removes while the post waits for the reading: 409 with a message, and nothing written", async () => {
    const editor = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await editor.connect();
    try {
      const gone = s.blocks[2]!;
      // An edit holds the reading (lib/readings/revise-reading.ts takes it FOR UPDATE) and removes the paragraph.
      await editor.query("BEGIN");
      await editor.query(`SELECT "id" FROM "Reading" WHERE "id" = $1 FOR UPDATE`, [s.reading.id]);
      const posting = post(s.alice.id, { blockId: gone.id, body: "Written before the edit was published." }).then(
        (v) => v,
        (e: unknown) => e,
      );
      await new Promise((r) => setTimeout(r, 300));
      await editor.query(`UPDATE "Comment" SET "blockId" = NULL WHERE "blockId" = $1`, [gone.id]);
      await editor.query(`DELETE FROM "Block" WHERE "id" = $1`, [gone.id]);
      await editor.query("COMMIT");
      const outcome = await posting;
      expect(outcome).toBeInstanceOf(AppError);
      expect(outcome).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("just edited this reading") });
      expect(await db.comment.count({ where: { body: "Written before the edit was published." } })).toBe(0);
    } finally {
      await editor.end();
    }
  });
});
