/**
 * "Post before you see" (issue 8 item 5; Reading.postFirst, the post-first gate in
 * lib/comments/visibility.ts): a student who has not posted on a paragraph gets none of
 * the others' comments there, channel by channel — reading page data, thread API (and
 * deep links), search, live events, notifications — until they post a class or
 * instructors-only comment there. Staff always see everything; a private note opens nothing.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { db, makeUser, makeCourse, addMember } from "../support/db";
import { storeReading } from "@/lib/readings/store-reading";
import { createComment } from "@/lib/comments/create-comment";
import { deleteComment } from "@/lib/comments/delete-comment";
import { getReadingDiscussion } from "@/lib/comments/get-reading-discussion";
import { listThreads } from "@/lib/comments/list-threads";
import { getComment } from "@/lib/comments/get-comment";
import { reactToComment } from "@/lib/comments/react-to-comment";
import { reportComment } from "@/lib/moderation/report-comment";
import { searchCourse } from "@/lib/search/search-course";
import { searchParamsSchema } from "@/lib/validations/search";
import { deliver, type Audience, type Listener } from "@/lib/live/audience";
import { readingTopic } from "@/lib/live/topics";
import { moderateReading } from "@/lib/moderation/settings";
import { postedBlockIdsOf } from "@/lib/comments/visibility";
import { countUnreadNotifications, listNotifications } from "@/lib/notifications/list-notifications";
import { isAppError } from "@/lib/errors";
import type { Role } from "@/generated/prisma/client";

async function refusal(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
    return "allowed";
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
}

let w: Awaited<ReturnType<typeof setup>>;

async function setup() {
  const teacher = await makeUser("Professor Gate");
  const ta = await makeUser("Tara Assistant");
  const alice = await makeUser("Alice Latecomer");
  const bob = await makeUser("Bob Firstposter");
  const carol = await makeUser("Carol Quiet");
  const course = await makeCourse(teacher.id);
  await addMember(course.id, ta.id, "TA");
  for (const s of [alice, bob, carol]) await addMember(course.id, s.id);
  const reading = await storeReading(db, {
    courseId: course.id,
    imported: {
      title: "Gated",
      author: null,
      source: null,
      date: null,
      format: "text",
      blocks: [{ kind: "paragraph", text: "The miner carried a lamp into the gallery." }, { kind: "paragraph", text: "A second paragraph nobody discussed." }],
      notes: [],
      report: [],
    },
  });
  const [p1, p2] = await db.block.findMany({ where: { readingId: reading.id }, orderBy: { position: "asc" } });
  return { teacher, ta, alice, bob, carol, course, reading, p1: p1!, p2: p2! };
}

beforeAll(async () => {
  w = await setup();
});

const role = (id: string): Role => (id === w.teacher.id ? "INSTRUCTOR" : id === w.ta.id ? "TA" : "STUDENT");
const viewer = (id: string) => ({ userId: id, role: role(id) });

/** Everything one user receives about paragraph 1, through each channel. */
async function channels(userId: string, word: string) {
  const page = await getReadingDiscussion({ viewer: viewer(userId), readingId: w.reading.id });
  const threads = await listThreads({ userId, query: { blockId: w.p1.id } });
  const found = await searchCourse({ userId, courseSlug: w.course.slug, params: searchParamsSchema.parse({ q: word }) });
  return {
    count: page.counts[w.p1.id]?.total ?? 0,
    highlights: (page.highlights[w.p1.id] ?? []).length,
    threadIds: threads.threads.flatMap((t) => [t.root.id, ...t.replies.map((r) => r.id)]),
    locked: threads.locked ?? null,
    searchIds: found.comments.map((c) => c.id),
    text: JSON.stringify([page.highlights[w.p1.id], threads, found.comments]),
  };
}

/** The live event a comment published, as a listener's stream would deliver it. */
async function liveFor(listener: Listener, commentId: string) {
  const events = await db.liveEvent.findMany({ where: { topic: readingTopic(w.reading.id) }, orderBy: { id: "asc" }, select: { data: true, audience: true } });
  const event = events.find((e) => (e.data as { commentId?: string }).commentId === commentId);
  expect(event, "the post published a live event").toBeDefined();
  return deliver(listener, event!.audience as unknown as Audience, event!.data as Record<string, unknown>);
}

