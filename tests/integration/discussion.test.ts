import { describe, expect, test } from "vitest";
import pg from "pg";
import { db, makeUser, makeCourse, addMember } from "../support/db";
import { storeReading } from "@/lib/readings/store-reading";
import { createComment } from "@/lib/comments/create-comment";
import { editComment } from "@/lib/comments/edit-comment";
import { deleteComment } from "@/lib/comments/delete-comment";
import { reactToComment } from "@/lib/comments/react-to-comment";
import { listThreads } from "@/lib/comments/list-threads";
import { listThreadReplies } from "@/lib/comments/list-thread-replies";
import { getComment } from "@/lib/comments/get-comment";
import { listCommentHistory } from "@/lib/comments/list-comment-history";
import { markThreadsRead } from "@/lib/comments/mark-threads-read";
import { getReadingDiscussion } from "@/lib/comments/get-reading-discussion";
import { countUnreadByReading } from "@/lib/comments/count-unread";
import { INITIAL_REPLIES, MORE_REPLIES, THREADS_PER_PAGE } from "@/lib/comments/thread-query";
import { EDIT_IN_PROGRESS } from "@/lib/comments/write-transaction";
import { AppError } from "@/lib/errors";
import type { ImportedReading } from "@/lib/import/types";

const TEXT = "The visit of the Soviet leaders to Belgrade aroused world-wide attention because of its possible implications.";

const imported = (): ImportedReading => ({
  title: "Belgrade",
  author: null,
  source: null,
  date: null,
  format: "text",
  blocks: [
    { kind: "paragraph", text: TEXT },
    { kind: "paragraph", text: "This looked to be the purpose of the Soviet pilgrimage to Belgrade." },
    { kind: "paragraph", text: "A third paragraph for long threads." },
  ],
  notes: [],
  report: [],
});

async function setup() {
  const teacher = await makeUser("Teacher");
  const ta = await makeUser("Assistant");
  const alice = await makeUser("Alice");
  const bob = await makeUser("Bob");
  const course = await makeCourse(teacher.id);
  await addMember(course.id, ta.id, "TA");
  await addMember(course.id, alice.id);
  await addMember(course.id, bob.id);
  const reading = await storeReading(db, { courseId: course.id, imported: imported() });
  const blocks = await db.block.findMany({ where: { readingId: reading.id }, orderBy: { position: "asc" } });
  const post = (userId: string, body: string, extra: { blockId?: string; parentId?: string; passage?: object } = {}) =>
    createComment({ userId, input: { readingId: reading.id, blockId: extra.blockId ?? blocks[0]!.id, body, ...extra } });
  const page = (userId: string, query: object = {}) => listThreads({ userId, query: { blockId: blocks[0]!.id, ...query } });
  return { teacher, ta, alice, bob, course, reading, blocks, post, page };
}

async function rejects(promise: Promise<unknown>, code: string, message?: RegExp) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error, "expected a refusal").toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
}

