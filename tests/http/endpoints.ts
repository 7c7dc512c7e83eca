/**
 * Every page, route handler and server action, one entry each: who may use it, and how to
 * call it in the test world (tests/http/support/world.ts). The authorization matrix calls
 * every entry as every actor, the fuzzer sends hostile values through each entry's
 * parameters, and tests/http/coverage.test.ts fails when app/ has an endpoint no entry
 * names. docs/SECURITY.md explains how to add one.
 */
import { expect } from "vitest";
import { db } from "../support/db";
import { hashPassword } from "@/lib/auth/password";
import { hashInviteToken } from "@/lib/courses/invite-token";
import { ACTORS, MEMBERS, SIGNED_IN, STAFF, WORLD_PASSWORD, restoreWorld, type Actor, type World } from "./support/world";
import type { ActionAnswer, Answer } from "./support/client";

export interface Endpoint {
  /** What it is: `page <file>`, `<METHOD> <file>` for a route handler, `action <file>#<export>`. */
  source: string;
  /** Who may use it; everyone else is refused (see `refusal`). */
  allowed: readonly Actor[];
  /** Page or route path with [params] (for actions, a page that serves the action, if not found by itself). */
  path?: string;
  params?: (w: World) => Record<string, string>;
  query?: (w: World) => Record<string, string>;
  /** JSON body of a route handler, or the arguments array of a server action. */
  body?: (w: World, actor: Actor) => unknown;
  /** Send the body as a form (application/x-www-form-urlencoded), as next-auth expects. */
  form?: boolean;
  /** Status for allowed actors when not 200 (pages, route handlers). */
  ok?: number | Partial<Record<Actor, number>>;
  /** Refusals that differ from the defaults: signed out → 401 (pages: redirect to sign-in),
   *  outsiders → 404, members without the role → 403 (pages: 404). */
  refusal?: Partial<Record<Actor, number>>;
  /** After an allowed call: assert what it did (in the database). */
  check?: (w: World, answer: Answer & Partial<ActionAnswer>, actor: Actor) => Promise<void>;
  /** After an allowed call: put the world back, so the next actor starts from the same one. */
  undo?: (w: World, actor: Actor) => Promise<void>;
  /** A stream that does not end (Server-Sent Events): read until this text, then hang up. */
  stream?: string;
  /** A write: what its most privileged allowed actor gets while the course it acts on is
   *  archived (read-only) — checked, with nothing changed, by the authorization test. */
  archived?: number;
  /** Leave out of the fuzzer (say why), or change how many cases it gets. */
  fuzz?: { skip?: string; runs?: number };
}

const ALL: Actor[] = ["signedOut", ...SIGNED_IN];
const INSTRUCTOR: Actor[] = ["instructor"];
const undoAdmin = (w: World) => restoreWorld(w);
const userOf = (w: World, actor: Actor) => w.users[actor as Exclude<Actor, "signedOut">];
/** The token of an invitation path (/invite/<token>) in an answer. */
const tokenIn = (answer: Answer) => /\/invite\/([A-Za-z0-9_-]+)/.exec(JSON.stringify(answer.json))?.[1] ?? "";