describe("the setting", () => {
  test("off by default; staff turn it on and off through the reading's settings; students cannot; a repeat is a conflict", async () => {
    expect((await db.reading.findUniqueOrThrow({ where: { id: w.reading.id } })).postFirst).toBe(false);
    const slug = w.reading.slug;
    expect(await refusal(() => moderateReading({ userId: w.alice.id, courseSlug: w.course.slug, readingSlug: slug, input: { action: "post-first-on" } }))).toBe("FORBIDDEN");
    expect(await refusal(() => moderateReading({ userId: w.teacher.id, courseSlug: w.course.slug, readingSlug: slug, input: { action: "post-first", extra: 1 } }))).toBe("INVALID_INPUT");
    const on = await moderateReading({ userId: w.teacher.id, courseSlug: w.course.slug, readingSlug: slug, input: { action: "post-first-on" } });
    expect(on.postFirst).toBe(true);
    expect(await refusal(() => moderateReading({ userId: w.ta.id, courseSlug: w.course.slug, readingSlug: slug, input: { action: "post-first-on" } }))).toBe("CONFLICT");
    expect(await db.moderationAction.count({ where: { readingId: w.reading.id, action: "post-first-on" } })).toBe(1);
  });
});

describe("post before you see, channel by channel", () => {
  let bobComment: string;
  let teacherReply: string;
  let aliceNote: string;

  test("a student who has not posted on the paragraph gets none of the others' comments there — only a count in the panel", async () => {
    const start = w.p1.text.indexOf("lamp");
    const bobs = await createComment({
      userId: w.bob.id,
      input: { readingId: w.reading.id, blockId: w.p1.id, body: `The lamp is a zorblattic image. @[Carol Quiet](user:${w.carol.id}) @[Professor Gate](user:${w.teacher.id})`, passage: { start, end: start + 4, quote: "lamp" } },
    });
    bobComment = bobs.id;
    teacherReply = (await createComment({ userId: w.teacher.id, input: { readingId: w.reading.id, blockId: w.p1.id, parentId: bobComment, body: "Say more about zorblattic lamps." } })).id;
    // Alice writes a private note: it is hers to see, and it opens nothing.
    aliceNote = (await createComment({ userId: w.alice.id, input: { readingId: w.reading.id, blockId: w.p1.id, body: "My own zorblattic thought.", visibility: "private" } })).id;

    const alice = await channels(w.alice.id, "zorblattic");
    expect(alice.count).toBe(1); // her note
    expect(alice.highlights).toBe(0);
    expect(alice.threadIds).toEqual([aliceNote]);
    expect(alice.locked).toEqual({ hidden: 2 });
    expect(alice.searchIds).toEqual([aliceNote]);
    expect(alice.text).not.toContain(w.bob.name);
    expect(alice.text).not.toContain("Say more");
    expect(await refusal(() => getComment({ userId: w.alice.id, commentId: bobComment, withThread: true }))).toBe("NOT_FOUND");
    expect(await refusal(() => getComment({ userId: w.alice.id, commentId: teacherReply }))).toBe("NOT_FOUND");
    // Nor by acting on it by id: a Helpful mark (which answered with the comment's text) or a report.
    expect(await refusal(() => reactToComment({ userId: w.alice.id, commentId: bobComment, helpful: true }))).toBe("NOT_FOUND");
    expect(await refusal(() => reportComment({ userId: w.alice.id, commentId: bobComment, input: { reason: "Spam" } }))).toBe("NOT_FOUND");
    expect(await db.reaction.count({ where: { commentId: bobComment } })).toBe(0);
    expect(await db.commentReport.count({ where: { commentId: bobComment } })).toBe(0);

    // Live: her stream (as the events route builds its listener) gets neither event.
    const listener: Listener = { ...viewer(w.alice.id), postedBlockIds: await postedBlockIdsOf(db, w.alice.id, w.reading.id) };
    expect(await liveFor(listener, bobComment)).toBeNull();
    expect(await liveFor(listener, teacherReply)).toBeNull();

    // A paragraph with nothing held back shows no lock.
    expect((await listThreads({ userId: w.alice.id, query: { blockId: w.p2.id } })).locked).toBeNull();
  });

  test("notifications: a mentioned student who has not posted there is not told; the staff are", async () => {
    expect(await db.notification.count({ where: { recipientId: w.carol.id } })).toBe(0);
    expect(await countUnreadNotifications({ userId: w.carol.id })).toBe(0);
    const teacherInbox = await listNotifications({ userId: w.teacher.id });
    expect(teacherInbox.items.map((n) => n.text)).toEqual([`${w.bob.name} mentioned you`]);
    expect(await countUnreadNotifications({ userId: w.teacher.id })).toBe(1);
  });

  test("the author and the staff see everything", async () => {
    for (const id of [w.bob.id, w.teacher.id, w.ta.id]) {
      const seen = await channels(id, "zorblattic");
      expect(seen.count, id).toBe(2);
      expect(seen.highlights).toBe(1);
      expect(seen.threadIds).toEqual([bobComment, teacherReply]);
      expect(seen.locked).toBeNull();
      expect(seen.searchIds.sort()).toEqual([bobComment, teacherReply].sort());
    }
  });

  test("after posting a class comment there, the student sees the others' comments — and new ones arrive live", async () => {
    const listener: Listener = { ...viewer(w.alice.id), postedBlockIds: await postedBlockIdsOf(db, w.alice.id, w.reading.id) };
    const mine = await createComment({ userId: w.alice.id, input: { readingId: w.reading.id, blockId: w.p1.id, body: "My zorblattic answer for the class." } });
    const alice = await channels(w.alice.id, "zorblattic");
    expect(alice.count).toBe(4);
    expect(alice.highlights).toBe(1);
    expect(alice.threadIds.sort()).toEqual([aliceNote, bobComment, teacherReply, mine.id].sort());
    expect(alice.locked).toBeNull();
    expect(alice.searchIds.sort()).toEqual([aliceNote, bobComment, teacherReply, mine.id].sort());
    expect((await getComment({ userId: w.alice.id, commentId: bobComment })).comment.id).toBe(bobComment);

    // Her open stream learns from her own post's event, then delivers classmates' new ones.
    expect(await liveFor(listener, mine.id)).not.toBeNull();
    const later = await createComment({ userId: w.bob.id, input: { readingId: w.reading.id, blockId: w.p1.id, parentId: mine.id, body: "Welcome to the thread." } });
    expect(await liveFor(listener, later.id)).toMatchObject({ visible: true, delta: 1 });
    // Carol, who has not posted, still gets nothing of it.
    expect(await liveFor({ ...viewer(w.carol.id), postedBlockIds: new Set() }, later.id)).toBeNull();
    expect((await channels(w.carol.id, "zorblattic")).locked).toEqual({ hidden: 4 }); // not Alice's private note
  });

  test("an instructors-only question opens the paragraph too; deleting one's only comment closes it again", async () => {
    const q = await createComment({ userId: w.carol.id, input: { readingId: w.reading.id, blockId: w.p1.id, body: "A question for the staff.", visibility: "instructors" } });
    expect((await channels(w.carol.id, "zorblattic")).locked).toBeNull();
    expect((await channels(w.carol.id, "zorblattic")).threadIds).toContain(bobComment);
    await deleteComment({ userId: w.carol.id, commentId: q.id });
    const carol = await channels(w.carol.id, "zorblattic");
    expect(carol.locked).not.toBeNull();
    expect(carol.threadIds).toEqual([]);
  });

  test("turned off, everyone sees the class's comments again", async () => {
    await moderateReading({ userId: w.teacher.id, courseSlug: w.course.slug, readingSlug: w.reading.slug, input: { action: "post-first-off" } });
    const carol = await channels(w.carol.id, "zorblattic");
    expect(carol.locked).toBeNull();
    expect(carol.threadIds).toContain(bobComment);
    expect(carol.searchIds).toContain(bobComment);
    const after = await createComment({ userId: w.bob.id, input: { readingId: w.reading.id, blockId: w.p1.id, body: "Open to all now." } });
    expect(await liveFor({ ...viewer(w.carol.id), postedBlockIds: new Set() }, after.id)).not.toBeNull();
  });
});
