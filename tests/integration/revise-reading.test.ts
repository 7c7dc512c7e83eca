import { describe, expect, test } from "vitest";
import { db, makeUser, makeCourse, addMember } from "../support/db";
import { storeReading } from "@/lib/readings/store-reading";
import { reviseReading } from "@/lib/readings/revise-reading";
import { createComment } from "@/lib/comments/create-comment";
import { reattachComment } from "@/lib/comments/reattach-comment";
import { listDetachedThreads } from "@/lib/comments/list-detached";
import { AppError } from "@/lib/errors";
import type { ImportedReading } from "@/lib/import/types";

const PARAS = [
  "The visit of the Soviet leaders to Belgrade aroused world-wide attention because of its possible implications for Soviet foreign policy.",
  "This looked to be the purpose of the Soviet pilgrimage to Belgrade; but it was probably not its sole or even its main objective.",
  "Khrushchev certainly intended to speak to Tito the party head rather than to Tito the head of state.",
  "At least since last October, Moscow has gone out of its way to demonstrate its desire to rehabilitate Tito as a good Communist.",
];

const reading = (paras: string[]): ImportedReading => ({
  title: "Belgrade",
  author: "I. D.",
  source: null,
  date: null,
  format: "text",
  blocks: paras.map((text) => ({ kind: "paragraph" as const, text })),
  notes: [],
  report: [],
});

const draft = (paras: string[]) => ({ title: "Belgrade", author: "I. D.", format: "text", blocks: paras.map((text) => ({ kind: "paragraph", text })), notes: [], report: [] });

async function setup() {
  const teacher = await makeUser("Teacher");
  const student = await makeUser("Student");
  const course = await makeCourse(teacher.id);
  await addMember(course.id, student.id);
  const r = await storeReading(db, { courseId: course.id, imported: reading(PARAS) });
  const blocks = await db.block.findMany({ where: { readingId: r.id }, orderBy: { position: "asc" } });
  const post = async (n: number, body: string) => createComment({ userId: student.id, input: { readingId: r.id, blockId: blocks[n - 1]!.id, body } });
  return { teacher, student, course, reading: r, blocks, post };
}

const where = async (commentId: string) => {
  const c = await db.comment.findUniqueOrThrow({ where: { id: commentId }, select: { block: { select: { number: true, text: true } }, detachedAt: true } });
  return c.block?.number ?? null;
};

describe("editing a published reading keeps its discussion", () => {
  test("a dry run says where each thread lands and writes nothing", async () => {
    const s = await setup();
    const c2 = await s.post(2, "On the pilgrimage");
    const before = await db.block.findMany({ where: { readingId: s.reading.id }, select: { id: true, text: true } });
    const result = await reviseReading({ userId: s.teacher.id, courseId: s.course.id, readingSlug: s.reading.slug, input: draft([PARAS[0]!, PARAS[2]!, PARAS[3]!]), dryRun: true });
    expect(result.published).toBe(false);
    expect(result.landings).toEqual([expect.objectContaining({ commentId: c2.id, from: 2, to: null })]);
    expect(await db.block.findMany({ where: { readingId: s.reading.id }, select: { id: true, text: true } })).toEqual(before);
    expect(await where(c2.id)).toBe(2);
  });

  test("typo fix, reorder and deletion: threads follow their text, the deleted paragraph's thread is Detached with its replies, a revision is kept", async () => {
    const s = await setup();
    const c1 = await s.post(1, "On Belgrade");
    const c3 = await s.post(3, "On Tito");
    const reply = await createComment({ userId: s.teacher.id, input: { readingId: s.reading.id, blockId: s.blocks[2]!.id, parentId: c3.id, body: "Good question" } });
    const c4 = await s.post(4, "On October");
    const c2 = await s.post(2, "On the pilgrimage");

    // Delete paragraph 2, fix a typo in 1, swap 3 and 4.
    const edited = [PARAS[0]!.replace("world-wide", "worldwide"), PARAS[3]!, PARAS[2]!];
    const result = await reviseReading({ userId: s.teacher.id, courseId: s.course.id, readingSlug: s.reading.slug, input: draft(edited), dryRun: false });
    expect(result).toMatchObject({ published: true, revision: 2 });

    expect(await where(c1.id)).toBe(1);
    expect(await where(c4.id)).toBe(2);
    expect(await where(c3.id)).toBe(3);
    expect(await where(reply.id)).toBe(3);
    expect(await where(c2.id)).toBeNull();
    const total = await db.comment.count({ where: { readingId: s.reading.id } });
    expect(total).toBe(5); // zero lost

    const detached = await listDetachedThreads({ userId: s.student.id, readingId: s.reading.id });
    expect(detached.threads).toEqual([
      expect.objectContaining({ root: expect.objectContaining({ id: c2.id, html: "<p>On the pilgrimage</p>" }), detachedFrom: { paragraph: 2, text: PARAS[1] } }),
    ]);
    const revisions = await db.readingRevision.findMany({ where: { readingId: s.reading.id }, orderBy: { number: "asc" }, select: { number: true, createdById: true } });
    expect(revisions).toEqual([{ number: 1, createdById: null }, { number: 2, createdById: s.teacher.id }]);

    // One click puts it back, on the paragraph the instructor chooses; students cannot.
    const target = await db.block.findFirstOrThrow({ where: { readingId: s.reading.id, number: 1 }, select: { id: true } });
    const denied = await reattachComment({ userId: s.student.id, commentId: c2.id, blockId: target.id }).catch((e: AppError) => e);
    expect((denied as AppError).code).toBe("NOT_FOUND");
    await reattachComment({ userId: s.teacher.id, commentId: c2.id, blockId: target.id });
    expect(await where(c2.id)).toBe(1);
    expect((await listDetachedThreads({ userId: s.student.id, readingId: s.reading.id })).threads).toEqual([]);
  });

  test("an unchanged paragraph keeps its block id, so links and anchors stay put", async () => {
    const s = await setup();
    await reviseReading({ userId: s.teacher.id, courseId: s.course.id, readingSlug: s.reading.slug, input: draft([PARAS[0]!, PARAS[1]!, PARAS[2]!.replace("Tito", "Josip Broz Tito"), PARAS[3]!]), dryRun: false });
    const after = await db.block.findMany({ where: { readingId: s.reading.id }, orderBy: { position: "asc" }, select: { id: true } });
    expect(after[0]!.id).toBe(s.blocks[0]!.id);
    expect(after[3]!.id).toBe(s.blocks[3]!.id);
  });

  test("an empty edit is refused with a message and changes nothing", async () => {
    const s = await setup();
    const e = (await reviseReading({ userId: s.teacher.id, courseId: s.course.id, readingSlug: s.reading.slug, input: draft([]), dryRun: false }).catch((x: AppError) => x)) as AppError;
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.message).toMatch(/at least one paragraph/);
    expect(await db.block.count({ where: { readingId: s.reading.id } })).toBe(4);
  });
});
