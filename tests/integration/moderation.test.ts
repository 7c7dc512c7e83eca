import { describe, expect, test } from "vitest";
import { db, makeUser, makeCourse, addMember } from "../support/db";
import { storeReading } from "@/lib/readings/store-reading";
import { createComment } from "@/lib/comments/create-comment";
import { listThreads } from "@/lib/comments/list-threads";
import { getComment } from "@/lib/comments/get-comment";
import { getReadingDiscussion } from "@/lib/comments/get-reading-discussion";
import { moderateComment } from "@/lib/moderation/moderate-comment";
import { reportComment } from "@/lib/moderation/report-comment";
import { AppError } from "@/lib/errors";
import type { ImportedReading } from "@/lib/import/types";

const imported = (): ImportedReading => ({
  title: "Belgrade",
  author: null,
  source: null,
  date: null,
  format: "text",
  blocks: [{ kind: "paragraph", text: "The visit of the Soviet leaders to Belgrade aroused world-wide attention." }],
  notes: [],
  report: [],
});

async function setup() {
  const teacher = await makeUser("Teacher");
  const ta = await makeUser("Assistant");
  const alice = await makeUser("Alice");
  const bob = await makeUser("Bob");
  const outsider = await makeUser("Outsider");
  const course = await makeCourse(teacher.id);
  const other = await makeCourse(outsider.id, "Other course");
  await addMember(course.id, ta.id, "TA");
  await addMember(course.id, alice.id);
  await addMember(course.id, bob.id);
  const reading = await storeReading(db, { courseId: course.id, imported: imported() });
  const block = (await db.block.findFirst({ where: { readingId: reading.id } }))!;
  const post = (userId: string, body: string, parentId?: string) => createComment({ userId, input: { readingId: reading.id, blockId: block.id, body, ...(parentId ? { parentId } : {}) } });
  const threads = async (userId: string) => (await listThreads({ userId, query: { blockId: block.id } })).threads;
  const act = (userId: string, commentId: string, action: string, reason?: string) => moderateComment({ userId, commentId, input: reason === undefined ? { action } : { action, reason } });
  return { teacher, ta, alice, bob, outsider, other, course, reading, block, post, threads, act };
}

async function rejects(promise: Promise<unknown>, code: string, message?: RegExp) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error, "expected a refusal").toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
}

const auditRows = (commentId: string) => db.moderationAction.findMany({ where: { commentId }, orderBy: { createdAt: "asc" } });

