/**
 * Issue 8 (visibility, anonymity, search): what each viewer receives, channel by channel,
 * from a real database through the real data functions the pages and route handlers call.
 *
 * The matrix: {class, instructors only, private} × {anonymous or not} × viewer {author,
 * classmate, TA, instructor, outsider} × channel {reading page data, thread API, live
 * stream, search, export}. Each comment sits on its own paragraph as a passage (so the
 * reading page's highlight tips name its author), and carries a unique word to search for.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { db, makeUser, makeCourse, addMember } from "../support/db";
import { storeReading } from "@/lib/readings/store-reading";
import { createComment } from "@/lib/comments/create-comment";
import { getReadingDiscussion } from "@/lib/comments/get-reading-discussion";
import { listThreads } from "@/lib/comments/list-threads";
import { getComment } from "@/lib/comments/get-comment";
import { searchCourse } from "@/lib/search/search-course";
import { searchParamsSchema } from "@/lib/validations/search";
import { streamCommentsExport } from "@/lib/participation/stream-comments-export";
import { deliver, type Audience } from "@/lib/live/audience";
import { readingTopic } from "@/lib/live/topics";
import { requireCourseRole } from "@/lib/auth/guard";
import { updateCourseSettings } from "@/lib/courses/update-course-settings";
import { isAppError } from "@/lib/errors";
import { moderateReading } from "@/lib/moderation/settings";
import { canPostAnonymously } from "@/lib/comments/anonymity";
import type { Role } from "@/generated/prisma/client";

type Vis = "class" | "instructors" | "private";
type ViewerName = "author" | "classmate" | "ta" | "instructor" | "outsider";
const VISES: Vis[] = ["class", "instructors", "private"];
const VIEWERS: ViewerName[] = ["author", "classmate", "ta", "instructor", "outsider"];

/** Who may see a comment of this visibility (the rules). */
const MAY_SEE: Record<Vis, ViewerName[]> = {
  class: ["author", "classmate", "ta", "instructor"],
  instructors: ["author", "ta", "instructor"],
  private: ["author"],
};

// Unique searchable words, one per comment (letters only: one lexeme each).
const WORD: Record<string, string> = {
  "class:false": "zanzibarite",
  "class:true": "quokkafield",
  "instructors:false": "marzipanoid",
  "instructors:true": "xylophonist",
  "private:false": "brontosaurish",
  "private:true": "kumquatery",
};

async function refusal(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
    return "allowed";
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
}

async function readStream(stream: ReadableStream<Uint8Array>) {
  return new Response(stream).text();
}

let w: Awaited<ReturnType<typeof setup>>;

async function setup() {
  const teacher = await makeUser("Professor Plum");
  const ta = await makeUser("Tess Assistant");
  const alice = await makeUser("Alice Zwicky");
  const bob = await makeUser("Bob Classmate");
  const outsider = await makeUser("Olga Outsider");
  const course = await makeCourse(teacher.id);
  const other = await makeCourse(outsider.id, "Another course");
  await addMember(course.id, ta.id, "TA");
  await addMember(course.id, alice.id);
  await addMember(course.id, bob.id);
  await updateCourseSettings({ userId: teacher.id, courseSlug: course.slug, input: { allowAnonymous: true } });
  const texts = Object.values(WORD).map((_w, i) => `Paragraph ${i + 1}: the miner carried a lamp into the dark gallery.`);
  const reading = await storeReading(db, {
    courseId: course.id,
    imported: { title: "Privacy", author: null, source: null, date: null, format: "text", blocks: texts.map((text) => ({ kind: "paragraph" as const, text })), notes: [], report: [] },
  });
  const blocks = await db.block.findMany({ where: { readingId: reading.id }, orderBy: { position: "asc" } });
  const comments: { vis: Vis; anonymous: boolean; id: string; blockId: string; word: string }[] = [];
  let i = 0;
  for (const vis of VISES)
    for (const anonymous of [false, true]) {
      const block = blocks[i++]!;
      const word = WORD[`${vis}:${anonymous}`]!;
      const quote = "lamp";
      const start = block.text.indexOf(quote);
      const c = await createComment({
        userId: alice.id,
        input: { readingId: reading.id, blockId: block.id, body: `About the ${word} and the lamps here?`, visibility: vis, anonymous, passage: { start, end: start + quote.length, quote } },
      });
      comments.push({ vis, anonymous, id: c.id, blockId: block.id, word });
    }
  const users = { author: alice, classmate: bob, ta, instructor: teacher, outsider };
  const roles: Record<ViewerName, Role | null> = { author: "STUDENT", classmate: "STUDENT", ta: "TA", instructor: "INSTRUCTOR", outsider: null };
  return { course, other, reading, blocks, comments, users, roles, alice };
}

