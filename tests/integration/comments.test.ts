import { describe, expect, test, beforeAll } from "vitest";
import { db, makeUser, makeCourse, addMember } from "../support/db";
import { createComment } from "@/lib/comments/create-comment";
import { listThreads } from "@/lib/comments/list-threads";
import { storeReading } from "@/lib/readings/store-reading";
import { AppError } from "@/lib/errors";
import type { ImportedReading } from "@/lib/import/types";

const imported = (title: string): ImportedReading => ({
  title,
  author: "A. Author",
  source: null,
  date: null,
  format: "text",
  blocks: [
    { kind: "heading", text: "Part one", level: 2 },
    { kind: "paragraph", text: "First paragraph." },
    { kind: "paragraph", text: "Second paragraph." },
    { kind: "quote", text: "A quoted passage." },
  ],
  notes: [],
  report: [],
});

async function setup() {
  const teacher = await makeUser("Teacher");
  const alice = await makeUser("Alice");
  const bob = await makeUser("Bob");
  const outsider = await makeUser("Outsider");
  const course = await makeCourse(teacher.id);
  await addMember(course.id, alice.id);
  await addMember(course.id, bob.id);
  const reading = await storeReading(db, { courseId: course.id, imported: imported("Reading One") });
  const other = await storeReading(db, { courseId: course.id, imported: imported("Reading Two") });
  const blocks = await db.block.findMany({ where: { readingId: reading.id }, orderBy: { position: "asc" } });
  const otherBlocks = await db.block.findMany({ where: { readingId: other.id }, orderBy: { position: "asc" } });
  return { teacher, alice, bob, outsider, course, reading, other, blocks, otherBlocks };
}

async function rejects(promise: Promise<unknown>, code: string, message: RegExp) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).message).toMatch(message);
}

describe("paragraph numbering", () => {
  test("numbers count paragraphs, quotes and list items but not headings", async () => {
    const { blocks } = await setup();
    expect(blocks.map((b) => [b.kind, b.number])).toEqual([
      ["HEADING", null],
      ["PARAGRAPH", 1],
      ["PARAGRAPH", 2],
      ["QUOTE", 3],
    ]);
  });
});

describe("posting comments and replies", () => {
  let s: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    s = await setup();
  });

  test("a member's comment and a classmate's reply form one thread, oldest first, with names and roles", async () => {
    const paragraph = s.blocks[1]!;
    const c = await createComment({ userId: s.alice.id, input: { readingId: s.reading.id, blockId: paragraph.id, body: "  Why now?  " } });
    expect(c.html).toBe("<p>Why now?</p>");
    const r = await createComment({ userId: s.bob.id, input: { readingId: s.reading.id, blockId: paragraph.id, parentId: c.id, body: "Because of Belgrade." } });
    const t = await createComment({ userId: s.teacher.id, input: { readingId: s.reading.id, blockId: paragraph.id, parentId: r.id, body: "Good." } });
    expect(t.rootId).toBe(c.id);

    const page = await listThreads({ userId: s.bob.id, query: { blockId: paragraph.id } });
    expect(page.number).toBe(1);
    const [thread] = page.threads;
    expect([thread!.root, ...thread!.replies].map((x) => [x.html, x.author?.name, x.parentId])).toEqual([
      ["<p>Why now?</p>", "Alice", null],
      ["<p>Because of Belgrade.</p>", "Bob", c.id],
      ["<p>Good.</p>", "Teacher", r.id],
    ]);
    expect(thread!.replies[1]!.author?.role).toBe("INSTRUCTOR");
    expect(thread!.replies[1]!.badges).toEqual([{ id: "role", label: "Instructor", tone: "accent" }]);
    expect(JSON.stringify(thread)).not.toContain("@test.colloquy");
  });

  test("empty and over-long comments get a clear message and change nothing", async () => {
    const before = await db.comment.count({ where: { readingId: s.reading.id } });
    const blockId = s.blocks[2]!.id;
    await rejects(createComment({ userId: s.alice.id, input: { readingId: s.reading.id, blockId, body: "   \n " } }), "INVALID_INPUT", /Write something/);
    await rejects(createComment({ userId: s.alice.id, input: { readingId: s.reading.id, blockId, body: "x".repeat(10_001) } }), "INVALID_INPUT", /at most 10,000/);
    await createComment({ userId: s.alice.id, input: { readingId: s.reading.id, blockId, body: "x".repeat(10_000) } });
    expect(await db.comment.count({ where: { readingId: s.reading.id } })).toBe(before + 1);
  });

  test("a reply to a comment in another reading is refused", async () => {
    const foreign = await createComment({ userId: s.alice.id, input: { readingId: s.other.id, blockId: s.otherBlocks[1]!.id, body: "Elsewhere" } });
    const before = await db.comment.count();
    await rejects(
      createComment({ userId: s.bob.id, input: { readingId: s.reading.id, blockId: s.blocks[1]!.id, parentId: foreign.id, body: "Cross-post" } }),
      "INVALID_INPUT",
      /same reading/,
    );
    expect(await db.comment.count()).toBe(before);
  });

  test("a block id from another reading does not pass as this reading's paragraph", async () => {
    await rejects(
      createComment({ userId: s.bob.id, input: { readingId: s.reading.id, blockId: s.otherBlocks[1]!.id, body: "Mismatch" } }),
      "NOT_FOUND",
      /member/,
    );
  });

  test("a non-member can neither post nor read, and learns nothing", async () => {
    const before = await db.comment.count();
    await rejects(
      createComment({ userId: s.outsider.id, input: { readingId: s.reading.id, blockId: s.blocks[1]!.id, body: "Let me in" } }),
      "NOT_FOUND",
      /courses you are a member of/,
    );
    await rejects(listThreads({ userId: s.outsider.id, query: { blockId: s.blocks[1]!.id } }), "NOT_FOUND", /not a member/);
    expect(await db.comment.count()).toBe(before);
  });

  test("headings cannot be discussed", async () => {
    await rejects(
      createComment({ userId: s.alice.id, input: { readingId: s.reading.id, blockId: s.blocks[0]!.id, body: "On the heading" } }),
      "INVALID_INPUT",
      /Headings/,
    );
  });
});
