import { describe, expect, test } from "vitest";
import { parse } from "csv-parse/sync";
import { db, addMember, makeUser } from "../support/db";
import { makeClass, makeReading, rejects, words, writeComment, DAY, HOUR } from "../support/course-admin";
import { getParticipation } from "@/lib/participation/get-participation";
import { getStudentParticipation } from "@/lib/participation/get-student-participation";
import { updateRubric } from "@/lib/participation/update-rubric";
import { setGradeOverride } from "@/lib/participation/set-grade-override";
import { clearGradeOverride } from "@/lib/participation/clear-grade-override";
import { exportParticipation } from "@/lib/participation/export-participation";
import { streamCommentsExport, EXPORT_BATCH } from "@/lib/participation/stream-comments-export";

const RUBRIC = { points: 10, minComments: 3, minCommentWords: 30, minReplies: 1, minReplyWords: 0, deadline: "DUE", credit: "PROPORTIONAL" } as const;

/** The bytes a browser would save, BOM included (Response.text() would drop it). */
async function readAll(stream: ReadableStream<Uint8Array>) {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

/** A graded reading due an hour ago, and posts before and after the due date. */
async function gradedClass() {
  const c = await makeClass();
  const due = new Date(Date.now() - HOUR);
  const before = new Date(due.getTime() - DAY);
  const after = new Date(due.getTime() + 30 * 60_000);
  const reading = await makeReading(c.course.id, "Graded", { dueAt: due });
  const base = { courseId: c.course.id, reading };
  // Alice: 3 long comments and 1 reply, all before the due date → full marks.
  const a1 = await writeComment({ ...base, authorId: c.alice.id, body: words(30), createdAt: before });
  await writeComment({ ...base, authorId: c.alice.id, body: words(45), createdAt: before, block: 1 });
  await writeComment({ ...base, authorId: c.alice.id, body: words(31), createdAt: before, block: 2 });
  // Bob: 2 long comments in time, 1 short one, and his reply comes after the due date.
  await writeComment({ ...base, authorId: c.bob.id, body: words(40), createdAt: before });
  await writeComment({ ...base, authorId: c.bob.id, body: words(40), createdAt: before });
  await writeComment({ ...base, authorId: c.bob.id, body: words(12), createdAt: before });
  await writeComment({ ...base, authorId: c.bob.id, body: "I agree with Alice here.", parentId: a1.id, createdAt: after });
  // Alice's reply to Bob's… no: Alice replies to her own comment (not "received" by her).
  await writeComment({ ...base, authorId: c.alice.id, body: "Adding to my own point.", parentId: a1.id, createdAt: before });
  // What does not count: hidden, deleted, private posts; the TA's post is no student's row.
  // Staff endorsed a1 (moderation); an endorsed hidden post would not count.
  await db.comment.update({ where: { id: a1.id }, data: { endorsedAt: before } });
  const hiddenEndorsed = await writeComment({ ...base, authorId: c.alice.id, body: words(50), createdAt: before, status: "HIDDEN" });
  await db.comment.update({ where: { id: hiddenEndorsed.id }, data: { endorsedAt: before } });
  // "Helpful" marks: Bob's and the TA's on a1 count for Alice; one on her hidden post and her
  // own mark on her own post do not.
  await db.reaction.createMany({ data: [{ commentId: a1.id, userId: c.bob.id }, { commentId: a1.id, userId: c.ta.id }, { commentId: hiddenEndorsed.id, userId: c.bob.id }, { commentId: a1.id, userId: c.alice.id }] });
  await writeComment({ ...base, authorId: c.alice.id, body: words(50), createdAt: before, status: "DELETED" });
  await writeComment({ ...base, authorId: c.bob.id, body: words(50), createdAt: before, visibility: "PRIVATE" });
  await writeComment({ ...base, authorId: c.ta.id, body: "A TA's prompt.", parentId: a1.id, createdAt: before });
  await updateRubric({ userId: c.instructor.id, courseSlug: c.course.slug, input: RUBRIC });
  return { ...c, reading, before, after };
}

describe("participation statistics", () => {
  test("per student per reading: comments, replies, words, replies received, first and last post — only what classmates can see", async () => {
    const c = await gradedClass();
    const p = await getParticipation({ userId: c.instructor.id, courseSlug: c.course.slug });
    expect(p.students.map((s) => s.name)).toEqual(["Alice", "Bob"]);
    const [alice, bob] = p.students as [(typeof p.students)[0], (typeof p.students)[0]];
    expect(alice.byReading[c.reading.id]!.stats).toMatchObject({
      comments: 3,
      replies: 1,
      words: 30 + 45 + 31 + 5,
      repliesReceived: 2, // Bob's and the TA's; her own reply to herself is not "received"
      helpfulReceived: 2,
      endorsements: 1, // one of her visible comments was endorsed (moderation)
      qualifyingComments: 3,
      qualifyingReplies: 1,
    });
    expect(alice.byReading[c.reading.id]!.stats.firstAt?.getTime()).toBe(c.before.getTime());
    expect(bob.byReading[c.reading.id]!.stats).toMatchObject({ comments: 3, replies: 1, words: 40 + 40 + 12 + 5, repliesReceived: 0, qualifyingComments: 2, qualifyingReplies: 0 });
    expect(bob.byReading[c.reading.id]!.stats.lastAt?.getTime()).toBe(c.after.getTime());
    // Activity per day and a sparkline each.
    expect(p.daily.reduce((n, d) => n + d.comments + d.replies, 0)).toBe(4 + 4);
    expect(p.weekly[alice.id]!.reduce((a, b) => a + b, 0)).toBe(4);
  });

  test("the rubric suggests a score with its arithmetic shown; changing the rubric changes the suggestion", async () => {
    const c = await gradedClass();
    let p = await getParticipation({ userId: c.instructor.id, courseSlug: c.course.slug });
    const grade = (name: string) => p.students.find((s) => s.name === name)!.byReading[c.reading.id]!.grade;
    expect(grade("Alice").suggested).toEqual({ score: 10, max: 10, explanation: "3 of 3 comments + 1 of 1 reply → 10 / 10" });
    expect(grade("Bob").suggested).toEqual({ score: 5, max: 10, explanation: "2 of 3 comments + 0 of 1 reply → 5 / 10" });
    expect(p.students.find((s) => s.name === "Bob")).toMatchObject({ score: 5, maxScore: 10 });

    await updateRubric({ userId: c.instructor.id, courseSlug: c.course.slug, input: { ...RUBRIC, credit: "ALL_OR_NOTHING" } });
    p = await getParticipation({ userId: c.instructor.id, courseSlug: c.course.slug });
    expect(grade("Bob").suggested.score).toBe(0);
    // Counting posts made any time, with a 10-word minimum: Bob's short comment and late reply count.
    await updateRubric({ userId: c.instructor.id, courseSlug: c.course.slug, input: { ...RUBRIC, deadline: "NONE", minCommentWords: 10 } });
    p = await getParticipation({ userId: c.instructor.id, courseSlug: c.course.slug });
    expect(grade("Bob").suggested.score).toBe(10);

    await rejects(updateRubric({ userId: c.ta.id, courseSlug: c.course.slug, input: RUBRIC }), "FORBIDDEN");
    await rejects(updateRubric({ userId: c.instructor.id, courseSlug: c.course.slug, input: { ...RUBRIC, points: 0 } }), "INVALID_INPUT");
    await rejects(updateRubric({ userId: c.instructor.id, courseSlug: c.course.slug, input: { ...RUBRIC, minComments: -1 } }), "INVALID_INPUT");
  });

  test("an override replaces the suggestion with its reason; clearing it goes back; TAs grade, students and outsiders cannot", async () => {
    const c = await gradedClass();
    const input = { readingId: c.reading.id, studentId: c.bob.id, score: 8.5, reason: "Reply was late because of illness (note on file)." };
    await rejects(setGradeOverride({ userId: c.alice.id, courseSlug: c.course.slug, input }), "FORBIDDEN");
    await rejects(setGradeOverride({ userId: c.otherInstructor.id, courseSlug: c.course.slug, input }), "NOT_FOUND");
    await rejects(setGradeOverride({ userId: c.ta.id, courseSlug: c.course.slug, input: { ...input, reason: "  " } }), "INVALID_INPUT", /Say why/);
    await rejects(setGradeOverride({ userId: c.ta.id, courseSlug: c.course.slug, input: { ...input, studentId: c.ta.id } }), "NOT_FOUND", /not a student/);
    const otherReading = await makeReading(c.otherCourse.id, "Elsewhere");
    await rejects(setGradeOverride({ userId: c.ta.id, courseSlug: c.course.slug, input: { ...input, readingId: otherReading.id } }), "NOT_FOUND");
    expect(await db.participationGrade.count({ where: { studentId: c.bob.id } })).toBe(0);

    await setGradeOverride({ userId: c.ta.id, courseSlug: c.course.slug, input });
    const p = await getStudentParticipation({ userId: c.instructor.id, courseSlug: c.course.slug, studentId: c.bob.id });
    expect(p.student.byReading[c.reading.id]!.grade).toMatchObject({ final: 8.5, suggested: { score: 5 }, override: { score: 8.5, reason: input.reason, by: c.ta.name } });
    expect(p.student.score).toBe(8.5);
    // His four posts; not his private note, which is his alone (not even its existence shows).
    expect(p.posts).toHaveLength(4);

    await rejects(clearGradeOverride({ userId: c.alice.id, courseSlug: c.course.slug, input }), "FORBIDDEN");
    expect(await clearGradeOverride({ userId: c.instructor.id, courseSlug: c.course.slug, input })).toEqual({ cleared: true });
    const after = await getStudentParticipation({ userId: c.instructor.id, courseSlug: c.course.slug, studentId: c.bob.id });
    expect(after.student.byReading[c.reading.id]!.grade).toMatchObject({ final: 5, override: null });
    await rejects(getStudentParticipation({ userId: c.instructor.id, courseSlug: c.course.slug, studentId: c.ta.id }), "NOT_FOUND");
  });

  test("words are counted by PostgreSQL when a comment is written or edited", async () => {
    const c = await makeClass();
    const reading = await makeReading(c.course.id, "Words");
    const { id } = await writeComment({ courseId: c.course.id, reading, authorId: c.alice.id, body: "  two\n\n  words  " });
    expect((await db.comment.findUniqueOrThrow({ where: { id } })).wordCount).toBe(2);
    await db.comment.update({ where: { id }, data: { body: "now it has four words" } });
    expect((await db.comment.findUniqueOrThrow({ where: { id } })).wordCount).toBe(5);
  });

  test("only readings students can see count toward the total", async () => {
    const c = await gradedClass();
    await makeReading(c.course.id, "Next week", { opensAt: new Date(Date.now() + 7 * DAY) });
    await makeReading(c.course.id, "Draft", { draft: true });
    const p = await getParticipation({ userId: c.ta.id, courseSlug: c.course.slug });
    expect(p.readings.map((r) => [r.title, r.counted])).toEqual([
      ["Graded", true],
      ["Next week", false],
      ["Draft", false],
    ]);
    expect(p.students.find((s) => s.name === "Alice")).toMatchObject({ score: 10, maxScore: 10 });
    await rejects(getParticipation({ userId: c.alice.id, courseSlug: c.course.slug }), "FORBIDDEN");
    await rejects(getParticipation({ userId: c.outsider.id, courseSlug: c.course.slug }), "NOT_FOUND");
  });
});

describe("exports", () => {
  test("grades CSV: one row per student, a column per reading, total — formulas neutralised", async () => {
    const c = await gradedClass();
    const mallory = await makeUser("=HYPERLINK(\"http://evil.example\")");
    await addMember(c.course.id, mallory.id);
    await setGradeOverride({ userId: c.instructor.id, courseSlug: c.course.slug, input: { readingId: c.reading.id, studentId: c.bob.id, score: 7, reason: "Good late reply" } });
    const { csv, filename } = await exportParticipation({ userId: c.ta.id, courseSlug: c.course.slug, layout: "grades" });
    expect(filename).toMatch(new RegExp(`^${c.course.slug}-participation-grades-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const rows = parse(csv.slice(1)) as string[][];
    expect(rows[0]).toEqual(["student", "email", "Graded", "total", "out_of"]);
    expect(rows.slice(1).map((r) => [r[0], r[2], r[3], r[4]])).toEqual([
      ["'=HYPERLINK(\"http://evil.example\")", "0", "0", "10"],
      ["Alice", "10", "10", "10"],
      ["Bob", "7", "7", "10"],
    ]);

    const detail = parse((await exportParticipation({ userId: c.instructor.id, courseSlug: c.course.slug, layout: "detail" })).csv.slice(1), { columns: true }) as Record<string, string>[];
    const bob = detail.find((r) => r.student === "Bob")!;
    expect(bob).toMatchObject({ comments: "3", replies: "1", qualifying_comments: "2", suggested_score: "5", override_score: "7", override_reason: "Good late reply", final_score: "7", helpful_received: "0", endorsements: "0" });
    await rejects(exportParticipation({ userId: c.alice.id, courseSlug: c.course.slug, layout: "grades" }), "FORBIDDEN");
  });

  test("all comments as CSV and JSON, streamed in batches, in reading order, deleted bodies left out", async () => {
    const c = await makeClass();
    const first = await makeReading(c.course.id, "First");
    const second = await makeReading(c.course.id, "Second");
    const count = EXPORT_BATCH * 2 + 17;
    const t0 = Date.now() - DAY;
    await db.comment.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        courseId: c.course.id,
        readingId: second.id,
        blockId: second.blocks[i % 3]!.id,
        authorId: i % 2 ? c.alice.id : c.bob.id,
        body: `Comment ${i}, with "quotes", commas\nand a line break`,
        createdAt: new Date(t0 + i * 1000),
      })),
    });
    const root = await writeComment({ courseId: c.course.id, reading: first, authorId: c.alice.id, body: "On the first reading", block: 1 });
    await writeComment({ courseId: c.course.id, reading: first, authorId: c.bob.id, body: "A reply", parentId: root.id });
    await writeComment({ courseId: c.course.id, reading: first, authorId: c.bob.id, body: "Regretted words", status: "DELETED" });

    const csv = await streamCommentsExport({ userId: c.ta.id, courseSlug: c.course.slug, format: "csv" });
    const text = await readAll(csv.stream);
    expect(text.startsWith("\uFEFFreading,reading_slug,paragraph,")).toBe(true);
    const rows = parse(text.slice(1), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(count + 3);
    expect(rows.slice(0, 3).map((r) => [r.reading, r.paragraph, r.author, r.status, r.body])).toEqual([
      ["First", "2", "Alice", "visible", "On the first reading"],
      ["First", "2", "Bob", "visible", "A reply"],
      ["First", "1", "Bob", "deleted", ""],
    ]);
    expect(rows[1]!.thread_id).toBe(root.id);
    expect(rows[1]!.parent_id).toBe(root.id);
    expect(rows.slice(3).map((r) => r.body)).toEqual(Array.from({ length: count }, (_, i) => `Comment ${i}, with "quotes", commas\nand a line break`));

    const json = await streamCommentsExport({ userId: c.instructor.id, courseSlug: c.course.slug, format: "json" });
    expect(json.contentType).toMatch(/^application\/json/);
    const items = JSON.parse(await readAll(json.stream)) as { reading: string; comment_id: string; author_email: string }[];
    expect(items).toHaveLength(count + 3);
    expect(new Set(items.map((i) => i.comment_id)).size).toBe(count + 3);
    expect(items[0]).toMatchObject({ reading: "First", author_email: c.alice.email });

    await rejects(streamCommentsExport({ userId: c.alice.id, courseSlug: c.course.slug, format: "csv" }), "FORBIDDEN");
    await rejects(streamCommentsExport({ userId: c.otherInstructor.id, courseSlug: c.course.slug, format: "json" }), "NOT_FOUND");
  });

  test("an empty course exports a header and an empty JSON array", async () => {
    const c = await makeClass();
    const csv = await readAll((await streamCommentsExport({ userId: c.instructor.id, courseSlug: c.course.slug, format: "csv" })).stream);
    expect(csv.trim().split("\r\n")).toHaveLength(1);
    expect(JSON.parse(await readAll((await streamCommentsExport({ userId: c.instructor.id, courseSlug: c.course.slug, format: "json" })).stream))).toEqual([]);
  });
});