beforeAll(async () => {
  w = await setup();
});

/** Everything the author's identity could leak through. */
const leaks = (payload: unknown) => {
  const text = JSON.stringify(payload, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
  return [w.alice.id, w.alice.name, w.alice.email, "Zwicky"].filter((s) => text.includes(s));
};

describe("the privacy matrix: visibility × anonymity × viewer × channel", () => {
  for (const vis of VISES)
    for (const anonymous of [false, true])
      for (const who of VIEWERS) {
        const allowed = MAY_SEE[vis].includes(who);
        const masked = allowed && anonymous && who === "classmate";
        test(`${vis}${anonymous ? ", anonymous" : ""} — ${who} ${allowed ? (masked ? "sees it as Classmate A" : "sees it with the name") : "gets nothing"}`, async () => {
          const c = w.comments.find((x) => x.vis === vis && x.anonymous === anonymous)!;
          const user = w.users[who];
          const viewer = { userId: user.id, role: w.roles[who] };
          const received: unknown[] = [];

          // 1. Reading page data (counts and highlight tips). Outsiders never get the page.
          if (who === "outsider") {
            expect(await refusal(() => requireCourseRole(user.id, w.course.slug, undefined, { allowArchived: true }))).toBe("NOT_FOUND");
          } else {
            const page = await getReadingDiscussion({ viewer, readingId: w.reading.id });
            // (Only this comment's paragraph: Alice's named comments elsewhere are hers to show.)
            received.push(page.counts[c.blockId] ?? null, page.highlights[c.blockId] ?? null);
            expect(page.counts[c.blockId]?.total ?? 0, "paragraph count").toBe(allowed ? 1 : 0);
            const tips = page.highlights[c.blockId] ?? [];
            expect(tips.length, "highlight").toBe(allowed ? 1 : 0);
            if (allowed) expect(tips[0]!.tip?.startsWith(masked ? "Classmate A:" : `${w.alice.name}:`), tips[0]!.tip).toBe(true);
          }

          // 2. Thread API: the paragraph's threads and the deep link.
          if (who === "outsider") {
            expect(await refusal(() => listThreads({ userId: user.id, query: { blockId: c.blockId } }))).toBe("NOT_FOUND");
            expect(await refusal(() => getComment({ userId: user.id, commentId: c.id }))).toBe("NOT_FOUND");
          } else {
            const threads = await listThreads({ userId: user.id, query: { blockId: c.blockId } });
            received.push(threads);
            expect(threads.threads.map((t) => t.root.id)).toEqual(allowed ? [c.id] : []);
            if (allowed) {
              const author = threads.threads[0]!.root.author!;
              expect(author.name).toBe(masked ? "Classmate A" : w.alice.name);
              const one = await getComment({ userId: user.id, commentId: c.id });
              received.push(one);
              expect(one.comment.author!.name).toBe(masked ? "Classmate A" : w.alice.name);
            } else {
              expect(await refusal(() => getComment({ userId: user.id, commentId: c.id }))).toBe("NOT_FOUND");
            }
          }

          // 3. Live stream: the event the comment published, as this listener's hub would deliver it.
          const events = await db.liveEvent.findMany({ where: { topic: readingTopic(w.reading.id), kind: "comment.created" }, select: { data: true, audience: true } });
          const event = events.find((e) => (e.data as { commentId?: string }).commentId === c.id);
          expect(event, "the post published a live event").toBeDefined();
          const delivered = who === "outsider" ? null : deliver(viewer, event!.audience as unknown as Audience, event!.data as Record<string, unknown>);
          expect(delivered !== null, "live delivery").toBe(allowed);
          if (delivered) received.push(delivered);

          // 4. Search.
          if (who === "outsider") {
            expect(await refusal(() => searchCourse({ userId: user.id, courseSlug: w.course.slug, params: searchParamsSchema.parse({ q: c.word }) }))).toBe("NOT_FOUND");
          } else {
            const found = await searchCourse({ userId: user.id, courseSlug: w.course.slug, params: searchParamsSchema.parse({ q: c.word }) });
            received.push(found.comments);
            expect(found.comments.map((h) => h.id)).toEqual(allowed ? [c.id] : []);
            if (allowed) expect(found.comments[0]!.author).toBe(masked ? "Classmate A" : w.alice.name);
            // The author filter never finds a classmate's anonymous comment.
            const byAuthor = await searchCourse({ userId: user.id, courseSlug: w.course.slug, params: searchParamsSchema.parse({ q: c.word, author: w.alice.id }) });
            received.push(byAuthor.comments);
            expect(byAuthor.comments.map((h) => h.id)).toEqual(allowed && !masked ? [c.id] : []);
          }

          // 5. Export: the staff's alone, and never private notes.
          const exported = await refusal(() => streamCommentsExport({ userId: user.id, courseSlug: w.course.slug, format: "json" }));
          if (who === "ta" || who === "instructor") {
            const { stream } = await streamCommentsExport({ userId: user.id, courseSlug: w.course.slug, format: "json" });
            const rows = JSON.parse(await readStream(stream)) as { comment_id: string; author: string }[];
            const row = rows.find((r) => r.comment_id === c.id);
            expect(Boolean(row), "exported").toBe(vis !== "private");
            if (row) expect(row.author).toBe(w.alice.name);
          } else {
            expect(exported).toBe(who === "outsider" ? "NOT_FOUND" : "FORBIDDEN");
          }

          // Whatever a classmate received about an anonymous comment holds no trace of its author.
          if (who === "classmate" && anonymous) expect(leaks(received)).toEqual([]);
          // What a viewer may not see leaves no trace either (no name, no text).
          if (!allowed) expect(JSON.stringify(received)).not.toContain(c.word);
        });
      }
});

describe("replies inherit their thread's visibility", () => {
  test("the staff's answer to an instructors-only question reaches its asker, not classmates", async () => {
    const question = w.comments.find((c) => c.vis === "instructors" && !c.anonymous)!;
    const answer = await createComment({ userId: w.users.ta.id, input: { readingId: w.reading.id, blockId: question.blockId, parentId: question.id, body: "Answer for you alone" } });
    const row = await db.comment.findUniqueOrThrow({ where: { id: answer.id }, select: { visibility: true, threadAuthorId: true } });
    expect(row).toEqual({ visibility: "INSTRUCTORS", threadAuthorId: w.alice.id });
    const asker = await getComment({ userId: w.alice.id, commentId: answer.id });
    expect(asker.comment.html).toContain("Answer for you alone");
    expect(await refusal(() => getComment({ userId: w.users.classmate.id, commentId: answer.id }))).toBe("NOT_FOUND");
    // A reply cannot widen its thread.
    expect(
      await refusal(() => createComment({ userId: w.alice.id, input: { readingId: w.reading.id, blockId: question.blockId, parentId: question.id, body: "To all", visibility: "class" } })),
    ).toBe("INVALID_INPUT");
  });

  test("a private note's reply stays private; nobody else can reply to it", async () => {
    const note = w.comments.find((c) => c.vis === "private" && !c.anonymous)!;
    const reply = await createComment({ userId: w.alice.id, input: { readingId: w.reading.id, blockId: note.blockId, parentId: note.id, body: "More of my own thoughts" } });
    expect((await db.comment.findUniqueOrThrow({ where: { id: reply.id }, select: { visibility: true } })).visibility).toBe("PRIVATE");
    expect(reply.badges.map((b) => b.label)).toContain("Private note");
    for (const who of ["classmate", "instructor"] as const) {
      expect(await refusal(() => createComment({ userId: w.users[who].id, input: { readingId: w.reading.id, blockId: note.blockId, parentId: note.id, body: "Hello" } }))).toBe("INVALID_INPUT");
    }
  });
});

describe("anonymity", () => {
  test("pseudonyms are stable within a thread and follow who posted first", async () => {
    const root = w.comments.find((c) => c.vis === "class" && c.anonymous)!;
    const carol = await makeUser("Carol Third");
    await addMember(w.course.id, carol.id);
    const post = (userId: string, body: string, anonymous: boolean) =>
      createComment({ userId, input: { readingId: w.reading.id, blockId: root.blockId, parentId: root.id, body, anonymous } });
    const c1 = await post(carol.id, "Carol, anonymously", true);
    const a2 = await post(w.alice.id, "Alice again, anonymously", true);
    const c3 = await post(carol.id, "Carol again", true);
    const { threads } = await listThreads({ userId: w.users.classmate.id, query: { blockId: root.blockId } });
    const names = new Map([threads[0]!.root, ...threads[0]!.replies].map((v) => [v.id, v.author!.name]));
    expect(names.get(root.id)).toBe("Classmate A");
    expect(names.get(c1.id)).toBe("Classmate B");
    expect(names.get(a2.id)).toBe("Classmate A");
    expect(names.get(c3.id)).toBe("Classmate B");
    expect(leaks(threads)).toEqual([]);
    expect(JSON.stringify(threads)).not.toContain(carol.id);
    // Carol sees her own name; the staff see both names with a badge.
    const staff = await listThreads({ userId: w.users.instructor.id, query: { blockId: root.blockId } });
    const staffRoot = staff.threads[0]!.root;
    expect(staffRoot.author!.name).toBe(w.alice.name);
    expect(staffRoot.badges.map((b) => b.label)).toContain("Anonymous to classmates");
  });

  test("off unless the course allows it, and never for staff", async () => {
    const block = w.blocks[0]!;
    expect(
      await refusal(() => createComment({ userId: w.users.ta.id, input: { readingId: w.reading.id, blockId: block.id, body: "Staff, anonymously?", anonymous: true } })),
    ).toBe("INVALID_INPUT");
    await updateCourseSettings({ userId: w.users.instructor.id, courseSlug: w.course.slug, input: { allowAnonymous: false } });
    try {
      expect(
        await refusal(() => createComment({ userId: w.alice.id, input: { readingId: w.reading.id, blockId: block.id, body: "Anonymously?", anonymous: true } })),
      ).toBe("INVALID_INPUT");
    } finally {
      await updateCourseSettings({ userId: w.users.instructor.id, courseSlug: w.course.slug, input: { allowAnonymous: true } });
    }
    expect(await refusal(() => updateCourseSettings({ userId: w.alice.id, courseSlug: w.course.slug, input: { allowAnonymous: true } }))).toBe("FORBIDDEN");
    // New courses start with it off.
    expect((await db.course.findUniqueOrThrow({ where: { id: w.other.id }, select: { allowAnonymous: true } })).allowAnonymous).toBe(false);
  });

  test("per reading: a reading's own setting (allow / don't) wins over the course's; 'follow the course' inherits it", async () => {
    const block = w.blocks[0]!;
    const post = (body: string) => refusal(() => createComment({ userId: w.alice.id, input: { readingId: w.reading.id, blockId: block.id, body, anonymous: true } }));
    const set = (action: string, userId = w.users.instructor.id) => moderateReading({ userId, courseSlug: w.course.slug, readingSlug: w.reading.slug, input: { action } });
    const pageAllows = async () => {
      const r = await db.reading.findUniqueOrThrow({ where: { id: w.reading.id }, select: { allowAnonymous: true } });
      const c = await db.course.findUniqueOrThrow({ where: { id: w.course.id }, select: { allowAnonymous: true } });
      return canPostAnonymously(c, "STUDENT", r);
    };
    expect((await db.reading.findUniqueOrThrow({ where: { id: w.reading.id }, select: { allowAnonymous: true } })).allowAnonymous).toBeNull();
    expect(await set("anonymous-deny", w.alice.id).catch((e: unknown) => (isAppError(e) ? e.code : e))).toBe("FORBIDDEN");
    try {
      // The course allows it; this reading does not.
      expect((await set("anonymous-deny")).allowAnonymous).toBe(false);
      expect(await pageAllows()).toBe(false);
      const refused = await createComment({ userId: w.alice.id, input: { readingId: w.reading.id, blockId: block.id, body: "x", anonymous: true } }).catch((e: unknown) => e);
      expect(isAppError(refused) && refused.message).toBe("This reading does not allow anonymous posts.");
      // The course does not allow it; this reading does.
      await updateCourseSettings({ userId: w.users.instructor.id, courseSlug: w.course.slug, input: { allowAnonymous: false } });
      expect((await set("anonymous-allow")).allowAnonymous).toBe(true);
      expect(await pageAllows()).toBe(true);
      expect(await post("Anonymous here, on this reading only")).toBe("allowed");
      expect(await set("anonymous-allow").catch((e: unknown) => (isAppError(e) ? e.code : e))).toBe("CONFLICT");
      // Following the course again: off, as the course is.
      expect((await set("anonymous-inherit")).allowAnonymous).toBeNull();
      expect(await pageAllows()).toBe(false);
      expect(await post("And now?")).toBe("INVALID_INPUT");
      // Staff never post anonymously, whatever the reading says.
      await set("anonymous-allow");
      expect(await refusal(() => createComment({ userId: w.users.ta.id, input: { readingId: w.reading.id, blockId: block.id, body: "Staff", anonymous: true } }))).toBe("INVALID_INPUT");
      expect(canPostAnonymously({ allowAnonymous: false }, "TA", { allowAnonymous: true })).toBe(false);
    } finally {
      await db.reading.update({ where: { id: w.reading.id }, data: { allowAnonymous: null } });
      // (The search tests below count this reading's comments: leave none behind.)
      await db.comment.deleteMany({ where: { readingId: w.reading.id, body: "Anonymous here, on this reading only" } });
      await updateCourseSettings({ userId: w.users.instructor.id, courseSlug: w.course.slug, input: { allowAnonymous: true } });
    }
  });
});

describe("search", () => {
  const search = (userId: string, raw: Record<string, string>) => searchCourse({ userId, courseSlug: w.course.slug, params: searchParamsSchema.parse(raw) });

  test("stemming, ranking, snippets marked safely, reading text too", async () => {
    const bob = w.users.classmate.id;
    const hostile = await createComment({ userId: bob, input: { readingId: w.reading.id, blockId: w.blocks[0]!.id, body: "<script>alert(1)</script> <mark>lamplighter</mark> lamps & lanterns" } });
    const r = await search(bob, { q: "lamp" });
    expect(r.status).toBe("done");
    // "lamp" finds "lamps" in comments and "lamp" in the paragraphs.
    expect(r.comments.map((c) => c.id)).toContain(hostile.id);
    expect(r.passages.length).toBe(6);
    expect(r.passages[0]!.href).toMatch(new RegExp(`^/courses/${w.course.slug}/readings/${w.reading.slug}#p-\\d+$`));
    const hit = r.comments.find((c) => c.id === hostile.id)!;
    expect(hit.href).toBe(`/courses/${w.course.slug}/readings/${w.reading.slug}#c-${hostile.id}`);
    // Only "lamps" is marked — not the <mark> its author typed; the parts are plain text
    // (ts_headline drops tag-like tokens; "&" stays raw: escaping is the renderer's job).
    expect(hit.snippet.filter((p) => p.mark).map((p) => p.text)).toEqual(["lamps"]);
    expect(hit.snippet.map((p) => p.text).join("")).toContain("lamps & lanterns");
  });

  test("a short comment's snippet is the whole comment, its first word and last mark included", async () => {
    const bob = w.users.classmate.id;
    const body = "Why does the candle gutter here?";
    const short = await createComment({ userId: bob, input: { readingId: w.reading.id, blockId: w.blocks[0]!.id, body } });
    const long = await createComment({ userId: bob, input: { readingId: w.reading.id, blockId: w.blocks[0]!.id, body: `${"Some words before it. ".repeat(20)}Then a candle. ${"And many words after it. ".repeat(20)}` } });
    try {
      const r = await search(bob, { q: "candle" });
      const text = (id: string) => r.comments.find((c) => c.id === id)!.snippet;
      // Once, ts_headline's fragments cut it to "does the candle gutter here".
      expect(text(short.id).map((p) => p.text).join("")).toBe(body);
      expect(text(short.id).filter((p) => p.mark).map((p) => p.text)).toEqual(["candle"]);
      // A long comment is still cut to the words around its match.
      const cut = text(long.id).map((p) => p.text).join("");
      expect(cut).toContain("candle");
      expect(cut.length).toBeLessThan(400);
    } finally {
      await db.comment.deleteMany({ where: { id: { in: [short.id, long.id] } } });
    }
  });

  test("any input: quotes, operators, unicode, 10 KB — results, no results or a clear message, never an error", async () => {
    const bob = w.users.classmate.id;
    const odd = ['"miner carried"', "lamp -dark", "lamp or zzz", "!!!", "&|:*()'\"", "the", "ラーメン 🙂", "\u0000lamp\u0007", "-", '"', "a".repeat(200), "x'; DROP TABLE \"Comment\"; --"];
    for (const q of odd) {
      const r = await search(bob, { q });
      expect(["done", "empty"], q).toContain(r.status);
    }
    expect((await search(bob, { q: '"miner carried"' })).passages.length).toBe(6);
    expect((await search(bob, { q: "the" })).passages.length).toBe(0);
    const long = await search(bob, { q: "lamp ".repeat(2048) });
    expect(long.status).toBe("too-long");
    expect(long.message).toMatch(/at most 200 characters/);
  });

  test("filters: reading, author, questions, unanswered, only mine", async () => {
    const bob = w.users.classmate.id;
    const mine = await search(w.alice.id, { q: "lamp", mine: "1" });
    expect(mine.passages).toEqual([]);
    expect(mine.comments.length).toBeGreaterThan(0);
    expect(mine.comments.every((c) => w.comments.some((x) => x.id === c.id) || c.isReply)).toBe(true);
    const questions = await search(bob, { q: "lamp", show: "questions" });
    expect(questions.comments.every((c) => !c.isReply)).toBe(true);
    expect(questions.comments.map((c) => c.id).sort()).toEqual(w.comments.filter((c) => c.vis === "class").map((c) => c.id).sort());
    // The anonymous class question has replies (the anonymity test), the other none.
    const unanswered = await search(bob, { q: "lamp", show: "unanswered" });
    expect(unanswered.comments.map((c) => c.id)).toEqual([w.comments.find((c) => c.vis === "class" && !c.anonymous)!.id]);
    const elsewhere = await search(bob, { q: "lamp", reading: "no-such-reading" });
    expect(elsewhere.comments).toEqual([]);
  });

  test("paging: every match can be reached — 20 a page, the next page continues where the last stopped, nothing twice", async () => {
    const bob = w.users.classmate.id;
    const posted = [];
    for (let i = 0; i < 45; i++) posted.push((await createComment({ userId: bob, input: { readingId: w.reading.id, blockId: w.blocks[1]!.id, body: `Quixotic marginalia number ${i}` } })).id);
    try {
      const pages = [];
      for (let page = 1; page <= 3; page++) pages.push(await search(bob, { q: "quixotic", page: String(page) }));
      expect(pages.map((p) => p.comments.length)).toEqual([20, 20, 5]);
      expect(pages.map((p) => p.more)).toEqual([true, true, false]);
      expect(pages.map((p) => p.page)).toEqual([1, 2, 3]);
      const seen = pages.flatMap((p) => p.comments.map((c) => c.id));
      expect(new Set(seen).size).toBe(45);
      expect([...seen].sort()).toEqual([...posted].sort());
      // A hand-edited address: a page past the end is empty, nonsense is page 1.
      expect((await search(bob, { q: "quixotic", page: "9" })).comments).toEqual([]);
      expect((await search(bob, { q: "quixotic", page: "-3" })).page).toBe(1);
    } finally {
      await db.comment.deleteMany({ where: { id: { in: posted } } });
    }
  });
});