describe("Markdown in comments", () => {
  test("is stored rendered and sanitized; the author alone gets the source back", async () => {
    const s = await setup();
    const c = await s.post(s.alice.id, "**Belgrade** matters: [source](https://example.org) <script>alert(1)</script> [x](javascript:alert(1))");
    expect(c.html).toContain("<strong>Belgrade</strong>");
    expect(c.html).toContain('<a href="https://example.org" rel="nofollow noopener ugc" target="_blank">source</a>');
    expect(c.html).not.toMatch(/<script|href="javascript/);
    expect(c.source).toContain("**Belgrade**");
    const seenByBob = (await s.page(s.bob.id)).threads[0]!.root;
    expect(seenByBob.html).toBe(c.html);
    expect(seenByBob.source).toBeNull();
  });

  test("plain text posted before Markdown existed shows exactly as written", async () => {
    const s = await setup();
    const legacy = await db.comment.create({
      data: { courseId: s.course.id, readingId: s.reading.id, blockId: s.blocks[0]!.id, authorId: s.alice.id, body: "a *literal* <b>tag</b>\n1. not a list" },
    });
    const view = (await getComment({ userId: s.bob.id, commentId: legacy.id })).comment;
    expect(view.html).toBe("<p>a *literal* &lt;b&gt;tag&lt;/b&gt;<br>\n1. not a list</p>");
  });
});

describe("passages", () => {
  test("a passage comment stores the W3C selectors; offsets that do not match the text are refused and change nothing", async () => {
    const s = await setup();
    const start = TEXT.indexOf("Soviet leaders");
    const c = await s.post(s.alice.id, "Which leaders?", { passage: { start, end: start + 14, quote: "Soviet leaders" } });
    expect(c.passage).toEqual({ quote: "Soviet leaders", start, end: start + 14 });
    const row = await db.comment.findUniqueOrThrow({ where: { id: c.id } });
    expect(row).toMatchObject({ quote: "Soviet leaders", prefix: TEXT.slice(0, start), suffix: TEXT.slice(start + 14, start + 14 + 32), startOffset: start, endOffset: start + 14 });

    const before = await db.comment.count();
    await rejects(s.post(s.alice.id, "x", { passage: { start, end: start + 14, quote: "Soviet readers" } }), "INVALID_INPUT", /does not match paragraph 1/);
    await rejects(s.post(s.alice.id, "x", { passage: { start: TEXT.length - 2, end: TEXT.length + 12, quote: "s.abcdefghijkl" } }), "INVALID_INPUT", /does not match/);
    await rejects(s.post(s.alice.id, "x", { passage: { start: 5, end: 3, quote: "xy" } }), "INVALID_INPUT");
    await rejects(s.post(s.bob.id, "x", { parentId: c.id, passage: { start, end: start + 14, quote: "Soviet leaders" } }), "INVALID_INPUT", /cannot quote/);
    expect(await db.comment.count()).toBe(before);

    // The reading page gets the highlight, with the thread's first line as its tip.
    const discussion = await getReadingDiscussion({ viewer: { userId: s.bob.id, role: "STUDENT" }, readingId: s.reading.id });
    expect(discussion.highlights[s.blocks[0]!.id]).toEqual([{ threadId: c.id, start, end: start + 14, tip: "Alice: Which leaders?" }]);
  });

  test("threads follow the text: paragraph-wide threads first, then passages by where they start", async () => {
    const s = await setup();
    const late = await s.post(s.alice.id, "on 'implications'", { passage: { start: TEXT.indexOf("implications"), end: TEXT.indexOf("implications") + 12, quote: "implications" } });
    const whole = await s.post(s.bob.id, "on the whole paragraph");
    const early = await s.post(s.bob.id, "on 'visit'", { passage: { start: 4, end: 9, quote: "visit" } });
    expect((await s.page(s.alice.id)).threads.map((t) => t.root.id)).toEqual([whole.id, early.id, late.id]);
    // Most recent activity: a reply moves its thread first.
    await s.post(s.teacher.id, "reply", { parentId: late.id });
    await new Promise((r) => setTimeout(r, 5));
    await s.post(s.teacher.id, "reply", { parentId: whole.id });
    expect((await s.page(s.alice.id, { sort: "activity" })).threads.map((t) => t.root.id)).toEqual([whole.id, late.id, early.id]);
  });
});

describe("edit and delete", () => {
  test("editing one's own comment keeps every earlier version for instructors and TAs; students cannot read the history", async () => {
    const s = await setup();
    const c = await s.post(s.alice.id, "First thought");
    const edited = await editComment({ userId: s.alice.id, commentId: c.id, input: { body: "Second thought" } });
    expect(edited.html).toBe("<p>Second thought</p>");
    expect(edited.editedAt).not.toBeNull();
    await editComment({ userId: s.alice.id, commentId: c.id, input: { body: "Third *thought*" } });
    const history = await listCommentHistory({ userId: s.teacher.id, commentId: c.id });
    expect(history.versions.map((v) => v.html)).toEqual(["<p>First thought</p>", "<p>Second thought</p>"]);
    expect(history.current.html).toBe("<p>Third *thought*</p>");
    expect((await listCommentHistory({ userId: s.ta.id, commentId: c.id })).versions).toHaveLength(2);
    await rejects(listCommentHistory({ userId: s.alice.id, commentId: c.id }), "FORBIDDEN");
    // Only staff get the History action.
    expect((await getComment({ userId: s.teacher.id, commentId: c.id })).comment.can.history).toBe(true);
    expect((await getComment({ userId: s.bob.id, commentId: c.id })).comment.can.history).toBe(false);
  });

  test("editing or deleting someone else's comment, or an empty edit, is refused and changes nothing", async () => {
    const s = await setup();
    const c = await s.post(s.alice.id, "Mine");
    await rejects(editComment({ userId: s.bob.id, commentId: c.id, input: { body: "Hijacked" } }), "FORBIDDEN", /your own/);
    await rejects(editComment({ userId: s.teacher.id, commentId: c.id, input: { body: "Hijacked" } }), "FORBIDDEN", /your own/);
    await rejects(deleteComment({ userId: s.bob.id, commentId: c.id }), "FORBIDDEN", /your own/);
    await rejects(editComment({ userId: s.alice.id, commentId: c.id, input: { body: "  \n " } }), "INVALID_INPUT", /Write something/);
    await rejects(editComment({ userId: s.alice.id, commentId: c.id, input: { body: "x".repeat(10_001) } }), "INVALID_INPUT", /at most 10,000/);
    const outsider = await makeUser("Outsider");
    await rejects(editComment({ userId: outsider.id, commentId: c.id, input: { body: "Hi" } }), "NOT_FOUND");
    const row = await db.comment.findUniqueOrThrow({ where: { id: c.id }, include: { revisions: true } });
    expect(row.body).toBe("Mine");
    expect(row.status).toBe("VISIBLE");
    expect(row.revisions).toEqual([]);
  });

  test("delete leaves a tombstone only while replies exist; its text never reaches a student by any path", async () => {
    const s = await setup();
    const start = TEXT.indexOf("Belgrade");
    const root = await s.post(s.alice.id, "SECRET-ROOT-TEXT", { passage: { start, end: start + 8, quote: "Belgrade" } });
    const reply = await s.post(s.bob.id, "A reply", { parentId: root.id });
    const lonely = await s.post(s.alice.id, "SECRET-LONELY-TEXT");
    await deleteComment({ userId: s.alice.id, commentId: root.id });
    await deleteComment({ userId: s.alice.id, commentId: lonely.id });
    await rejects(deleteComment({ userId: s.alice.id, commentId: lonely.id }), "NOT_FOUND", /already deleted/);

    for (const viewer of [s.bob, s.alice]) {
      const page = await s.page(viewer.id);
      expect(page.threads.map((t) => t.root.id)).toEqual([root.id]);
      expect(page.threads[0]!.root).toMatchObject({ state: "deleted", html: null, source: null, author: null, passage: { quote: "Belgrade" } });
      expect(page.threads[0]!.replies.map((r) => r.id)).toEqual([reply.id]);
      expect(JSON.stringify(page)).not.toMatch(/SECRET|Alice/);
      const deep = await getComment({ userId: viewer.id, commentId: root.id, withThread: true });
      expect(JSON.stringify(deep)).not.toMatch(/SECRET/);
      await rejects(getComment({ userId: viewer.id, commentId: lonely.id }), "NOT_FOUND");
    }
    const discussion = await getReadingDiscussion({ viewer: { userId: s.bob.id, role: "STUDENT" }, readingId: s.reading.id });
    expect(JSON.stringify(discussion)).not.toMatch(/SECRET/);
    expect(discussion.highlights[s.blocks[0]!.id]).toEqual([expect.objectContaining({ threadId: root.id, tip: "Comment deleted" })]);
    expect(discussion.counts[s.blocks[0]!.id]).toMatchObject({ total: 1 });
    // Instructors can still read what was deleted (audit).
    expect((await listCommentHistory({ userId: s.teacher.id, commentId: root.id })).current.html).toContain("SECRET-ROOT-TEXT");

    // When the last reply goes, so does the tombstone (and its highlight).
    await deleteComment({ userId: s.bob.id, commentId: reply.id });
    expect((await s.page(s.bob.id)).threads).toEqual([]);
    const after = await getReadingDiscussion({ viewer: { userId: s.bob.id, role: "STUDENT" }, readingId: s.reading.id });
    expect(after.highlights[s.blocks[0]!.id]).toBeUndefined();
    // Nothing can be replied to, edited or reacted to once deleted.
    await rejects(s.post(s.bob.id, "late reply", { parentId: root.id }), "INVALID_INPUT", /deleted/);
    await rejects(editComment({ userId: s.alice.id, commentId: root.id, input: { body: "revive" } }), "NOT_FOUND");
    await rejects(reactToComment({ userId: s.bob.id, commentId: root.id, helpful: true }), "NOT_FOUND");
    // Opening the paragraph marks only threads Bob is shown: the deleted ones left nothing.
    expect(await markThreadsRead({ userId: s.bob.id, input: { blockId: s.blocks[0]!.id } })).toEqual({ blockId: s.blocks[0]!.id, threads: 0 });
    expect(await db.threadRead.count({ where: { userId: s.bob.id } })).toBe(0);
  });

  test("a private note's history is its author's alone: instructors are told it does not exist, students too", async () => {
    const s = await setup();
    const note = await db.comment.create({
      data: { courseId: s.course.id, readingId: s.reading.id, blockId: s.blocks[0]!.id, authorId: s.ta.id, visibility: "PRIVATE", body: "SECRET-NOTE" },
    });
    for (const viewer of [s.teacher, s.alice]) await rejects(listCommentHistory({ userId: viewer.id, commentId: note.id }), "NOT_FOUND");
    expect((await listCommentHistory({ userId: s.ta.id, commentId: note.id })).current.html).toContain("SECRET-NOTE");
    // Deleted, it stays out of reach (a class comment's deleted text stays readable: above).
    await deleteComment({ userId: s.ta.id, commentId: note.id });
    await rejects(listCommentHistory({ userId: s.teacher.id, commentId: note.id }), "NOT_FOUND");
  });
});

describe("Helpful reactions", () => {
  test("one per person, never on one's own comment, with names; marking twice or unmarking nothing is refused", async () => {
    const s = await setup();
    const c = await s.post(s.alice.id, "Helpful?");
    const marked = await reactToComment({ userId: s.bob.id, commentId: c.id, helpful: true });
    expect(marked.helpful).toEqual({ count: 1, mine: true, names: ["Bob"] });
    await rejects(reactToComment({ userId: s.bob.id, commentId: c.id, helpful: true }), "CONFLICT", /already/);
    await rejects(reactToComment({ userId: s.alice.id, commentId: c.id, helpful: true }), "INVALID_INPUT", /your own/);
    // Racing double clicks still make one.
    await Promise.allSettled(Array.from({ length: 6 }, () => reactToComment({ userId: s.teacher.id, commentId: c.id, helpful: true })));
    expect(await db.reaction.count({ where: { commentId: c.id } })).toBe(2);
    const seen = (await getComment({ userId: s.alice.id, commentId: c.id })).comment;
    expect(seen.helpful).toEqual({ count: 2, mine: false, names: ["Bob", "Teacher"] });
    expect(seen.can.react).toBe(false);
    await reactToComment({ userId: s.bob.id, commentId: c.id, helpful: false });
    await rejects(reactToComment({ userId: s.bob.id, commentId: c.id, helpful: false }), "CONFLICT", /had not/);
    expect(await db.reaction.count({ where: { commentId: c.id } })).toBe(1);
  });
});

describe("unread", () => {
  test("new since the last visit, per paragraph, per comment and per reading; opening a thread marks it read; one's own never count", async () => {
    const s = await setup();
    const first = await s.post(s.bob.id, "One");
    await s.post(s.bob.id, "Two", { blockId: s.blocks[1]!.id });
    await s.post(s.alice.id, "Mine");
    const viewer = { userId: s.alice.id, role: "STUDENT" as const };
    let d = await getReadingDiscussion({ viewer, readingId: s.reading.id });
    expect(d.counts[s.blocks[0]!.id]).toEqual({ total: 2, fresh: 1 });
    expect(d.counts[s.blocks[1]!.id]).toEqual({ total: 1, fresh: 1 });
    expect((await countUnreadByReading({ userId: s.alice.id, courseId: s.course.id })).get(s.reading.id)).toBe(2);
    expect((await s.page(s.alice.id)).threads.map((t) => [t.root.html, t.root.isNew])).toEqual([
      ["<p>One</p>", true],
      ["<p>Mine</p>", false],
    ]);

    await markThreadsRead({ userId: s.alice.id, input: { blockId: s.blocks[0]!.id } });
    d = await getReadingDiscussion({ viewer, readingId: s.reading.id });
    expect(d.counts[s.blocks[0]!.id]).toEqual({ total: 2, fresh: 0 });
    expect((await countUnreadByReading({ userId: s.alice.id, courseId: s.course.id })).get(s.reading.id)).toBe(1);

    // A later reply is new again, and only it.
    await new Promise((r) => setTimeout(r, 5));
    const reply = await s.post(s.teacher.id, "Reply", { parentId: first.id });
    d = await getReadingDiscussion({ viewer, readingId: s.reading.id });
    expect(d.counts[s.blocks[0]!.id]).toEqual({ total: 3, fresh: 1 });
    const thread = (await s.page(s.alice.id)).threads[0]!;
    expect([thread.root.isNew, thread.replies.find((r) => r.id === reply.id)!.isNew]).toEqual([false, true]);
    // Bob has read nothing: everything not his is new to him.
    expect((await getReadingDiscussion({ viewer: { userId: s.bob.id, role: "STUDENT" }, readingId: s.reading.id })).counts[s.blocks[0]!.id]).toEqual({ total: 3, fresh: 2 });
  });
});

describe("bounded lists", () => {
  test("a paragraph with 60 threads comes a page at a time, each thread once, in order", async () => {
    const s = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push((await s.post(i % 2 ? s.alice.id : s.bob.id, `thread ${i}`, { blockId: s.blocks[2]!.id })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listThreads>> = await listThreads({ userId: s.alice.id, query: { blockId: s.blocks[2]!.id, ...(cursor ? { cursor } : {}) } });
      expect(page.threads.length).toBeLessThanOrEqual(THREADS_PER_PAGE);
      seen.push(...page.threads.map((t) => t.root.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(Math.ceil(60 / THREADS_PER_PAGE));
    expect(seen).toEqual(ids);
    await rejects(listThreads({ userId: s.alice.id, query: { blockId: s.blocks[2]!.id, cursor: "not-a-cursor" } }), "INVALID_INPUT", /page link/);
    // A forged page link with keys its columns cannot hold is a 422, not a query PostgreSQL
    // refuses (the HTTP fuzzer found an int4 overflow answering 500).
    const forged = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const t = new Date().toISOString();
    for (const [sort, cursor] of [
      ["text", forged({ s: "text", k: -(2 ** 31) - 1, t, id: "x" })],
      ["text", forged({ s: "text", k: 2 ** 31, t, id: "x" })],
      ["text", forged({ s: "text", k: "2024-01-01T00:00:00Z", t, id: "x" })],
      ["text", forged({ s: "text", k: 0, t: "0000-01-01T00:00:00Z", id: "x" })],
      ["activity", forged({ s: "activity", k: "-000001-01-01T00:00:00Z", t, id: "x" })],
      ["activity", forged({ s: "activity", k: t, t, id: "a\u0000b" })],
    ] as const) {
      await rejects(listThreads({ userId: s.alice.id, query: { blockId: s.blocks[2]!.id, sort, cursor } }), "INVALID_INPUT", /page link/);
    }
    await rejects(listThreadReplies({ userId: s.alice.id, rootId: ids[0]!, query: { cursor: forged({ t: "+275760-09-13T00:00:00.000Z", id: "x" }) } }), "INVALID_INPUT", /page link/);
    await rejects(listThreads({ userId: s.alice.id, query: { blockId: "x\u0000y" } }), "INVALID_INPUT");
  });

  test("a 3,000-deep reply chain is served in bounded pages, every reply exactly once", async () => {
    const s = await setup();
    const root = await s.post(s.alice.id, "root", { blockId: s.blocks[2]!.id });
    // Bulk-insert the chain (each reply answers the previous one).
    await db.$executeRaw`
      INSERT INTO "Comment" ("id", "courseId", "readingId", "blockId", "parentId", "rootId", "authorId", "body", "bodyHtml", "createdAt", "updatedAt", "activityAt")
      SELECT 'deep' || g, ${s.course.id}, ${s.reading.id}, ${s.blocks[2]!.id},
             CASE WHEN g = 1 THEN ${root.id} ELSE 'deep' || (g - 1) END, ${root.id}, ${s.bob.id}, 'reply ' || g, '<p>reply ' || g || '</p>',
             now() + g * interval '1 millisecond', now(), now()
      FROM generate_series(1, 3000) g`;
    const page = await s.page(s.alice.id, { blockId: s.blocks[2]!.id });
    const thread = page.threads.find((t) => t.root.id === root.id)!;
    expect(thread.replies).toHaveLength(INITIAL_REPLIES);
    expect(thread.replyCount).toBe(3000);
    const all = thread.replies.map((r) => r.id);
    let cursor = thread.moreReplies;
    let calls = 0;
    while (cursor) {
      const more = await listThreadReplies({ userId: s.alice.id, rootId: root.id, query: { cursor } });
      expect(more.replies.length).toBeLessThanOrEqual(MORE_REPLIES);
      all.push(...more.replies.map((r) => r.id));
      cursor = more.moreReplies;
      calls++;
    }
    expect(calls).toBe(Math.ceil((3000 - INITIAL_REPLIES) / MORE_REPLIES));
    expect(new Set(all).size).toBe(3000);
    expect(all[2999]).toBe("deep3000");
    // A deep link to the 2,000th reply loads the thread up to it.
    const deep = await getComment({ userId: s.alice.id, commentId: "deep2000", withThread: true });
    expect(deep.thread!.replies.at(-1)!.id).toBe("deep2000");
    expect(deep.thread!.replies.length).toBe(500);
    expect(deep.thread!.replies[0]!.id).toBe("deep1501");
    expect(deep.thread!.moreReplies).not.toBeNull();
  });
});

describe("comments during a reading edit", () => {
  test("a post while the reading is locked for an edit gets the 409 message within a second or so, not a 500 after the timeout", async () => {
    const s = await setup();
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    await holder.query("BEGIN");
    await holder.query(`SELECT id FROM "Reading" WHERE id = $1 FOR UPDATE`, [s.reading.id]);
    try {
      const t0 = Date.now();
      await rejects(s.post(s.alice.id, "During the edit"), "CONFLICT", new RegExp(EDIT_IN_PROGRESS.slice(0, 40)));
      expect(Date.now() - t0).toBeLessThan(5000);
      await rejects(reactToComment({ userId: s.alice.id, commentId: (await db.comment.findFirst({ where: { readingId: s.reading.id } }))?.id ?? "none", helpful: true }), "NOT_FOUND");
    } finally {
      await holder.query("ROLLBACK");
      await holder.end();
    }
    expect(await db.comment.count({ where: { readingId: s.reading.id, body: "During the edit" } })).toBe(0);
    await s.post(s.alice.id, "After the edit");
  });
});
