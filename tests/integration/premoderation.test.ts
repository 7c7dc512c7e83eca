import { describe, expect, test } from "vitest";
import { db, makeUser, makeCourse, addMember } from "../support/db";
import { storeReading } from "@/lib/readings/store-reading";
import { createComment } from "@/lib/comments/create-comment";
import { editComment } from "@/lib/comments/edit-comment";
import { listThreads } from "@/lib/comments/list-threads";
import { getComment } from "@/lib/comments/get-comment";
import { getReadingDiscussion } from "@/lib/comments/get-reading-discussion";
import { moderateComment } from "@/lib/moderation/moderate-comment";
import { moderateCourse, moderateMember, moderateReading } from "@/lib/moderation/settings";
import { listModerationQueue } from "@/lib/moderation/list-moderation-queue";
import { countModerationQueue, countModerationQueues } from "@/lib/moderation/count-open-reports";
import { closedReasonOf } from "@/lib/moderation/posting-policy";
import { requireCourseRole } from "@/lib/auth/guard";
import { getReading } from "@/lib/readings/get-reading";
import { deliver, type Audience } from "@/lib/live/audience";
import { toZonedInput } from "@/lib/dates";
import { readingTopic } from "@/lib/live/topics";
import { AppError } from "@/lib/errors";
import type { ImportedReading } from "@/lib/import/types";

const imported = (title = "Belgrade"): ImportedReading => ({
  title,
  author: null,
  source: null,
  date: null,
  format: "text",
  blocks: [{ kind: "paragraph", text: "The visit of the Soviet leaders to Belgrade aroused world-wide attention." }],
  notes: [],
  report: [],
});

/** What the reading page says instead of the composer, from what it loads: the guard's
 *  membership (with the mute) and the reading (with its lock). */
async function postingClosedReason(options: { userId: string; readingId: string }) {
  const reading = await db.reading.findUniqueOrThrow({ where: { id: options.readingId }, select: { slug: true, course: { select: { slug: true } } } });
  const { course, role, member } = await requireCourseRole(options.userId, reading.course.slug, undefined, { allowArchived: true });
  return closedReasonOf(member, await getReading({ courseId: course.id, readingSlug: reading.slug, role }), course.timeZone);
}

async function setup() {
  const teacher = await makeUser("Teacher");
  const ta = await makeUser("Assistant");
  const alice = await makeUser("Alice");
  const bob = await makeUser("Bob");
  const outsider = await makeUser("Outsider");
  const course = await makeCourse(teacher.id);
  await addMember(course.id, ta.id, "TA");
  await addMember(course.id, alice.id);
  await addMember(course.id, bob.id);
  const reading = await storeReading(db, { courseId: course.id, imported: imported() });
  const second = await storeReading(db, { courseId: course.id, imported: imported("Second") });
  const block = (await db.block.findFirst({ where: { readingId: reading.id } }))!;
  const block2 = (await db.block.findFirst({ where: { readingId: second.id } }))!;
  const post = (userId: string, body: string, options: { parentId?: string; on?: "second" } = {}) =>
    createComment({
      userId,
      input: { readingId: options.on ? second.id : reading.id, blockId: options.on ? block2.id : block.id, body, ...(options.parentId ? { parentId: options.parentId } : {}) },
    });
  const threads = async (userId: string, on?: "second") => (await listThreads({ userId, query: { blockId: on ? block2.id : block.id } })).threads;
  const courseAct = (userId: string, input: unknown) => moderateCourse({ userId, courseSlug: course.slug, input });
  const readingAct = (userId: string, action: string, slug = reading.slug) => moderateReading({ userId, courseSlug: course.slug, readingSlug: slug, input: { action } });
  const memberAct = (userId: string, memberId: string, input: unknown, now?: Date) => moderateMember({ userId, courseSlug: course.slug, memberId, input, now });
  return { teacher, ta, alice, bob, outsider, course, reading, second, block, post, threads, courseAct, readingAct, memberAct };
}

async function rejects(promise: Promise<unknown>, code: string, message?: RegExp) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error, "expected a refusal").toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
}