export const ENDPOINTS: Endpoint[] = [
  // ── Pages ────────────────────────────────────────────────────────────────────────────
  { source: "page app/page.tsx", path: "/", allowed: ALL },
  { source: "page app/(auth)/signin/page.tsx", path: "/signin", allowed: ALL, ok: Object.fromEntries(SIGNED_IN.map((a) => [a, 307])) },
  { source: "page app/(auth)/signup/page.tsx", path: "/signup", allowed: ALL },
  { source: "page app/(account)/account/page.tsx", path: "/account", allowed: SIGNED_IN },
  {
    source: "page app/(reader)/courses/[courseSlug]/page.tsx",
    path: "/courses/[courseSlug]",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    allowed: MEMBERS,
    // Staff see the draft reading in the list; a student does not learn it exists.
    check: async (w, answer, actor) => {
      expect(answer.text.includes(w.staffOnly), `${actor} and the draft`).toBe(actor !== "student");
    },
  },
  {
    source: "page app/(reader)/courses/[courseSlug]/readings/[readingSlug]/page.tsx",
    path: "/courses/[courseSlug]/readings/[readingSlug]",
    params: (w) => ({ courseSlug: w.courseA.slug, readingSlug: w.reading.slug }),
    allowed: MEMBERS,
    check: async (w, answer, actor) => {
      expect(answer.text).toContain(w.marker);
      // A student's private note reaches nobody else's page.
      if (actor !== "student") expect(answer.text).not.toContain(w.authorOnly);
    },
  },
  {
    source: "page app/(reader)/courses/[courseSlug]/readings/[readingSlug]/page.tsx",
    path: "/courses/[courseSlug]/readings/[readingSlug]",
    params: (w) => ({ courseSlug: w.courseA.slug, readingSlug: w.draft.slug }),
    // A draft: to a student it does not exist.
    allowed: STAFF,
    check: async (w, answer) => {
      expect(answer.text).toContain(w.staffOnly);
    },
  },
  {
    source: "page app/(instructor)/courses/[courseSlug]/readings/[readingSlug]/edit/page.tsx",
    path: "/courses/[courseSlug]/readings/[readingSlug]/edit",
    params: (w) => ({ courseSlug: w.courseA.slug, readingSlug: w.reading.slug }),
    allowed: STAFF,
  },
  {
    source: "page app/(instructor)/courses/[courseSlug]/readings/new/page.tsx",
    path: "/courses/[courseSlug]/readings/new",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    allowed: STAFF,
  },
  {
    source: "page app/(instructor)/courses/[courseSlug]/participation/page.tsx",
    path: "/courses/[courseSlug]/participation",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    allowed: STAFF,
    check: async (w, answer) => {
      expect(answer.text).toContain(w.users.student.name);
      expect(answer.text).toContain(w.extra.name);
      expect(answer.text).not.toContain(w.authorOnly);
    },
  },
  {
    source: "page app/(reader)/courses/[courseSlug]/search/page.tsx",
    path: "/courses/[courseSlug]/search",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    // The student's private note is found by its author alone; the class comment by every member.
    query: () => ({ q: "private note" }),
    allowed: MEMBERS,
    check: async (w, answer, actor) => {
      expect(answer.text.includes(w.authorOnly), `${actor} and the private note`).toBe(actor === "student");
    },
  },
  {
    source: "page app/(reader)/courses/[courseSlug]/search/page.tsx",
    path: "/courses/[courseSlug]/search",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    // The reading's text, found and marked (the query carries no secret: a refused page
    // may repeat its own address).
    query: () => ({ q: "first paragraphs mention" }),
    allowed: MEMBERS,
    check: async (w, answer) => {
      expect(answer.text).toContain(w.marker);
      expect(answer.text).toMatch(/<mark[^>]*>paragraph<\/mark>/);
    },
  },
  {
    source: "page app/(instructor)/courses/[courseSlug]/participation/page.tsx",
    path: "/courses/[courseSlug]/participation",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    // One reading's view: the score set by hand, with its reason.
    query: (w) => ({ reading: w.reading.slug }),
    allowed: STAFF,
    check: async (w, answer) => {
      expect(answer.text).toContain(w.grade.reason);
    },
  },
  {
    source: "page app/(instructor)/courses/[courseSlug]/participation/[studentId]/page.tsx",
    path: "/courses/[courseSlug]/participation/[studentId]",
    params: (w) => ({ courseSlug: w.courseA.slug, studentId: w.users.student.id }),
    allowed: STAFF,
    // The student's posts — but not their private note, which is theirs alone.
    check: async (w, answer) => {
      expect(answer.text).toContain(`A comment about ${w.marker}`);
      expect(answer.text).toContain(w.grade.reason);
      expect(answer.text).not.toContain(w.authorOnly);
    },
  },
  {
    source: "page app/(instructor)/courses/[courseSlug]/participation/[studentId]/page.tsx",
    path: "/courses/[courseSlug]/participation/[studentId]",
    // Someone who is not a student of course A (course B's instructor): nobody may look
    // them up here, not even course A's staff.
    params: (w) => ({ courseSlug: w.courseA.slug, studentId: w.users.otherInstructor.id }),
    allowed: [],
    fuzz: { runs: 10 },
  },
  {
    source: "page app/(instructor)/courses/[courseSlug]/people/page.tsx",
    path: "/courses/[courseSlug]/people",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    allowed: STAFF,
    // TAs read the roster; only instructors see invitations and the invite link (they let people in).
    check: async (w, answer, actor) => {
      expect(answer.text).toContain(w.extra.email);
      for (const secret of [w.pending.email, w.users.nonMember.email, w.inviteLink.token]) {
        expect(answer.text.includes(secret), `${actor} sees ${secret}`).toBe(actor === "instructor");
      }
    },
  },
  {
    source: "page app/(instructor)/courses/[courseSlug]/schedule/page.tsx",
    path: "/courses/[courseSlug]/schedule",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    allowed: STAFF,
    check: async (w, answer) => {
      expect(answer.text).toContain(w.staffOnly);
    },
  },
  {
    source: "page app/(instructor)/courses/[courseSlug]/settings/page.tsx",
    path: "/courses/[courseSlug]/settings",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    allowed: INSTRUCTOR,
    check: async (w, answer) => {
      expect(answer.text).toContain("Europe/Berlin");
    },
  },
  {
    source: "page app/invite/[token]/page.tsx",
    path: "/invite/[token]",
    params: (w) => ({ token: w.inviteLink.token }),
    // Whoever holds the link sees the course's title and what joining means; opening it joins nobody.
    allowed: ALL,
    check: async (w, answer, actor) => {
      expect(answer.text).toContain(w.marker);
      const want = actor === "signedOut" ? "Create an account" : MEMBERS.includes(actor) ? "already in this course" : `Join Course A ${w.marker}`;
      expect(answer.text).toContain(want);
      if (actor !== "signedOut") expect(await db.membership.count({ where: { courseId: w.courseA.id, userId: userOf(w, actor).id } })).toBe(MEMBERS.includes(actor) ? 1 : 0);
    },
  },
  {
    source: "page app/invite/[token]/page.tsx",
    path: "/invite/[token]",
    // A personal invitation: its address is shown masked, never whole.
    params: (w) => ({ token: w.invitation.token }),
    allowed: ALL,
    check: async (w, answer, actor) => {
      const local = w.users.nonMember.email.split("@")[0]!;
      if (actor === "signedOut" || !MEMBERS.includes(actor)) expect(answer.text).toContain(`${local[0]}•••${local.at(-1)}@matrix.colloquy`);
      // (Signed in, the page names the caller's own address.)
      if (actor !== "nonMember") expect(answer.text).not.toContain(local);
    },
  },
  {
    source: "page app/invite/[token]/page.tsx",
    path: "/invite/[token]",
    // A well-formed token that is no invitation.
    params: () => ({ token: "A".repeat(43) }),
    allowed: ALL,
    check: async (w, answer) => {
      expect(answer.text).toContain("does not work");
      expect(answer.text).not.toContain(w.marker);
    },
  },

  // ── Route handlers ───────────────────────────────────────────────────────────────────
  { source: "GET app/api/health/route.ts", path: "/api/health", allowed: ALL },
  { source: "GET app/api/auth/[...nextauth]/route.ts", path: "/api/auth/session", allowed: ALL },
  {
    source: "POST app/api/auth/[...nextauth]/route.ts",
    path: "/api/auth/callback/credentials",
    form: true,
    // Sign-in is public; a wrong password (here also without next-auth's CSRF token) gives
    // nobody a session.
    body: (w) => ({ email: w.users.student.email, password: "not-the-password", csrfToken: "none", json: "true" }),
    allowed: ALL,
    check: async (_w, answer) => {
      expect(answer.headers.getSetCookie().some((c) => /session-token=[^;]/.test(c))).toBe(false);
    },
    fuzz: { runs: 30 },
  },
  {
    source: "GET app/api/comments/route.ts",
    path: "/api/comments",
    query: (w) => ({ blockId: w.block.id }),
    allowed: MEMBERS,
    // The paragraph's threads; the private note only for its author.
    check: async (w, answer, actor) => {
      expect(JSON.stringify(answer.json)).toContain(w.marker);
      expect(answer.text.includes(w.authorOnly), `${actor} and the private note`).toBe(actor === "student");
    },
  },
  {
    source: "GET app/api/comments/route.ts",
    path: "/api/comments",
    // A paragraph of the draft reading: to a student it does not exist.
    query: (w) => ({ blockId: w.draft.blockId }),
    allowed: STAFF,
    refusal: { student: 404 },
  },
  {
    source: "POST app/api/comments/route.ts",
    path: "/api/comments",
    body: (w, actor) => ({ readingId: w.reading.id, blockId: w.block.id, body: `matrix post by ${actor}` }),
    allowed: MEMBERS,
    ok: 201,
    check: async (w, _answer, actor) => {
      expect(await db.comment.count({ where: { readingId: w.reading.id, body: `matrix post by ${actor}` } })).toBe(1);
    },
    archived: 409,
  },
  {
    source: "POST app/api/comments/route.ts",
    path: "/api/comments",
    body: (w, actor) => ({ readingId: w.draft.id, blockId: w.draft.blockId, body: `draft note by ${actor}` }),
    // Staff may discuss a draft among themselves; a student cannot post in what they cannot see.
    allowed: STAFF,
    refusal: { student: 404 },
    ok: 201,
    check: async (w, _answer, actor) => {
      expect(await db.comment.count({ where: { readingId: w.draft.id, body: `draft note by ${actor}` } })).toBe(1);
    },
    fuzz: { runs: 15 },
  },
  {
    source: "POST app/api/comments/route.ts",
    path: "/api/comments",
    // Visibility chosen when posting (lib/comments/privacy.ts).
    body: (w, actor) => ({ readingId: w.reading.id, blockId: w.block.id, body: `matrix note by ${actor}`, visibility: "private" }),
    allowed: MEMBERS,
    ok: 201,
    check: async (w, _answer, actor) => {
      expect((await db.comment.findFirstOrThrow({ where: { readingId: w.reading.id, body: `matrix note by ${actor}` } })).visibility).toBe("PRIVATE");
    },
    archived: 409,
  },
  {
    source: "POST app/api/comments/[commentId]/reattach/route.ts",
    path: "/api/comments/[commentId]/reattach",
    params: (w) => ({ commentId: w.detached.id }),
    body: (w) => ({ blockId: w.block.id }),
    allowed: STAFF,
    // Authorised inside the query: to a student the comment is as absent as to an outsider.
    refusal: { student: 404 },
    check: async (w) => {
      expect((await db.comment.findUniqueOrThrow({ where: { id: w.detached.id } })).blockId).toBe(w.block.id);
    },
    undo: async (w) => {
      await db.comment.update({ where: { id: w.detached.id }, data: { blockId: null, detachedAt: new Date() } });
    },
    archived: 409,
  },
  {
    source: "POST app/api/courses/[courseSlug]/imports/route.ts",
    path: "/api/courses/[courseSlug]/imports",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    body: () => ({ text: "A pasted reading.\n\nIts second paragraph.", fileName: "pasted.txt" }),
    allowed: STAFF,
    check: async (_w, answer) => {
      expect((answer.json as { draft: { blocks: unknown[] } }).draft.blocks.length).toBe(2);
    },
    archived: 409,
  },
  {
    source: "GET app/api/courses/[courseSlug]/tasks/[taskId]/route.ts",
    path: "/api/courses/[courseSlug]/tasks/[taskId]",
    params: (w) => ({ courseSlug: w.courseA.slug, taskId: w.task.id }),
    allowed: STAFF,
    // A student of the course is not told the task exists.
    refusal: { student: 404 },
    check: async (_w, answer) => {
      expect((answer.json as { task: { status: string }; fileName: string }).fileName).toBe("pasted.txt");
    },
  },
  {
    source: "DELETE app/api/courses/[courseSlug]/tasks/[taskId]/route.ts",
    path: "/api/courses/[courseSlug]/tasks/[taskId]",
    params: (w) => ({ courseSlug: w.courseA.slug, taskId: w.task.id }),
    allowed: STAFF,
    refusal: { student: 404 },
    // Cancelling a finished task leaves it as it was.
    check: async (w) => {
      expect((await db.backgroundTask.findUniqueOrThrow({ where: { id: w.task.id } })).status).toBe("SUCCEEDED");
    },
  },
  {
    source: "POST app/api/courses/[courseSlug]/readings/route.ts",
    path: "/api/courses/[courseSlug]/readings",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    // With a note, a note marker and a report line, so the fuzzer reaches their fields.
    body: (_w, actor) => ({
      title: `Published by ${actor}`,
      author: "An Author",
      blocks: [{ kind: "paragraph", text: "One paragraph.", noteRefs: [{ label: "1", offset: 3 }], marks: [{ start: 0, end: 3, kind: "em" }] }],
      notes: [{ label: "1", text: "A note." }],
      report: [{ rule: "join-lines", block: 0, before: "One\nparagraph.", after: "One paragraph." }],
    }),
    allowed: STAFF,
    ok: 201,
    check: async (w, _answer, actor) => {
      expect(await db.reading.count({ where: { courseId: w.courseA.id, title: `Published by ${actor}` } })).toBe(1);
    },
    // Course A keeps its two readings (the reading order's entry names them all).
    undo: undoAdmin,
    archived: 409,
  },
  {
    source: "POST app/api/courses/[courseSlug]/readings/[readingSlug]/revisions/route.ts",
    path: "/api/courses/[courseSlug]/readings/[readingSlug]/revisions",
    params: (w) => ({ courseSlug: w.courseA.slug, readingSlug: w.reading.slug }),
    // A dry run: where comments would land, nothing published.
    body: () => ({
      dryRun: true,
      summary: "Fixed a typo",
      draft: { title: "Edited", blocks: [{ kind: "paragraph", text: "The first paragraph mentions it once.", noteRefs: [{ label: "a", offset: 1 }] }], notes: [{ label: "a", text: "Note." }] },
    }),
    allowed: STAFF,
    check: async (_w, answer) => {
      expect((answer.json as { published: boolean }).published).toBe(false);
    },
    archived: 409,
  },

  {
    source: "POST app/api/courses/[courseSlug]/readings/[readingSlug]/revisions/route.ts",
    path: "/api/courses/[courseSlug]/readings/[readingSlug]/revisions",
    params: (w) => ({ courseSlug: w.courseA.slug, readingSlug: w.reading.slug }),
    // Publishing the same text again, with a summary: a new revision, every id kept.
    body: (w) => ({
      summary: "Nothing changed",
      draft: {
        title: "The matrix reading",
        blocks: [
          { kind: "heading", text: "A heading" },
          { kind: "paragraph", text: `The first paragraph mentions ${w.marker} once.` },
          { kind: "paragraph", text: "The second paragraph is plain." },
        ],
      },
    }),
    allowed: STAFF,
    ok: 201,
    check: async (w) => {
      const latest = await db.readingRevision.findFirst({ where: { readingId: w.reading.id }, orderBy: { number: "desc" }, select: { summary: true } });
      expect(latest?.summary).toBe("Nothing changed");
      expect(await db.block.count({ where: { id: w.block.id } })).toBe(1);
    },
    archived: 409,
    fuzz: { runs: 25 },
  },

  // ── Discussion: one comment, its thread, reactions, history ─────────────────────────
  {
    source: "GET app/api/comments/[commentId]/route.ts",
    path: "/api/comments/[commentId]",
    params: (w) => ({ commentId: w.comment.id }),
    // With its thread up to it (a deep link): the thread's first comment is the comment itself.
    query: () => ({ thread: "1" }),
    allowed: MEMBERS,
    check: async (w, answer) => {
      const { comment, thread } = answer.json as { comment: { id: string }; thread: { root: { id: string } } | null };
      expect([comment.id, thread?.root.id]).toEqual([w.comment.id, w.comment.id]);
      expect(answer.text).toContain(w.marker);
    },
  },
  {
    source: "GET app/api/comments/[commentId]/route.ts",
    path: "/api/comments/[commentId]",
    // A private note: its author's alone — to staff it does not exist.
    params: (w) => ({ commentId: w.privateNote.id }),
    allowed: ["student"],
    refusal: { ta: 404, instructor: 404 },
    check: async (w, answer) => {
      expect(answer.text).toContain(w.authorOnly);
    },
  },
  {
    source: "PATCH app/api/comments/[commentId]/route.ts",
    path: "/api/comments/[commentId]",
    params: (w) => ({ commentId: w.comment.id }),
    body: (w) => ({ body: `An edited comment about ${w.marker}` }),
    // Only its author edits a comment; staff who can see it are told so (403).
    allowed: ["student"],
    check: async (w) => {
      expect((await db.comment.findUniqueOrThrow({ where: { id: w.comment.id } })).body).toBe(`An edited comment about ${w.marker}`);
      expect((await db.commentRevision.findFirstOrThrow({ where: { commentId: w.comment.id } })).body).toBe(w.comment.body);
    },
    undo: async (w) => {
      await db.commentRevision.deleteMany({ where: { commentId: w.comment.id } });
      await db.comment.update({ where: { id: w.comment.id }, data: { body: w.comment.body, bodyHtml: null, editedAt: null } });
    },
    archived: 409,
  },
  {
    source: "DELETE app/api/comments/[commentId]/route.ts",
    path: "/api/comments/[commentId]",
    params: (w) => ({ commentId: w.comment.id }),
    allowed: ["student"],
    // The row stays (for the staff's audit), deleted.
    check: async (w) => {
      expect((await db.comment.findUniqueOrThrow({ where: { id: w.comment.id } })).status).toBe("DELETED");
    },
    undo: async (w) => {
      await db.comment.update({ where: { id: w.comment.id }, data: { status: "VISIBLE", deletedAt: null } });
    },
    archived: 409,
  },
  {
    source: "GET app/api/comments/[commentId]/history/route.ts",
    path: "/api/comments/[commentId]/history",
    params: (w) => ({ commentId: w.comment.id }),
    allowed: STAFF,
    check: async (w, answer) => {
      expect(answer.text).toContain(w.marker);
    },
  },
  {
    source: "GET app/api/comments/[commentId]/replies/route.ts",
    path: "/api/comments/[commentId]/replies",
    params: (w) => ({ commentId: w.comment.id }),
    // "Show more replies" from the start of the thread.
    query: () => ({ cursor: Buffer.from(JSON.stringify({ t: new Date(0).toISOString(), id: "" })).toString("base64url") }),
    allowed: MEMBERS,
    check: async (w, answer) => {
      expect(JSON.stringify(answer.json)).toContain(`A reply about ${w.marker}`);
    },
  },
  {
    source: "POST app/api/comments/[commentId]/helpful/route.ts",
    path: "/api/comments/[commentId]/helpful",
    params: (w) => ({ commentId: w.comment.id }),
    // Anyone in the course but its author (who is told they cannot).
    allowed: ["ta", "instructor"],
    refusal: { student: 422 },
    check: async (w, _answer, actor) => {
      expect(await db.reaction.count({ where: { commentId: w.comment.id, userId: userOf(w, actor).id, kind: "HELPFUL" } })).toBe(1);
    },
    undo: async (w) => {
      await db.reaction.deleteMany({ where: { commentId: w.comment.id } });
    },
    archived: 409,
  },
  {
    source: "DELETE app/api/comments/[commentId]/helpful/route.ts",
    path: "/api/comments/[commentId]/helpful",
    params: (w) => ({ commentId: w.helped.id }),
    allowed: ["ta", "instructor"],
    refusal: { student: 422 },
    check: async (w, _answer, actor) => {
      expect(await db.reaction.count({ where: { commentId: w.helped.id, userId: userOf(w, actor).id } })).toBe(0);
    },
    undo: async (w, actor) => {
      await db.reaction.createMany({ data: [{ commentId: w.helped.id, userId: userOf(w, actor).id, kind: "HELPFUL" }], skipDuplicates: true });
    },
    archived: 409,
  },
  {
    source: "POST app/api/comments/preview/route.ts",
    path: "/api/comments/preview",
    body: () => ({ body: "Some *emphasis* and <script>alert(1)</script>" }),
    // Anyone signed in: it renders text they sent, nothing else.
    allowed: SIGNED_IN,
    check: async (_w, answer) => {
      const html = (answer.json as { html: string }).html;
      expect(html).toContain("<em>emphasis</em>");
      expect(html).not.toContain("<script");
    },
  },
  {
    source: "POST app/api/comments/read/route.ts",
    path: "/api/comments/read",
    body: (w) => ({ blockId: w.block.id }),
    allowed: MEMBERS,
    check: async (w, _answer, actor) => {
      expect(await db.threadRead.count({ where: { userId: userOf(w, actor).id, rootId: w.comment.id } })).toBe(1);
    },
    undo: async (w, actor) => {
      await db.threadRead.deleteMany({ where: { userId: userOf(w, actor).id } });
    },
  },
  {
    source: "POST app/api/comments/read/route.ts",
    path: "/api/comments/read",
    // A paragraph of the draft: to a student it does not exist.
    body: (w) => ({ blockId: w.draft.blockId }),
    allowed: STAFF,
    refusal: { student: 404 },
    fuzz: { runs: 10 },
  },
  {
    source: "GET app/api/readings/[readingId]/detached/route.ts",
    path: "/api/readings/[readingId]/detached",
    params: (w) => ({ readingId: w.reading.id }),
    allowed: MEMBERS,
    check: async (_w, answer) => {
      expect(answer.text).toContain("A detached thread");
    },
  },
  {
    source: "GET app/api/readings/[readingId]/article/route.ts",
    path: "/api/readings/[readingId]/article",
    params: (w) => ({ readingId: w.reading.id }),
    allowed: MEMBERS,
    check: async (w, answer) => {
      const { html } = answer.json as { html: string };
      expect(html).toContain(`data-block-row="${w.block.id}"`);
    },
  },
  {
    source: "GET app/api/readings/[readingId]/article/route.ts",
    path: "/api/readings/[readingId]/article",
    params: (w) => ({ readingId: w.draft.id }),
    allowed: STAFF,
    refusal: { student: 404 },
    fuzz: { runs: 10 },
  },
  {
    source: "GET app/api/readings/[readingId]/discussion/route.ts",
    path: "/api/readings/[readingId]/discussion",
    params: (w) => ({ readingId: w.reading.id }),
    allowed: MEMBERS,
    check: async (w, answer) => {
      expect(JSON.stringify(answer.json)).toContain(w.block.id);
    },
  },
  {
    source: "GET app/api/readings/[readingId]/discussion/route.ts",
    path: "/api/readings/[readingId]/discussion",
    params: (w) => ({ readingId: w.reading.id }),
    query: () => ({ only: "tips" }),
    allowed: MEMBERS,
    check: async (_w, answer) => {
      // The highlights with their tips, and nothing of the counts.
      expect(Object.keys(answer.json as object)).toEqual(["highlights"]);
    },
  },
  {
    source: "GET app/api/readings/[readingId]/discussion/route.ts",
    path: "/api/readings/[readingId]/discussion",
    params: (w) => ({ readingId: w.draft.id }),
    allowed: STAFF,
    refusal: { student: 404 },
    fuzz: { runs: 10 },
  },
  {
    source: "GET app/api/readings/[readingId]/mentions/route.ts",
    path: "/api/readings/[readingId]/mentions",
    params: (w) => ({ readingId: w.reading.id }),
    query: () => ({ q: "" }),
    allowed: MEMBERS,
    check: async (w, answer, actor) => {
      // Members of the course, never the caller, never an address.
      const members = (answer.json as { members: { id: string; name: string }[] }).members;
      expect(members.length).toBeGreaterThan(0);
      expect(members.length).toBeLessThanOrEqual(8);
      expect(members.some((m) => m.id === userOf(w, actor).id)).toBe(false);
      expect(members.some((m) => m.id === w.users.otherInstructor.id || m.id === w.users.nonMember.id)).toBe(false);
      expect(answer.text).not.toContain("@matrix.colloquy");
    },
  },
  {
    source: "GET app/api/readings/[readingId]/events/route.ts",
    path: "/api/readings/[readingId]/events",
    params: (w) => ({ readingId: w.reading.id }),
    // Server-Sent Events: members get the stream (up to "ready"); nobody else gets one.
    stream: "live.ready",
    allowed: MEMBERS,
    check: async (_w, answer) => {
      expect(answer.headers.get("content-type")).toContain("text/event-stream");
      expect(answer.text).toContain('"kind":"live.ready"');
    },
    fuzz: { runs: 20 },
  },
  {
    source: "GET app/api/readings/[readingId]/events/route.ts",
    path: "/api/readings/[readingId]/events",
    params: (w) => ({ readingId: w.draft.id }),
    stream: "live.ready",
    allowed: STAFF,
    refusal: { student: 404 },
    fuzz: { runs: 10 },
  },

  // ── Course administration: exports ──────────────────────────────────────────────────
  {
    source: "GET app/api/courses/[courseSlug]/exports/comments/route.ts",
    path: "/api/courses/[courseSlug]/exports/comments",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    query: () => ({ format: "csv" }),
    allowed: STAFF,
    // Every comment the staff may read, with its author; never a student's private note.
    check: async (w, answer) => {
      expect(answer.headers.get("content-type")).toContain("text/csv");
      expect(answer.text).toContain(`A comment about ${w.marker}`);
      expect(answer.text).toContain(w.users.student.email);
      expect(answer.text).not.toContain(w.authorOnly);
    },
  },
  {
    source: "GET app/api/courses/[courseSlug]/exports/comments/route.ts",
    path: "/api/courses/[courseSlug]/exports/comments",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    query: () => ({ format: "json" }),
    allowed: STAFF,
    check: async (w, answer) => {
      const rows = answer.json as { comment_id: string; body: string }[];
      expect(rows.find((r) => r.comment_id === w.comment.id)?.body).toBe(`A comment about ${w.marker}`);
      expect(answer.text).not.toContain(w.authorOnly);
    },
  },
  {
    source: "GET app/api/courses/[courseSlug]/exports/participation/route.ts",
    path: "/api/courses/[courseSlug]/exports/participation",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    query: () => ({ layout: "grades" }),
    allowed: STAFF,
    check: async (w, answer) => {
      const student = answer.text.split("\n").find((line) => line.includes(w.users.student.email));
      expect(student, "the student's row").toBeDefined();
      // The score set by hand, not the rubric's suggestion.
      expect(student).toContain(`,${w.grade.score},`);
    },
  },
  {
    source: "GET app/api/courses/[courseSlug]/exports/participation/route.ts",
    path: "/api/courses/[courseSlug]/exports/participation",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    query: () => ({ layout: "detail" }),
    allowed: STAFF,
    check: async (w, answer) => {
      expect(answer.text).toContain(w.grade.reason);
      expect(answer.text).toContain(w.extra.email);
    },
  },

  // ── Course administration: grading ──────────────────────────────────────────────────
  {
    source: "PUT app/api/courses/[courseSlug]/grades/route.ts",
    path: "/api/courses/[courseSlug]/grades",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    body: (w, actor) => ({ readingId: w.reading.id, studentId: w.users.student.id, score: 7.5, reason: `Extra credit, from the ${actor}` }),
    allowed: STAFF,
    check: async (w, _answer, actor) => {
      const grade = await db.participationGrade.findUniqueOrThrow({ where: { readingId_studentId: { readingId: w.reading.id, studentId: w.users.student.id } } });
      expect(grade).toMatchObject({ score: 7.5, reason: `Extra credit, from the ${actor}`, gradedById: userOf(w, actor).id });
    },
    undo: undoAdmin,
    archived: 409,
  },
  {
    source: "PUT app/api/courses/[courseSlug]/grades/route.ts",
    path: "/api/courses/[courseSlug]/grades",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    // Only students are graded: a TA of the course is not one.
    body: (w) => ({ readingId: w.reading.id, studentId: w.users.ta.id, score: 1, reason: "Not a student" }),
    allowed: [],
    refusal: { ta: 404, instructor: 404 },
    fuzz: { runs: 10 },
  },
  {
    source: "DELETE app/api/courses/[courseSlug]/grades/route.ts",
    path: "/api/courses/[courseSlug]/grades",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    body: (w) => ({ readingId: w.reading.id, studentId: w.users.student.id }),
    allowed: STAFF,
    check: async (w, answer) => {
      expect(answer.json).toEqual({ cleared: true });
      expect(await db.participationGrade.count({ where: { readingId: w.reading.id, studentId: w.users.student.id } })).toBe(0);
    },
    undo: undoAdmin,
    archived: 409,
  },
  {
    source: "PUT app/api/courses/[courseSlug]/rubric/route.ts",
    path: "/api/courses/[courseSlug]/rubric",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    body: () => ({ points: 4, minComments: 1, minCommentWords: 5, minReplies: 0, minReplyWords: 0, deadline: "NONE", credit: "ALL_OR_NOTHING" }),
    allowed: INSTRUCTOR,
    check: async (w) => {
      expect(await db.participationRubric.findUniqueOrThrow({ where: { courseId: w.courseA.id } })).toMatchObject({ points: 4, minComments: 1, deadline: "NONE", credit: "ALL_OR_NOTHING" });
    },
    undo: undoAdmin,
    archived: 409,
  },

  // ── Course administration: roster and invitations ───────────────────────────────────
  {
    source: "POST app/api/courses/[courseSlug]/members/route.ts",
    path: "/api/courses/[courseSlug]/members",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    // A class list: an existing account (joins at once), someone without one (a personal
    // invitation, as a TA), a member already in, and a line that is no address.
    body: (w) => ({
      csv: `email,name,role\n${w.users.nonMember.email},Olga Outsider,student\ninvited.person@matrix.colloquy,Ivy Invited,ta\n${w.users.student.email},Sam Student,\nnot an address,Nobody,`,
      role: "STUDENT",
    }),
    allowed: INSTRUCTOR,
    check: async (w, answer) => {
      const result = answer.json as { added: unknown[]; alreadyMembers: unknown[]; invited: { email: string; path: string }[]; errors: unknown[] };
      expect([result.added.length, result.alreadyMembers.length, result.invited.length, result.errors.length]).toEqual([1, 1, 1, 1]);
      expect((await db.membership.findUniqueOrThrow({ where: { userId_courseId: { userId: w.users.nonMember.id, courseId: w.courseA.id } } })).role).toBe("STUDENT");
      const invitation = await db.courseInvitation.findFirstOrThrow({ where: { courseId: w.courseA.id, email: "invited.person@matrix.colloquy", revokedAt: null } });
      expect(invitation.role).toBe("TA");
      expect(invitation.tokenHash).toBe(hashInviteToken(tokenIn(answer)));
    },
    undo: undoAdmin,
    archived: 409,
  },
  {
    source: "PATCH app/api/courses/[courseSlug]/members/[userId]/route.ts",
    path: "/api/courses/[courseSlug]/members/[userId]",
    params: (w) => ({ courseSlug: w.courseA.slug, userId: w.extra.id }),
    body: () => ({ role: "TA" }),
    allowed: INSTRUCTOR,
    check: async (w) => {
      expect((await db.membership.findUniqueOrThrow({ where: { userId_courseId: { userId: w.extra.id, courseId: w.courseA.id } } })).role).toBe("TA");
    },
    undo: undoAdmin,
    archived: 409,
  },
  {
    source: "PATCH app/api/courses/[courseSlug]/members/[userId]/route.ts",
    path: "/api/courses/[courseSlug]/members/[userId]",
    // The course's only instructor cannot make themselves a student: a course keeps one.
    params: (w) => ({ courseSlug: w.courseA.slug, userId: w.users.instructor.id }),
    body: () => ({ role: "STUDENT" }),
    allowed: [],
    refusal: { instructor: 409 },
    fuzz: { runs: 10 },
  },
  {
    source: "DELETE app/api/courses/[courseSlug]/members/[userId]/route.ts",
    path: "/api/courses/[courseSlug]/members/[userId]",
    params: (w) => ({ courseSlug: w.courseA.slug, userId: w.extra.id }),
    allowed: INSTRUCTOR,
    check: async (w) => {
      expect(await db.membership.count({ where: { userId: w.extra.id, courseId: w.courseA.id } })).toBe(0);
    },
    undo: undoAdmin,
    archived: 409,
  },
  {
    source: "DELETE app/api/courses/[courseSlug]/members/[userId]/route.ts",
    path: "/api/courses/[courseSlug]/members/[userId]",
    // Someone of another course cannot be "removed" from this one.
    params: (w) => ({ courseSlug: w.courseA.slug, userId: w.users.otherInstructor.id }),
    allowed: [],
    refusal: { instructor: 404 },
    fuzz: { runs: 10 },
  },
  {
    source: "POST app/api/courses/[courseSlug]/invitations/[invitationId]/route.ts",
    path: "/api/courses/[courseSlug]/invitations/[invitationId]",
    params: (w) => ({ courseSlug: w.courseA.slug, invitationId: w.pending.id }),
    allowed: INSTRUCTOR,
    // A fresh link: the answer's token is the one stored (as a hash); the old link is dead.
    check: async (w, answer) => {
      const stored = await db.courseInvitation.findUniqueOrThrow({ where: { id: w.pending.id } });
      expect(stored.tokenHash).toBe(hashInviteToken(tokenIn(answer)));
      expect(stored.tokenHash).not.toBe(hashInviteToken(w.pending.token));
    },
    undo: undoAdmin,
    archived: 409,
  },
  {
    source: "DELETE app/api/courses/[courseSlug]/invitations/[invitationId]/route.ts",
    path: "/api/courses/[courseSlug]/invitations/[invitationId]",
    params: (w) => ({ courseSlug: w.courseA.slug, invitationId: w.pending.id }),
    allowed: INSTRUCTOR,
    check: async (w) => {
      expect((await db.courseInvitation.findUniqueOrThrow({ where: { id: w.pending.id } })).revokedAt).not.toBeNull();
    },
    undo: undoAdmin,
    archived: 409,
  },
  {
    source: "POST app/api/courses/[courseSlug]/invite-link/route.ts",
    path: "/api/courses/[courseSlug]/invite-link",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    body: () => ({ days: 7 }),
    allowed: INSTRUCTOR,
    check: async (w, answer) => {
      const course = await db.course.findUniqueOrThrow({ where: { id: w.courseA.id } });
      expect(course.inviteToken).toBe(tokenIn(answer));
      expect(course.inviteToken).not.toBe(w.inviteLink.token);
      expect(Math.abs(course.inviteExpiresAt!.getTime() - Date.now() - 7 * 86_400_000)).toBeLessThan(60_000);
    },
    undo: undoAdmin,
    archived: 409,
  },
  {
    source: "DELETE app/api/courses/[courseSlug]/invite-link/route.ts",
    path: "/api/courses/[courseSlug]/invite-link",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    allowed: INSTRUCTOR,
    check: async (w) => {
      expect((await db.course.findUniqueOrThrow({ where: { id: w.courseA.id } })).inviteToken).toBeNull();
    },
    undo: undoAdmin,
    archived: 409,
  },
  {
    source: "POST app/api/courses/[courseSlug]/join-code/route.ts",
    path: "/api/courses/[courseSlug]/join-code",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    allowed: INSTRUCTOR,
    check: async (w, answer) => {
      const { joinCode } = await db.course.findUniqueOrThrow({ where: { id: w.courseA.id } });
      expect(joinCode).toBe((answer.json as { joinCode: string }).joinCode);
      expect(joinCode).not.toBe(w.courseA.joinCode);
    },
    undo: undoAdmin,
    archived: 409,
  },
  {
    source: "POST app/api/invitations/[token]/route.ts",
    path: "/api/invitations/[token]",
    params: (w) => ({ token: w.inviteLink.token }),
    // The shared link: anyone signed in joins as a student; a member keeps their role.
    allowed: SIGNED_IN,
    check: async (w, answer, actor) => {
      expect((answer.json as { url: string }).url).toBe(`/courses/${w.courseA.slug}`);
      const role = (await db.membership.findUniqueOrThrow({ where: { userId_courseId: { userId: userOf(w, actor).id, courseId: w.courseA.id } } })).role;
      expect(role).toBe({ nonMember: "STUDENT", otherInstructor: "STUDENT", student: "STUDENT", ta: "TA", instructor: "INSTRUCTOR" }[actor as string]);
    },
    undo: undoAdmin,
    archived: 409,
  },
  {
    source: "POST app/api/invitations/[token]/route.ts",
    path: "/api/invitations/[token]",
    params: (w) => ({ token: w.invitation.token }),
    // A personal invitation: only the account with the invited address may use it (once).
    allowed: ["nonMember"],
    refusal: { otherInstructor: 403 },
    check: async (w) => {
      const invitation = await db.courseInvitation.findUniqueOrThrow({ where: { id: w.invitation.id } });
      expect(invitation.acceptedById).toBe(w.users.nonMember.id);
      expect(await db.membership.count({ where: { userId: w.users.nonMember.id, courseId: w.courseA.id, role: "STUDENT" } })).toBe(1);
    },
    undo: undoAdmin,
    archived: 409,
  },

  // ── Course administration: schedule and settings ────────────────────────────────────
  {
    source: "PUT app/api/courses/[courseSlug]/reading-order/route.ts",
    path: "/api/courses/[courseSlug]/reading-order",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    body: (w) => ({ readingIds: [w.draft.id, w.reading.id] }),
    allowed: INSTRUCTOR,
    check: async (w) => {
      const readings = await db.reading.findMany({ where: { courseId: w.courseA.id }, orderBy: { position: "asc" }, select: { id: true } });
      expect(readings.map((r) => r.id)).toEqual([w.draft.id, w.reading.id]);
    },
    undo: undoAdmin,
    archived: 409,
  },
  {
    source: "PATCH app/api/courses/[courseSlug]/readings/[readingSlug]/schedule/route.ts",
    path: "/api/courses/[courseSlug]/readings/[readingSlug]/schedule",
    params: (w) => ({ courseSlug: w.courseA.slug, readingSlug: w.draft.slug }),
    // Publish the draft, with dates (wall-clock, in the course's time zone: UTC).
    body: () => ({ opensAt: "2026-01-10T09:00", dueAt: "2030-03-14T23:59", closesAt: "2030-03-21T12:00", draft: false }),
    allowed: INSTRUCTOR,
    check: async (w) => {
      const reading = await db.reading.findUniqueOrThrow({ where: { id: w.draft.id } });
      expect(reading.publishedAt).not.toBeNull();
      expect([reading.opensAt, reading.dueAt, reading.closesAt].map((d) => d?.toISOString())).toEqual(["2026-01-10T09:00:00.000Z", "2030-03-14T23:59:00.000Z", "2030-03-21T12:00:00.000Z"]);
    },
    undo: undoAdmin,
    archived: 409,
  },
  {
    source: "PATCH app/api/courses/[courseSlug]/route.ts",
    path: "/api/courses/[courseSlug]",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    body: () => ({ timeZone: "Europe/Berlin" }),
    allowed: INSTRUCTOR,
    check: async (w) => {
      expect((await db.course.findUniqueOrThrow({ where: { id: w.courseA.id } })).timeZone).toBe("Europe/Berlin");
    },
    undo: undoAdmin,
    archived: 409,
  },
  {
    source: "PATCH app/api/courses/[courseSlug]/route.ts",
    path: "/api/courses/[courseSlug]",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    // Anonymity to classmates (lib/comments/anonymity.ts): the instructor's setting.
    body: () => ({ allowAnonymous: true }),
    allowed: INSTRUCTOR,
    check: async (w) => {
      expect((await db.course.findUniqueOrThrow({ where: { id: w.courseA.id } })).allowAnonymous).toBe(true);
    },
    undo: undoAdmin,
    archived: 409,
  },
  {
    source: "PATCH app/api/courses/[courseSlug]/route.ts",
    path: "/api/courses/[courseSlug]",
    // Archiving (course C): afterwards the course refuses writes, even its instructor's.
    params: (w) => ({ courseSlug: w.spare.slug }),
    body: () => ({ archived: true }),
    allowed: INSTRUCTOR,
    check: async (w, _answer, actor) => {
      expect((await db.course.findUniqueOrThrow({ where: { id: w.spare.id } })).archivedAt).not.toBeNull();
      expect((await w.clients[actor].request("POST", `/api/courses/${w.spare.slug}/join-code`)).status).toBe(409);
    },
    undo: undoAdmin,
    archived: 409,
  },
  {
    source: "DELETE app/api/courses/[courseSlug]/route.ts",
    path: "/api/courses/[courseSlug]",
    // Deleting (course C), confirmed by its title; undo makes it again.
    params: (w) => ({ courseSlug: w.spare.slug }),
    body: (w) => ({ confirmTitle: w.spare.title }),
    allowed: INSTRUCTOR,
    check: async (w) => {
      expect(await db.course.count({ where: { id: w.spare.id } })).toBe(0);
    },
    undo: undoAdmin,
  },
  {
    source: "DELETE app/api/courses/[courseSlug]/route.ts",
    path: "/api/courses/[courseSlug]",
    // A title that does not match deletes nothing.
    params: (w) => ({ courseSlug: w.spare.slug }),
    body: () => ({ confirmTitle: "Course C" }),
    allowed: [],
    refusal: { instructor: 422 },
    fuzz: { runs: 10 },
  },

  // ── Server actions ───────────────────────────────────────────────────────────────────
  {
    source: "action app/actions.ts#createCourseAction",
    body: (_w, actor) => [{ title: `Course made by ${actor}`, term: "Spring" }],
    allowed: SIGNED_IN,
    check: async (w, _a, actor) => {
      const user = w.users[actor as Exclude<Actor, "signedOut">];
      expect(await db.membership.count({ where: { userId: user.id, role: "INSTRUCTOR", course: { title: `Course made by ${actor}` } } })).toBe(1);
    },
  },
  {
    source: "action app/actions.ts#joinCourseAction",
    body: (w) => [{ code: w.courseA.joinCode }],
    allowed: SIGNED_IN,
    check: async (w, _a, actor) => {
      const user = w.users[actor as Exclude<Actor, "signedOut">];
      expect(await db.membership.count({ where: { userId: user.id, courseId: w.courseA.id } })).toBe(1);
    },
    undo: async (w, actor) => {
      if (actor === "nonMember" || actor === "otherInstructor") await db.membership.deleteMany({ where: { userId: w.users[actor].id, courseId: w.courseA.id } });
    },
    // An archived course's code joins nobody: "no course has that join code".
    archived: 404,
  },
  {
    source: "action app/(auth)/signup/actions.ts#signUpAction",
    body: (w, actor) => [{ name: `New Person ${ACTORS.indexOf(actor) + 1}`, email: `new.${actor.toLowerCase()}.${w.marker}@matrix.colloquy`, password: "a-new-password" }],
    allowed: ALL,
    check: async (w, _a, actor) => {
      expect(await db.user.count({ where: { email: `new.${actor.toLowerCase()}.${w.marker}@matrix.colloquy` } })).toBe(1);
    },
    fuzz: { runs: 20 },
  },
  {
    source: "action app/(account)/account/actions.ts#renameAction",
    body: (_w, actor) => [{ name: `Renamed Person ${SIGNED_IN.indexOf(actor) + 1}` }],
    allowed: SIGNED_IN,
    check: async (w, _a, actor) => {
      expect((await db.user.findUniqueOrThrow({ where: { id: w.users[actor as Exclude<Actor, "signedOut">].id } })).name).toBe(`Renamed Person ${SIGNED_IN.indexOf(actor) + 1}`);
    },
    undo: async (w, actor) => {
      const user = w.users[actor as Exclude<Actor, "signedOut">];
      await db.user.update({ where: { id: user.id }, data: { name: user.name } });
    },
  },
  {
    source: "action app/(account)/account/actions.ts#changePasswordAction",
    body: () => [{ current: WORLD_PASSWORD, next: "a-changed-password" }],
    allowed: SIGNED_IN,
    check: async (w, answer, actor) => {
      // The client kept its session: the action re-issued this browser's cookie.
      expect(answer.headers.getSetCookie().some((c) => c.includes("next-auth.session-token="))).toBe(true);
      expect((await db.user.findUniqueOrThrow({ where: { id: w.users[actor as Exclude<Actor, "signedOut">].id }, select: { sessionVersion: true } })).sessionVersion).toBeGreaterThan(0);
    },
    undo: async (w, actor) => {
      await db.user.update({ where: { id: w.users[actor as Exclude<Actor, "signedOut">].id }, data: { passwordHash: await hashPassword(WORLD_PASSWORD) } });
    },
    fuzz: { runs: 15 },
  },
  {
    source: "action app/(account)/account/actions.ts#endOtherSessionsAction",
    body: () => [],
    allowed: SIGNED_IN,
    check: async (_w, answer) => {
      expect(answer.headers.getSetCookie().some((c) => c.includes("next-auth.session-token="))).toBe(true);
    },
  },
  // ── Notifications ────────────────────────────────────────────────────────────────────
  {
    source: "page app/(account)/notifications/page.tsx",
    path: "/notifications",
    allowed: SIGNED_IN,
    check: async (w, answer, actor) => {
      // Each user sees only their own: the student's item links to the TA's reply.
      expect(answer.text.includes(`#c-${w.reply.id}`), `${actor} and the student's notification`).toBe(actor === "student");
      if (actor === "student") expect(answer.text).toContain(`${w.users.ta.name} replied to you`);
    },
  },
  { source: "page app/(account)/account/notifications/page.tsx", path: "/account/notifications", allowed: SIGNED_IN },
  {
    source: "action app/(account)/account/notifications/actions.ts#saveNotificationSettingsAction",
    path: "/account/notifications",
    body: () => [{ reply: false, mention: true, endorsed: true, hidden: true, email: "DIGEST" }],
    allowed: SIGNED_IN,
    check: async (w, _a, actor) => {
      const row = await db.notificationSettings.findUniqueOrThrow({ where: { userId: userOf(w, actor).id } });
      expect(row).toMatchObject({ reply: false, email: "DIGEST" });
    },
    undo: async (w, actor) => {
      await db.notificationSettings.deleteMany({ where: { userId: userOf(w, actor).id } });
    },
  },
  // The local outbox: each user's own folder, chosen by the session, never by the request.
  { source: "page app/(account)/outbox/page.tsx", path: "/outbox", allowed: SIGNED_IN },
  // The live bell: the caller's own count, and a stream of their own content-free pings.
  {
    source: "GET app/api/notifications/unread/route.ts",
    path: "/api/notifications/unread",
    allowed: SIGNED_IN,
    check: async (_w, answer) => {
      expect(Object.keys(answer.json as object)).toEqual(["unread"]);
      expect(typeof (answer.json as { unread: unknown }).unread).toBe("number");
    },
    fuzz: { runs: 10 },
  },
  {
    source: "GET app/api/notifications/events/route.ts",
    path: "/api/notifications/events",
    stream: "live.ready",
    allowed: SIGNED_IN,
    check: async (_w, answer) => {
      expect(answer.headers.get("content-type")).toContain("text/event-stream");
      expect(answer.text).toContain('"kind":"live.ready"');
    },
    fuzz: { runs: 10 },
  },
  {
    source: "action app/(account)/notifications/actions.ts#markNotificationReadAction",
    path: "/notifications",
    body: (w) => [w.notification.id],
    allowed: SIGNED_IN,
    check: async (w, answer, actor) => {
      // Anyone signed in may call it; only the recipient's call marks anything.
      const row = await db.notification.findUniqueOrThrow({ where: { id: w.notification.id } });
      expect(row.readAt !== null, `${actor} marked the student's notification`).toBe(actor === "student");
      expect(answer.result).toMatchObject({ ok: true, data: { marked: actor === "student" } });
    },
    undo: async (w) => {
      await db.notification.update({ where: { id: w.notification.id }, data: { readAt: null } });
    },
  },
  {
    source: "action app/(account)/notifications/actions.ts#markAllNotificationsReadAction",
    path: "/notifications",
    body: () => [],
    allowed: SIGNED_IN,
    check: async (w, _answer, actor) => {
      const row = await db.notification.findUniqueOrThrow({ where: { id: w.notification.id } });
      expect(row.readAt !== null, `${actor} marked the student's notification`).toBe(actor === "student");
    },
    undo: async (w) => {
      await db.notification.update({ where: { id: w.notification.id }, data: { readAt: null } });
    },
  },
  // ── Moderation ───────────────────────────────────────────────────────────────────────
  {
    source: "page app/(instructor)/courses/[courseSlug]/moderation/page.tsx",
    path: "/courses/[courseSlug]/moderation",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    allowed: STAFF,
    check: async (w, answer) => {
      // The reported comment, in context, with the student's reason.
      expect(answer.text).toContain(`A reported comment about ${w.marker}`);
      expect(answer.text).toContain(`Reported because ${w.marker}`);
    },
  },
  {
    source: "POST app/api/comments/[commentId]/moderation/route.ts",
    path: "/api/comments/[commentId]/moderation",
    params: (w) => ({ commentId: w.moderation.comment.id }),
    body: () => ({ action: "endorse" }),
    allowed: STAFF,
    check: async (w, answer, actor) => {
      expect((await db.comment.findUniqueOrThrow({ where: { id: w.moderation.comment.id } })).endorsedAt).not.toBeNull();
      const log = await db.moderationAction.findMany({ where: { commentId: w.moderation.comment.id } });
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({ action: "endorse", actorId: w.users[actor as Exclude<Actor, "signedOut">].id });
      expect(JSON.stringify(answer.json)).toContain("Endorsed by an instructor");
    },
    undo: async (w) => {
      await db.comment.update({ where: { id: w.moderation.comment.id }, data: { endorsedAt: null } });
      await db.moderationAction.deleteMany({ where: { commentId: w.moderation.comment.id } });
      // The author's "endorsed" notification too: its mail job, left to run, would stamp
      // mailedAt in the middle of a later case (a change that case did not make).
      await db.notification.deleteMany({ where: { commentId: w.moderation.comment.id, kind: "ENDORSED" } });
    },
  },
  {
    source: "POST app/api/comments/[commentId]/moderation/route.ts",
    path: "/api/comments/[commentId]/moderation",
    // A student's private note: staff never see it, so they cannot hide or delete it either
    // (once they could, by its id); its author is no moderator (403).
    params: (w) => ({ commentId: w.privateNote.id }),
    body: () => ({ action: "hide", reason: "matrix hides a private note" }),
    allowed: [],
    refusal: { ta: 404, instructor: 404 },
    fuzz: { runs: 10 },
  },
  {
    source: "POST app/api/comments/[commentId]/report/route.ts",
    path: "/api/comments/[commentId]/report",
    params: (w) => ({ commentId: w.moderation.comment.id }),
    body: (_w, actor) => ({ reason: `matrix report by ${actor}` }),
    allowed: ["ta", "instructor"],
    ok: 201,
    // The student reported this comment already (the world's open report): a second
    // report is refused with 409, nothing changed.
    refusal: { student: 409 },
    check: async (w, _answer, actor) => {
      expect(await db.commentReport.count({ where: { commentId: w.moderation.comment.id, reason: `matrix report by ${actor}` } })).toBe(1);
    },
    undo: async (w, actor) => {
      await db.commentReport.deleteMany({ where: { commentId: w.moderation.comment.id, reporterId: w.users[actor as Exclude<Actor, "signedOut">].id } });
    },
  },
  // ── Moderation settings: pre-moderation, word list, mutes, reading locks ──────────────
  {
    source: "POST app/api/courses/[courseSlug]/moderation/route.ts",
    path: "/api/courses/[courseSlug]/moderation",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    body: () => ({ action: "premoderate-course" }),
    allowed: INSTRUCTOR,
    check: async (w, _answer, actor) => {
      expect((await db.course.findUniqueOrThrow({ where: { id: w.courseA.id } })).premoderated).toBe(true);
      expect(await db.moderationAction.findMany({ where: { courseId: w.courseA.id, commentId: null }, select: { action: true, actorId: true } })).toEqual([{ action: "premoderate-course", actorId: userOf(w, actor).id }]);
    },
    undo: undoModerationSettings,
    archived: 409,
  },
  {
    source: "POST app/api/courses/[courseSlug]/moderation/route.ts",
    path: "/api/courses/[courseSlug]/moderation",
    params: (w) => ({ courseSlug: w.courseA.slug }),
    body: () => ({ action: "word-list", words: "matrixword\nanother phrase" }),
    allowed: INSTRUCTOR,
    check: async (w) => {
      expect((await db.course.findUniqueOrThrow({ where: { id: w.courseA.id } })).wordList).toEqual(["matrixword", "another phrase"]);
      expect(await db.moderationAction.count({ where: { courseId: w.courseA.id, action: "word-list" } })).toBe(1);
    },
    undo: undoModerationSettings,
    archived: 409,
  },
  {
    source: "POST app/api/courses/[courseSlug]/readings/[readingSlug]/moderation/route.ts",
    path: "/api/courses/[courseSlug]/readings/[readingSlug]/moderation",
    params: (w) => ({ courseSlug: w.courseA.slug, readingSlug: w.reading.slug }),
    body: () => ({ action: "lock-reading" }),
    allowed: STAFF,
    check: async (w, _answer, actor) => {
      expect((await db.reading.findUniqueOrThrow({ where: { id: w.reading.id } })).discussionLockedAt).not.toBeNull();
      expect(await db.moderationAction.findMany({ where: { courseId: w.courseA.id, commentId: null }, select: { action: true, actorId: true, readingId: true } })).toEqual([
        { action: "lock-reading", actorId: userOf(w, actor).id, readingId: w.reading.id },
      ]);
    },
    undo: undoModerationSettings,
    archived: 409,
  },
  {
    source: "POST app/api/courses/[courseSlug]/members/[userId]/moderation/route.ts",
    path: "/api/courses/[courseSlug]/members/[userId]/moderation",
    params: (w) => ({ courseSlug: w.courseA.slug, userId: w.extra.id }),
    // Muted until tomorrow, wall-clock in the course's zone (UTC).
    body: () => ({ action: "mute", until: new Date(Date.now() + 86_400_000).toISOString().slice(0, 16), reason: "matrix mute" }),
    allowed: STAFF,
    check: async (w, answer) => {
      const member = await db.membership.findUniqueOrThrow({ where: { userId_courseId: { userId: w.extra.id, courseId: w.courseA.id } } });
      expect(member.mutedUntil!.getTime()).toBeGreaterThan(Date.now());
      expect(member.muteReason).toBe("matrix mute");
      expect(await db.moderationAction.count({ where: { courseId: w.courseA.id, action: "mute", subjectUserId: w.extra.id } })).toBe(1);
      expect(JSON.stringify(answer.json)).toContain("matrix mute");
    },
    undo: undoModerationSettings,
    archived: 409,
  },
  {
    source: "POST app/api/courses/[courseSlug]/members/[userId]/moderation/route.ts",
    path: "/api/courses/[courseSlug]/members/[userId]/moderation",
    // Staff are never muted or held; someone of another course is not a member here.
    params: (w) => ({ courseSlug: w.courseA.slug, userId: w.users.ta.id }),
    body: () => ({ action: "premoderate-student" }),
    allowed: [],
    refusal: { ta: 409, instructor: 409 },
    fuzz: { runs: 10 },
  },
];

/** Put course A's moderation settings back as makeWorld left them (all off), and drop the
 *  settings' audit rows (they have no comment). */
async function undoModerationSettings(w: World) {
  await db.course.update({ where: { id: w.courseA.id }, data: { premoderated: false, wordList: [] } });
  await db.reading.updateMany({ where: { courseId: w.courseA.id }, data: { premoderated: false, discussionLockedAt: null } });
  await db.membership.updateMany({ where: { courseId: w.courseA.id }, data: { premoderated: false, mutedUntil: null, muteReason: null } });
  await db.moderationAction.deleteMany({ where: { courseId: w.courseA.id, commentId: null } });
}