describe("moderation", () => {
  test("an instructor hides a comment with a reason: its author sees it hidden with the reason, classmates see nothing, staff see it; one audit row", async () => {
    const w = await setup();
    const c = await w.post(w.alice.id, "Something hurtful");
    const view = await w.act(w.teacher.id, c.id, "hide", "Personal attack on a classmate");
    expect(view.state).toBe("hidden");
    expect(view.can.moderate).toBe(true);

    const mine = (await w.threads(w.alice.id)).map((t) => t.root);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.state).toBe("hidden");
    expect(mine[0]!.html).toContain("Something hurtful");
    expect(mine[0]!.notice).toContain("Personal attack on a classmate");
    expect(mine[0]!.can.reply).toBe(false);

    expect(await w.threads(w.bob.id)).toHaveLength(0);
    await rejects(getComment({ userId: w.bob.id, commentId: c.id }), "NOT_FOUND");
    const bobsPage = JSON.stringify(await listThreads({ userId: w.bob.id, query: { blockId: w.block.id } }));
    expect(bobsPage).not.toContain("Something hurtful");

    const staffView = (await w.threads(w.ta.id))[0]!.root;
    expect(staffView.state).toBe("hidden");
    expect(staffView.badges.map((b) => b.id)).toContain("hidden");

    const rows = await auditRows(c.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "hide", actorId: w.teacher.id, fromStatus: "VISIBLE", toStatus: "HIDDEN", reason: "Personal attack on a classmate", courseId: w.course.id });
    const events = await db.liveEvent.findMany({ where: { kind: "comment.hide" } });
    expect(events.some((e) => (e.data as { commentId: string }).commentId === c.id)).toBe(true);

    // Unhide: everyone sees it again; logged.
    await w.act(w.ta.id, c.id, "unhide");
    expect((await w.threads(w.bob.id))[0]!.root.state).toBe("visible");
    expect((await auditRows(c.id)).map((r) => `${r.action} ${r.fromStatus}->${r.toStatus}`)).toEqual(["hide VISIBLE->HIDDEN", "unhide HIDDEN->VISIBLE"]);
  });

  test("a hidden comment with replies is a 'Hidden by an instructor' placeholder for classmates (no text, no author)", async () => {
    const w = await setup();
    const c = await w.post(w.alice.id, "Rude root");
    await w.post(w.bob.id, "A reply", c.id);
    await w.act(w.teacher.id, c.id, "hide", "Rude");
    const [thread] = await w.threads(w.bob.id);
    expect(thread!.root.state).toBe("withheld");
    expect(thread!.root.html).toBeNull();
    expect(thread!.root.author).toBeNull();
    expect(thread!.replies.map((r) => r.state)).toEqual(["visible"]);
    expect(JSON.stringify(thread)).not.toContain("Rude");
    expect((await getComment({ userId: w.bob.id, commentId: c.id })).comment.state).toBe("withheld");
  });

  test("a hidden passage thread keeps its highlight for classmates while replies hang under it, without text or name", async () => {
    const w = await setup();
    const start = w.block.text.indexOf("Soviet leaders");
    const c = await createComment({ userId: w.alice.id, input: { readingId: w.reading.id, blockId: w.block.id, body: "Rude passage note", passage: { start, end: start + 14, quote: "Soviet leaders" } } });
    await w.post(w.bob.id, "A reply", c.id);
    await w.act(w.teacher.id, c.id, "hide", "Rude");
    const bobs = await getReadingDiscussion({ viewer: { userId: w.bob.id, role: "STUDENT" }, readingId: w.reading.id });
    expect(bobs.highlights[w.block.id]).toEqual([expect.objectContaining({ threadId: c.id, tip: "Hidden by an instructor" })]);
    expect(JSON.stringify(bobs)).not.toContain("Rude");
    const alices = await getReadingDiscussion({ viewer: { userId: w.alice.id, role: "STUDENT" }, readingId: w.reading.id });
    expect(alices.highlights[w.block.id]![0]!.tip).toContain("Rude passage note");
  });

  test("students, outsiders and another course's instructor cannot moderate; nothing changes and nothing is logged", async () => {
    const w = await setup();
    const c = await w.post(w.alice.id, "A comment");
    for (const action of ["hide", "pin", "endorse", "lock"]) {
      await rejects(w.act(w.bob.id, c.id, action, "because"), "FORBIDDEN");
      await rejects(w.act(w.alice.id, c.id, action, "because"), "FORBIDDEN");
      await rejects(w.act(w.outsider.id, c.id, action, "because"), "NOT_FOUND");
    }
    const row = await db.comment.findUniqueOrThrow({ where: { id: c.id } });
    expect(row).toMatchObject({ status: "VISIBLE", pinnedAt: null, endorsedAt: null, lockedAt: null, hiddenReason: null });
    expect(await auditRows(c.id)).toHaveLength(0);
    // And a student's view offers no moderation controls.
    const view = (await w.threads(w.bob.id))[0]!.root;
    expect(view.can.moderate).toBe(false);
    expect(view.can.report).toBe(true);
  });

  test("staff cannot moderate a student's private note (they never see it): nothing changes, nobody is told", async () => {
    const w = await setup();
    const note = await createComment({ userId: w.alice.id, input: { readingId: w.reading.id, blockId: w.block.id, body: "My own note", visibility: "private" } });
    for (const staff of [w.teacher.id, w.ta.id]) {
      for (const action of ["hide", "delete", "pin", "endorse", "lock"]) await rejects(w.act(staff, note.id, action, "because"), "NOT_FOUND");
    }
    const row = await db.comment.findUniqueOrThrow({ where: { id: note.id } });
    expect(row).toMatchObject({ status: "VISIBLE", visibility: "PRIVATE", pinnedAt: null, endorsedAt: null, lockedAt: null, hiddenReason: null });
    expect(await auditRows(note.id)).toHaveLength(0);
    expect(await db.notification.count({ where: { recipientId: w.alice.id } })).toBe(0);
    // Staff's own private notes and instructors-only questions stay theirs to act on.
    const own = await createComment({ userId: w.ta.id, input: { readingId: w.reading.id, blockId: w.block.id, body: "TA's note", visibility: "private" } });
    expect((await w.act(w.ta.id, own.id, "pin")).moderation?.pinned).toBe(true);
    const question = await createComment({ userId: w.alice.id, input: { readingId: w.reading.id, blockId: w.block.id, body: "A question for staff", visibility: "instructors" } });
    expect((await w.act(w.ta.id, question.id, "endorse")).moderation?.endorsed).toBe(true);
  });

  test("hide needs a reason; a refused or conflicting action leaves no audit row", async () => {
    const w = await setup();
    const c = await w.post(w.alice.id, "A comment");
    const r = await w.post(w.bob.id, "A reply", c.id);
    await rejects(w.act(w.teacher.id, c.id, "hide"), "INVALID_INPUT", /reason/i);
    await rejects(w.act(w.teacher.id, c.id, "hide", "   "), "INVALID_INPUT", /reason/i);
    await rejects(w.act(w.teacher.id, c.id, "explode"), "INVALID_INPUT");
    await rejects(w.act(w.teacher.id, r.id, "pin"), "INVALID_INPUT", /first comment/);
    await rejects(w.act(w.teacher.id, c.id, "unhide"), "CONFLICT");
    await rejects(w.act(w.teacher.id, c.id, "dismiss"), "CONFLICT");
    expect(await db.moderationAction.count({ where: { courseId: w.course.id } })).toBe(0);
    // Every successful action is logged exactly once.
    for (const [id, action] of [
      [c.id, "pin"],
      [c.id, "lock"],
      [r.id, "endorse"],
      [r.id, "unendorse"],
      [c.id, "unlock"],
      [c.id, "unpin"],
    ] as const)
      await w.act(w.ta.id, id, action);
    const rows = await db.moderationAction.findMany({ where: { courseId: w.course.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((x) => x.action)).toEqual(["pin", "lock", "endorse", "unendorse", "unlock", "unpin"]);
    expect(rows.every((x) => x.actorId === w.ta.id && x.fromStatus === "VISIBLE" && x.toStatus === "VISIBLE")).toBe(true);

    // Staff delete: a tombstone for everyone (the thread's root stays while its reply does), logged.
    await w.act(w.teacher.id, c.id, "delete");
    const [thread] = await w.threads(w.bob.id);
    expect(thread!.root.state).toBe("deleted");
    expect(JSON.stringify(thread)).not.toContain("A comment");
    expect((await auditRows(c.id)).at(-1)).toMatchObject({ action: "delete", fromStatus: "VISIBLE", toStatus: "DELETED" });
    await rejects(w.act(w.teacher.id, c.id, "unhide"), "NOT_FOUND");
  });

  test("pinned threads come first; endorsed comments carry a badge; a locked thread takes no replies and says so", async () => {
    const w = await setup();
    const first = await w.post(w.alice.id, "First thread");
    const second = await w.post(w.bob.id, "Second thread");
    expect((await w.threads(w.bob.id)).map((t) => t.root.id)).toEqual([first.id, second.id]);
    await w.act(w.teacher.id, second.id, "pin");
    expect((await w.threads(w.bob.id)).map((t) => t.root.id)).toEqual([second.id, first.id]);
    expect((await w.threads(w.bob.id))[0]!.root.badges.map((b) => b.label)).toContain("Pinned");

    await w.act(w.teacher.id, first.id, "endorse");
    const endorsed = (await w.threads(w.bob.id)).find((t) => t.root.id === first.id)!.root;
    expect(endorsed.badges.map((b) => b.label)).toContain("Endorsed by an instructor");

    await w.act(w.teacher.id, first.id, "lock");
    const locked = (await w.threads(w.bob.id)).find((t) => t.root.id === first.id)!.root;
    expect(locked.can.reply).toBe(false);
    expect(locked.moderation?.locked).toBe(true);
    await rejects(w.post(w.bob.id, "Trying to reply", first.id), "CONFLICT", /locked/);
    expect(await db.comment.count({ where: { parentId: first.id } })).toBe(0);
    await w.act(w.teacher.id, first.id, "unlock");
    await w.post(w.bob.id, "Now I can", first.id);
  });

  test("a reply racing a thread lock: a lock committed while the reply is being written refuses it, and no half of it stays", async () => {
    const w = await setup();
    const root = await w.post(w.alice.id, "Thread");
    // The instructor's lock has written the thread's row but not committed when the reply
    // arrives: the reply's checks still see an open thread.
    let commitLock!: () => void;
    const committing = new Promise<void>((resolve) => (commitLock = resolve));
    const lock = db.$transaction(
      async (tx) => {
        await tx.comment.update({ where: { id: root.id }, data: { lockedAt: new Date() } });
        await committing;
      },
      { timeout: 30_000 },
    );
    await expect.poll(() => db.comment.findUnique({ where: { id: root.id }, select: { lockedAt: true } }).then((c) => c?.lockedAt)).toBeNull();
    const reply = w.post(w.bob.id, "Sneaking in", root.id).then(
      () => null,
      (e: unknown) => e,
    );
    // The reply waits for the thread's row (its insert and checks are done)…
    await expect
      .poll(async () => (await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%"activityAt"%'`)[0]!.n, { timeout: 15_000 })
      .toBe(1n);
    // … the lock commits first: the reply is refused with the lock's message, and not stored.
    commitLock();
    await lock;
    const error = await reply;
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("CONFLICT");
    expect((error as AppError).message).toMatch(/locked by an instructor/);
    expect(await db.comment.count({ where: { parentId: root.id } })).toBe(0);
    expect(await db.notification.count({ where: { recipientId: w.alice.id } })).toBe(0);
  });

  test("reports: one per person per comment, not one's own; hide resolves them; dismiss and approve too", async () => {
    const w = await setup();
    const c = await w.post(w.alice.id, "Questionable");
    await reportComment({ userId: w.bob.id, commentId: c.id, input: { reason: "Off topic" } });
    await rejects(reportComment({ userId: w.bob.id, commentId: c.id, input: { reason: "Again" } }), "CONFLICT", /already reported/);
    await rejects(reportComment({ userId: w.alice.id, commentId: c.id, input: { reason: "Mine" } }), "INVALID_INPUT");
    await rejects(reportComment({ userId: w.outsider.id, commentId: c.id, input: { reason: "Hm" } }), "NOT_FOUND");
    await rejects(reportComment({ userId: w.bob.id, commentId: c.id, input: { reason: "\u200b" } }), "INVALID_INPUT");
    expect(await db.commentReport.count({ where: { commentId: c.id } })).toBe(1);

    await w.act(w.teacher.id, c.id, "hide", "Off topic");
    const report = await db.commentReport.findFirstOrThrow({ where: { commentId: c.id } });
    expect(report).toMatchObject({ resolution: "hidden", resolvedById: w.teacher.id });
    expect(report.resolvedAt).not.toBeNull();

    const d = await w.post(w.alice.id, "Fine really");
    await reportComment({ userId: w.bob.id, commentId: d.id, input: { reason: "Not sure" } });
    await w.act(w.ta.id, d.id, "dismiss");
    expect((await db.commentReport.findFirstOrThrow({ where: { commentId: d.id } })).resolution).toBe("dismissed");
    expect((await db.comment.findUniqueOrThrow({ where: { id: d.id } })).status).toBe("VISIBLE");
    await rejects(w.act(w.ta.id, d.id, "dismiss"), "CONFLICT");
    expect((await auditRows(d.id)).map((r) => r.action)).toEqual(["dismiss"]);
  });
});

describe("the moderation queue", () => {
  test("staff see reported comments in context with the reasons; approving closes the reports; the log lists every action; students are refused", async () => {
    const { listModerationQueue } = await import("@/lib/moderation/list-moderation-queue");
    const { countOpenReports } = await import("@/lib/moderation/count-open-reports");
    const w = await setup();
    const c = await w.post(w.alice.id, "Borderline remark");
    await reportComment({ userId: w.bob.id, commentId: c.id, input: { reason: "Feels mean" } });
    const q = await listModerationQueue({ userId: w.ta.id, courseSlug: w.course.slug, tab: "reported" });
    expect(q.counts.reported).toBe(1);
    expect(q.items).toHaveLength(1);
    expect(q.items[0]!.comment.html).toContain("Borderline remark");
    expect(q.items[0]!.paragraph).toBe(1);
    expect(q.items[0]!.reading.slug).toBe(w.reading.slug);
    expect(q.items[0]!.reports.map((r) => `${r.reason} ${r.reporter}`)).toEqual(["Feels mean Bob"]);
    expect(await countOpenReports({ userId: w.teacher.id, courseId: w.course.id })).toBe(1);
    // Students get no count and no queue.
    expect(await countOpenReports({ userId: w.bob.id, courseId: w.course.id })).toBe(0);
    await rejects(listModerationQueue({ userId: w.bob.id, courseSlug: w.course.slug, tab: "reported" }), "FORBIDDEN");
    await rejects(listModerationQueue({ userId: w.outsider.id, courseSlug: w.course.slug, tab: "reported" }), "NOT_FOUND");

    await w.act(w.ta.id, c.id, "approve");
    expect((await listModerationQueue({ userId: w.ta.id, courseSlug: w.course.slug, tab: "reported" })).items).toHaveLength(0);
    expect((await db.comment.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("VISIBLE");
    const log = await listModerationQueue({ userId: w.teacher.id, courseSlug: w.course.slug, tab: "actioned" });
    expect(log.log.map((e) => `${e.action} by ${e.actor}`)).toEqual(["approve by Assistant"]);
  });
});
