/**
 * Opening a paragraph's discussion (GET /api/comments?blockId=…) is the request readers make
 * most. Its page of threads is built in a few statements (lib/comments/thread-query.ts), not
 * through the one-comment path (viewComments); these tests hold the two to the same answer
 * for every viewer, and the page to its statement budget.
 */
import { describe, expect, test } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { inject } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { db, makeUser, makeCourse, addMember } from "../support/db";
import { storeReading } from "@/lib/readings/store-reading";
import { createComment } from "@/lib/comments/create-comment";
import { deleteComment } from "@/lib/comments/delete-comment";
import { reactToComment } from "@/lib/comments/react-to-comment";
import { listThreads } from "@/lib/comments/list-threads";
import { getComment } from "@/lib/comments/get-comment";
import { markThreadsRead } from "@/lib/comments/mark-threads-read";
import { moderateComment } from "@/lib/moderation/moderate-comment";
import { INITIAL_REPLIES, THREADS_PER_PAGE } from "@/lib/comments/thread-query";
import type { CommentView, ThreadView } from "@/lib/comments/comment-view";

async function setup() {
  const teacher = await makeUser("Teacher");
  const alice = await makeUser("Alice");
  const bob = await makeUser("Bob");
  const carol = await makeUser("Carol");
  const course = await makeCourse(teacher.id);
  await db.course.update({ where: { id: course.id }, data: { allowAnonymous: true } });
  for (const s of [alice, bob, carol]) await addMember(course.id, s.id);
  const reading = await storeReading(db, {
    courseId: course.id,
    imported: { title: "Belgrade", author: null, source: null, date: null, format: "text", blocks: [{ kind: "paragraph", text: "The visit of the Soviet leaders to Belgrade aroused attention." }], notes: [], report: [] },
  });
  const block = (await db.block.findFirst({ where: { readingId: reading.id } }))!;
  const post = (userId: string, body: string, extra: object = {}) => createComment({ userId, input: { readingId: reading.id, blockId: block.id, body, ...extra } });
  const act = (userId: string, commentId: string, action: string, reason?: string) => moderateComment({ userId, commentId, input: reason ? { action, reason } : { action } });
  return { teacher, alice, bob, carol, course, reading, block, post, act };
}

const everyComment = (threads: ThreadView[]) => threads.flatMap((t) => [t.root, ...t.replies]);