const log = (courseId: string) => db.moderationAction.findMany({ where: { courseId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

/** Who the stored live events about a comment reach. */
async function eventsFor(commentId: string, listener: { userId: string; role: "STUDENT" | "TA" | "INSTRUCTOR" | null }) {
  const rows = await db.liveEvent.findMany({ orderBy: { id: "asc" } });
  return rows
    .filter((e) => (e.data as { commentId?: string }).commentId === commentId)
    .filter((e) => deliver(listener, e.audience as unknown as Audience, e.data as Record<string, unknown>) !== null)
    .map((e) => e.kind);
}

describe("pre-moderation", () => {
  test("off by default: a student's comment is visible at once", async () => {
    const w = await setup();
    const c = await w.post(w.alice.id, "Hello");
    expect((await db.comment.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("VISIBLE");
    expect(await w.threads(w.bob.id)).toHaveLength(1);
    const settings = await db.course.findUniqueOrThrow({ where: { id: w.course.id } });
    expect(settings.premoderated).toBe(false);
    expect(settings.wordList).toEqual([]);
  });

  test("per student: held as PENDING — the author sees 'Waiting for approval', a classmate sees nothing (threads, counts, live), staff see it in the queue; approve publishes it", async () => {
    const w = await setup();
    await w.memberAct(w.teacher.id, w.alice.id, { action: "premoderate-student" });
    const c = await w.post(w.alice.id, "Held thought");
    expect(c.badges.map((b) => b.label)).toContain("Waiting for approval");
    expect(c.notice).toMatch(/^Waiting for approval/);
    expect(c.can.reply).toBe(false);

    const mine = await w.threads(w.alice.id);
    expect(mine.map((t) => t.root.id)).toEqual([c.id]);
    expect(mine[0]!.root.notice).toMatch(/Waiting for approval/);

    expect(await w.threads(w.bob.id)).toHaveLength(0);
    await rejects(getComment({ userId: w.bob.id, commentId: c.id }), "NOT_FOUND");
    const bobs = await getReadingDiscussion({ viewer: { userId: w.bob.id, role: "STUDENT" }, readingId: w.reading.id });
    expect(bobs.counts[w.block.id]?.total ?? 0).toBe(0);
    expect(JSON.stringify(bobs)).not.toContain("Held thought");
    expect(await eventsFor(c.id, { userId: w.bob.id, role: "STUDENT" })).toEqual([]);
    expect(await eventsFor(c.id, { userId: w.alice.id, role: "STUDENT" })).toEqual(["comment.created"]);

    // Bob (another student) is not held.
    const b = await w.post(w.bob.id, "Not held");
    expect((await db.comment.findUniqueOrThrow({ where: { id: b.id } })).status).toBe("VISIBLE");

    const queue = await listModerationQueue({ userId: w.ta.id, courseSlug: w.course.slug, tab: "pending" });
    expect(queue.counts.pending).toBe(1);
    expect(queue.items.map((i) => i.comment.id)).toEqual([c.id]);
    expect(queue.items[0]!.heldBecause).toMatch(/pre-moderated/);
    expect(await countModerationQueue({ userId: w.ta.id, courseId: w.course.id })).toBe(1);
    expect(await countModerationQueue({ userId: w.bob.id, courseId: w.course.id })).toBe(0);
    expect((await countModerationQueues({ userId: w.teacher.id, courseIds: [w.course.id] })).get(w.course.id)).toBe(1);
    expect((await countModerationQueues({ userId: w.alice.id, courseIds: [w.course.id] })).has(w.course.id)).toBe(false);
    await rejects(listModerationQueue({ userId: w.alice.id, courseSlug: w.course.slug, tab: "pending" }), "FORBIDDEN");

    await moderateComment({ userId: w.ta.id, commentId: c.id, input: { action: "approve" } });
    expect((await w.threads(w.bob.id)).map((t) => t.root.id)).toContain(c.id);
    expect(await eventsFor(c.id, { userId: w.bob.id, role: "STUDENT" })).toEqual(["comment.approve"]);
    const rows = (await log(w.course.id)).filter((r) => r.commentId === c.id);
    expect(rows.map((r) => `${r.action} ${r.fromStatus}->${r.toStatus} ${r.actorId === null ? "system" : "staff"}`)).toEqual(["hold null->PENDING system", "approve PENDING->VISIBLE staff"]);
    expect(await countModerationQueue({ userId: w.ta.id, courseId: w.course.id })).toBe(0);
  });

  test("per reading: only that reading's new student comments are held; staff are never held", async () => {
    const w = await setup();
    await w.readingAct(w.ta.id, "premoderate-reading");
    const held = await w.post(w.alice.id, "On the first reading");
    const free = await w.post(w.alice.id, "On the second reading", { on: "second" });
    const staff = await w.post(w.teacher.id, "Instructor's note");
    const statuses = await db.comment.findMany({ where: { id: { in: [held.id, free.id, staff.id] } }, select: { id: true, status: true } });
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({ [held.id]: "PENDING", [free.id]: "VISIBLE", [staff.id]: "VISIBLE" });
    await w.readingAct(w.ta.id, "unpremoderate-reading");
    expect((await db.comment.findUniqueOrThrow({ where: { id: (await w.post(w.alice.id, "Later")).id } })).status).toBe("VISIBLE");
  });

  test("per course: every student's new comment and reply is held; turning it off stops holding", async () => {
    const w = await setup();
    const root = await w.post(w.bob.id, "Before");
    await w.courseAct(w.teacher.id, { action: "premoderate-course" });
    const c = await w.post(w.alice.id, "Course-wide");
    const r = await w.post(w.alice.id, "A reply", { parentId: root.id });
    const ta = await w.post(w.ta.id, "TA's comment");
    const statuses = await db.comment.findMany({ where: { id: { in: [c.id, r.id, ta.id] } }, select: { id: true, status: true } });
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({ [c.id]: "PENDING", [r.id]: "PENDING", [ta.id]: "VISIBLE" });
    const bobsThread = (await w.threads(w.bob.id)).find((t) => t.root.id === root.id)!;
    expect(bobsThread.replies).toHaveLength(0);
    await w.courseAct(w.teacher.id, { action: "unpremoderate-course" });
    expect((await db.comment.findUniqueOrThrow({ where: { id: (await w.post(w.alice.id, "After")).id } })).status).toBe("VISIBLE");
  });

  test("the word list holds a matching comment (whole word, any case) with its reason; an edit that adds a listed word holds the comment again", async () => {
    const w = await setup();
    await w.courseAct(w.teacher.id, { action: "word-list", words: "Dummkopf\nidiot\n\n  IDIOT  " });
    expect((await db.course.findUniqueOrThrow({ where: { id: w.course.id } })).wordList).toEqual(["Dummkopf", "idiot"]);
    const held = await w.post(w.alice.id, "What an IDIOT!");
    const free = await w.post(w.alice.id, "Idiotic is a different word, and so is dummkopfs.");
    expect((await db.comment.findUniqueOrThrow({ where: { id: held.id } })).status).toBe("PENDING");
    expect((await db.comment.findUniqueOrThrow({ where: { id: free.id } })).status).toBe("VISIBLE");
    const queue = await listModerationQueue({ userId: w.teacher.id, courseSlug: w.course.slug, tab: "pending" });
    expect(queue.items.map((i) => [i.comment.id, i.heldBecause])).toEqual([[held.id, "matched the course word list"]]);

    await editComment({ userId: w.alice.id, commentId: free.id, input: { body: "Only a dummkopf would say so." } });
    expect((await db.comment.findUniqueOrThrow({ where: { id: free.id } })).status).toBe("PENDING");
    expect(await w.threads(w.bob.id)).toHaveLength(0);
    // Staff are never held by the word list.
    const t = await w.post(w.teacher.id, "Do not call anyone an idiot.");
    expect((await db.comment.findUniqueOrThrow({ where: { id: t.id } })).status).toBe("VISIBLE");
  });

  test("the word list is bounded: over 200 words or a word over 64 characters is refused with a message; nothing changes, nothing is logged", async () => {
    const w = await setup();
    await rejects(w.courseAct(w.teacher.id, { action: "word-list", words: Array.from({ length: 201 }, (_, i) => `word${i}`) }), "INVALID_INPUT", /at most 200/);
    await rejects(w.courseAct(w.teacher.id, { action: "word-list", words: ["x".repeat(65)] }), "INVALID_INPUT", /64 characters/);
    await rejects(w.courseAct(w.teacher.id, { action: "word-list", words: 42 }), "INVALID_INPUT");
    expect((await db.course.findUniqueOrThrow({ where: { id: w.course.id } })).wordList).toEqual([]);
    expect(await log(w.course.id)).toHaveLength(0);
    // 200 words of 64 characters are fine.
    const words = Array.from({ length: 200 }, (_, i) => `${String(i).padStart(3, "0")}${"y".repeat(61)}`);
    expect((await w.courseAct(w.teacher.id, { action: "word-list", words })).wordList).toHaveLength(200);
  });
});

describe("mute", () => {
  test("a muted student can read but not post, reply or edit — 403 with the date and reason — until the mute ends; unmute lifts it at once", async () => {
    const w = await setup();
    const before = await w.post(w.alice.id, "Before the mute");
    const bobs = await w.post(w.bob.id, "Bob's comment");
    const now = new Date();
    const until = new Date(now.getTime() + 2 * 86_400_000);
    await w.memberAct(w.ta.id, w.alice.id, { action: "mute", until: toZonedInput(until, "UTC"), reason: "Cooling off after the flame war" });

    await rejects(w.post(w.alice.id, "Let me in"), "FORBIDDEN", /^You are muted in this course until .+: Cooling off after the flame war$/);
    await rejects(w.post(w.alice.id, "A reply", { parentId: bobs.id }), "FORBIDDEN", /You are muted/);
    await rejects(editComment({ userId: w.alice.id, commentId: before.id, input: { body: "Changed" } }), "FORBIDDEN", /You are muted/);
    expect(await w.threads(w.alice.id)).toHaveLength(2); // can read
    expect(await postingClosedReason({ userId: w.alice.id, readingId: w.reading.id })).toMatch(/You are muted in this course until/);
    expect(await postingClosedReason({ userId: w.bob.id, readingId: w.reading.id })).toBeNull();
    expect(await db.comment.count({ where: { authorId: w.alice.id } })).toBe(1);

    // After the date the mute has lapsed by itself.
    await db.membership.updateMany({ where: { courseId: w.course.id, userId: w.alice.id }, data: { mutedUntil: new Date(Date.now() - 1000) } });
    expect((await w.post(w.alice.id, "Back again")).id).toBeTruthy();
    await rejects(w.memberAct(w.ta.id, w.alice.id, { action: "unmute" }), "CONFLICT", /not muted/);

    // Mute again, then unmute: posting works at once.
    await w.memberAct(w.teacher.id, w.alice.id, { action: "mute", until: toZonedInput(until, "UTC"), reason: "Again" });
    await rejects(w.post(w.alice.id, "No"), "FORBIDDEN");
    await w.memberAct(w.teacher.id, w.alice.id, { action: "unmute" });
    expect((await w.post(w.alice.id, "Yes")).id).toBeTruthy();
    expect((await log(w.course.id)).map((r) => `${r.action}:${r.subjectUserId === w.alice.id}`)).toEqual(["mute:true", "mute:true", "unmute:true"]);
  });

  test("mutes are bounded: a time in the past, over a year ahead, a missing reason, staff as the target are refused and logged nowhere", async () => {
    const w = await setup();
    const tz = "UTC"; // makeCourse leaves the default zone
    await rejects(w.memberAct(w.teacher.id, w.alice.id, { action: "mute", until: toZonedInput(new Date(Date.now() - 3_600_000), tz), reason: "x" }), "INVALID_INPUT", /future/);
    await rejects(w.memberAct(w.teacher.id, w.alice.id, { action: "mute", until: toZonedInput(new Date(Date.now() + 400 * 86_400_000), tz), reason: "x" }), "INVALID_INPUT", /366 days/);
    await rejects(w.memberAct(w.teacher.id, w.alice.id, { action: "mute", until: toZonedInput(new Date(Date.now() + 86_400_000), tz), reason: "  " }), "INVALID_INPUT");
    await rejects(w.memberAct(w.teacher.id, w.alice.id, { action: "mute", until: "tomorrow", reason: "x" }), "INVALID_INPUT");
    await rejects(w.memberAct(w.teacher.id, w.ta.id, { action: "mute", until: toZonedInput(new Date(Date.now() + 86_400_000), tz), reason: "x" }), "CONFLICT", /Only students/);
    await rejects(w.memberAct(w.teacher.id, w.outsider.id, { action: "premoderate-student" }), "NOT_FOUND");
    await rejects(w.memberAct(w.bob.id, w.alice.id, { action: "premoderate-student" }), "FORBIDDEN");
    await rejects(w.memberAct(w.outsider.id, w.alice.id, { action: "premoderate-student" }), "NOT_FOUND");
    const member = await db.membership.findFirstOrThrow({ where: { courseId: w.course.id, userId: w.alice.id } });
    expect([member.mutedUntil, member.premoderated]).toEqual([null, false]);
    expect(await log(w.course.id)).toHaveLength(0);
  });
});

describe("reading lock", () => {
  test("a locked reading takes no new comments or replies (409, the page says so); other readings are open; unlock reopens it", async () => {
    const w = await setup();
    const root = await w.post(w.alice.id, "Before the lock");
    await w.readingAct(w.ta.id, "lock-reading");
    await rejects(w.post(w.bob.id, "New"), "CONFLICT", /locked by an instructor/);
    await rejects(w.post(w.bob.id, "Reply", { parentId: root.id }), "CONFLICT", /locked/);
    await rejects(w.post(w.teacher.id, "Staff too"), "CONFLICT", /locked/);
    expect(await postingClosedReason({ userId: w.bob.id, readingId: w.reading.id })).toMatch(/locked by an instructor/);
    expect((await w.post(w.bob.id, "Elsewhere", { on: "second" })).id).toBeTruthy();
    expect(await w.threads(w.bob.id)).toHaveLength(1); // still readable
    await rejects(w.readingAct(w.ta.id, "lock-reading"), "CONFLICT", /already locked/);
    await w.readingAct(w.teacher.id, "unlock-reading");
    expect((await w.post(w.bob.id, "Open again")).id).toBeTruthy();
    const rows = await log(w.course.id);
    expect(rows.map((r) => [r.action, r.readingId, r.commentId, r.fromStatus, r.toStatus])).toEqual([
      ["lock-reading", w.reading.id, null, null, null],
      ["unlock-reading", w.reading.id, null, null, null],
    ]);
  });
});

describe("audit completeness", () => {
  test("each settings change is logged exactly once, with its actor; refused changes (repeat, wrong role, outsider) leave no row and change nothing", async () => {
    const w = await setup();
    const until = toZonedInput(new Date(Date.now() + 86_400_000), "UTC");
    const steps: [string, () => Promise<unknown>][] = [
      ["premoderate-course", () => w.courseAct(w.teacher.id, { action: "premoderate-course" })],
      ["word-list", () => w.courseAct(w.teacher.id, { action: "word-list", words: ["bad"] })],
      ["premoderate-reading", () => w.readingAct(w.ta.id, "premoderate-reading")],
      ["lock-reading", () => w.readingAct(w.ta.id, "lock-reading")],
      ["premoderate-student", () => w.memberAct(w.ta.id, w.alice.id, { action: "premoderate-student" })],
      ["mute", () => w.memberAct(w.teacher.id, w.bob.id, { action: "mute", until, reason: "Spam" })],
      ["unmute", () => w.memberAct(w.teacher.id, w.bob.id, { action: "unmute" })],
      ["unpremoderate-student", () => w.memberAct(w.ta.id, w.alice.id, { action: "unpremoderate-student" })],
      ["unlock-reading", () => w.readingAct(w.ta.id, "unlock-reading")],
      ["unpremoderate-reading", () => w.readingAct(w.ta.id, "unpremoderate-reading")],
      ["unpremoderate-course", () => w.courseAct(w.teacher.id, { action: "unpremoderate-course" })],
    ];
    for (const [, run] of steps) await run();
    const rows = await log(w.course.id);
    expect(rows.map((r) => r.action)).toEqual(steps.map(([name]) => name));
    expect(rows.every((r) => r.actorId === w.teacher.id || r.actorId === w.ta.id)).toBe(true);

    // An unchanged word list is no change: no row.
    expect((await w.courseAct(w.teacher.id, { action: "word-list", words: ["bad"] })).changed).toBe(false);
    // Refusals: repeats, students, TAs on course-wide settings, outsiders.
    await rejects(w.courseAct(w.teacher.id, { action: "unpremoderate-course" }), "CONFLICT");
    await rejects(w.courseAct(w.ta.id, { action: "premoderate-course" }), "FORBIDDEN");
    await rejects(w.courseAct(w.alice.id, { action: "word-list", words: [] }), "FORBIDDEN");
    await rejects(w.courseAct(w.outsider.id, { action: "premoderate-course" }), "NOT_FOUND");
    await rejects(w.readingAct(w.alice.id, "lock-reading"), "FORBIDDEN");
    await rejects(w.readingAct(w.teacher.id, "lock-reading", "no-such-reading"), "NOT_FOUND");
    await rejects(w.readingAct(w.teacher.id, "explode"), "INVALID_INPUT");
    expect(await log(w.course.id)).toHaveLength(steps.length);
    const course = await db.course.findUniqueOrThrow({ where: { id: w.course.id } });
    expect([course.premoderated, course.wordList]).toEqual([false, ["bad"]]);

    // The log view filters by action and shows settings rows without a comment.
    const filtered = await listModerationQueue({ userId: w.teacher.id, courseSlug: w.course.slug, tab: "actioned", action: "mute" });
    expect(filtered.log.map((e) => [e.action, e.subject, e.comment])).toEqual([["mute", "Bob", null]]);
    expect(filtered.log[0]!.reason).toMatch(/^Until .+: Spam$/);
    const readingRows = await listModerationQueue({ userId: w.teacher.id, courseSlug: w.course.slug, tab: "actioned", action: "lock-reading" });
    expect(readingRows.log.map((e) => e.reading?.title)).toEqual(["Belgrade"]);
  });

  test("a failure inside a held comment's transaction leaves neither the comment nor its hold row", async () => {
    const w = await setup();
    await w.memberAct(w.teacher.id, w.alice.id, { action: "premoderate-student" });
    // The reading is edited away under the writer: the write transaction refuses.
    const blockId = w.block.id;
    await rejects(createComment({ userId: w.alice.id, input: { readingId: w.reading.id, blockId: "c".repeat(25), body: "Lost" } }), "NOT_FOUND");
    expect(await db.comment.count({ where: { authorId: w.alice.id } })).toBe(0);
    expect((await log(w.course.id)).map((r) => r.action)).toEqual(["premoderate-student"]);
    // A database error inside the transaction (a trigger that fails on the insert) rolls the hold row back too.
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION premod_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'boom'; END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`CREATE TRIGGER premod_fail BEFORE INSERT ON "ModerationAction" FOR EACH ROW WHEN (NEW."action" = 'hold') EXECUTE FUNCTION premod_fail()`);
    try {
      const error = await createComment({ userId: w.alice.id, input: { readingId: w.reading.id, blockId, body: "Boom" } }).then(() => null, (e: unknown) => e);
      expect(error).toBeTruthy();
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER premod_fail ON "ModerationAction"`);
      await db.$executeRawUnsafe(`DROP FUNCTION premod_fail()`);
    }
    expect(await db.comment.count({ where: { authorId: w.alice.id } })).toBe(0);
    expect(await db.liveEvent.count({ where: { kind: "comment.created", topic: readingTopic(w.reading.id) } })).toBe(0);
    expect((await log(w.course.id)).map((r) => r.action)).toEqual(["premoderate-student"]);
  });
});