describe("opening a paragraph's discussion", () => {
  test("each comment on the page is what the one-comment API says to that viewer: names, roles, Helpful, New, locked, pinned, hidden, deleted, anonymous", async () => {
    const w = await setup();
    // A pinned, locked thread with replies, one of them hidden and one deleted under a reply.
    const pinned = await w.post(w.alice.id, "Pinned question");
    const hiddenReply = await w.post(w.bob.id, "A reply staff will hide", { parentId: pinned.id });
    await w.post(w.alice.id, "A reply under the hidden one", { parentId: hiddenReply.id });
    const deleted = await w.post(w.carol.id, "A reply its author deletes", { parentId: pinned.id });
    await w.post(w.alice.id, "A reply to the deleted one", { parentId: deleted.id });
    await w.act(w.teacher.id, pinned.id, "pin");
    await w.act(w.teacher.id, pinned.id, "lock");
    await w.act(w.teacher.id, hiddenReply.id, "hide", "Off topic");
    await deleteComment({ userId: w.carol.id, commentId: deleted.id });
    // An anonymous thread, an endorsed instructor's reply, Helpful marks; Bob reads it, then Carol replies.
    const anon = await w.post(w.alice.id, "Asked anonymously", { anonymous: true });
    const answer = await w.post(w.teacher.id, "The instructor answers", { parentId: anon.id });
    await w.act(w.teacher.id, answer.id, "endorse");
    await reactToComment({ userId: w.bob.id, commentId: answer.id, helpful: true });
    await reactToComment({ userId: w.carol.id, commentId: answer.id, helpful: true });
    await markThreadsRead({ userId: w.bob.id, input: { blockId: w.block.id } });
    await new Promise((r) => setTimeout(r, 5));
    await w.post(w.carol.id, "Written after Bob's visit", { parentId: anon.id });

    for (const viewer of [w.alice, w.bob, w.carol, w.teacher]) {
      const page = await listThreads({ userId: viewer.id, query: { blockId: w.block.id } });
      const shown = everyComment(page.threads);
      expect(shown.length, `what ${viewer.name} is shown`).toBeGreaterThanOrEqual(6);
      for (const comment of shown) {
        const alone = (await getComment({ userId: viewer.id, commentId: comment.id })).comment as CommentView;
        expect(comment, `${viewer.name}: ${comment.id}`).toEqual(alone);
      }
    }
    // What a classmate notices, spelled out.
    const bobs = (await listThreads({ userId: w.bob.id, query: { blockId: w.block.id } })).threads;
    expect(bobs[0]!.root.badges.map((b) => b.label)).toEqual(expect.arrayContaining(["Pinned", "Locked"]));
    expect(bobs[0]!.replies.every((r) => !r.can.reply)).toBe(true);
    const anonThread = bobs.find((t) => t.root.id === anon.id)!;
    expect(anonThread.root.author?.name).toBe("Classmate A");
    expect(JSON.stringify(anonThread)).not.toContain(w.alice.id);
    const endorsed = anonThread.replies.find((r) => r.id === answer.id)!;
    expect(endorsed.helpful).toEqual({ count: 2, mine: true, names: ["Bob", "Carol"] });
    expect(endorsed.author?.role).toBe("INSTRUCTOR");
    expect(anonThread.replies.map((r) => r.isNew)).toEqual([false, true]);
    const carolsView = (await listThreads({ userId: w.carol.id, query: { blockId: w.block.id } })).threads[0]!;
    expect(carolsView.replies.map((r) => r.state)).toEqual(["withheld", "visible", "deleted", "visible"]);
  });

  test("a busy paragraph costs three statements after the session, however many threads, replies, marks and visits", async () => {
    const w = await setup();
    for (let t = 0; t < THREADS_PER_PAGE + 5; t++) {
      const root = await w.post(t % 2 ? w.alice.id : w.carol.id, `Thread ${t}`);
      for (let r = 0; r < (t < 3 ? INITIAL_REPLIES + 2 : 2); r++) await w.post(r % 2 ? w.carol.id : w.teacher.id, `Reply ${r} to ${t}`, { parentId: root.id });
      if (t % 3 === 0) await reactToComment({ userId: w.bob.id, commentId: root.id, helpful: true });
    }
    await markThreadsRead({ userId: w.bob.id, input: { blockId: w.block.id } });

    // The same data functions, on a client that logs what it sends.
    const statements: string[] = [];
    const logging = new PrismaClient({ adapter: new PrismaPg({ connectionString: inject("databaseUrl") }), log: [{ emit: "event", level: "query" }] });
    logging.$on("query", (e) => statements.push(e.query));
    const global = globalThis as unknown as { colloquyDb?: unknown };
    const shared = global.colloquyDb;
    global.colloquyDb = logging;
    try {
      const first = await listThreads({ userId: w.bob.id, query: { blockId: w.block.id } });
      expect(statements.length, statements.join("\n---\n")).toBeLessThanOrEqual(3);
      expect(first.threads).toHaveLength(THREADS_PER_PAGE);
      expect(first.threads[0]!.replies).toHaveLength(INITIAL_REPLIES);
      expect(first.threads[0]!.replyCount).toBe(INITIAL_REPLIES + 2);
      expect(first.threads[0]!.moreReplies).not.toBeNull();
      expect(first.threads[3]!.moreReplies).toBeNull();
      expect(first.nextCursor).not.toBeNull();
      // The same answer every time (PostgreSQL switches to a cached plan after a few runs of a prepared statement).
      for (let i = 0; i < 7; i++) expect(await listThreads({ userId: w.bob.id, query: { blockId: w.block.id } })).toEqual(first);
      statements.length = 0;
      const second = await listThreads({ userId: w.bob.id, query: { blockId: w.block.id, cursor: first.nextCursor } });
      expect(statements.length).toBeLessThanOrEqual(3);
      expect(second.threads).toHaveLength(5);
    } finally {
      global.colloquyDb = shared;
      await logging.$disconnect();
    }
  });
});
