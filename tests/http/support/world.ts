/**
 * The world the authorization matrix and the fuzzer act in: course A (an instructor, a TA,
 * a student, a second student), course B of another instructor, course C (a spare of the
 * instructor's, with the same TA and student, for archiving and deleting), and a signed-up
 * user in neither. Course A's title, a paragraph of its reading and a comment carry a unique
 * marker: whatever an actor may not see must never contain it (HTML, RSC payloads, JSON).
 * Course A also has what only some members may see — a draft reading (`staffOnly`), a
 * student's private note (`authorOnly`), pending invitations and the shared invite link
 * (instructors) — and a score set by hand. Every actor is signed in through next-auth's own
 * endpoint — real sessions.
 */
import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { generateInviteToken, hashInviteToken } from "@/lib/courses/invite-token";
import { storeReading } from "@/lib/readings/store-reading";
import { db } from "../../support/db";
import { Client } from "./client";

export const ACTORS = ["signedOut", "nonMember", "student", "ta", "instructor", "otherInstructor"] as const;
export type Actor = (typeof ACTORS)[number];
export const SIGNED_IN: Actor[] = ["nonMember", "student", "ta", "instructor", "otherInstructor"];
export const MEMBERS: Actor[] = ["student", "ta", "instructor"];
export const STAFF: Actor[] = ["ta", "instructor"];

export const WORLD_PASSWORD = "matrix-password-1";
export const baseUrl = inject("baseUrl");

export interface World {
  marker: string;
  /** In what only course A's staff may see: the draft reading's title. */
  staffOnly: string;
  /** In what only its author may see: the student's private note. */
  authorOnly: string;
  users: Record<Exclude<Actor, "signedOut">, { id: string; email: string; name: string }>;
  /** A second student of course A, without a session: the one whose role is changed and who is removed. */
  extra: { id: string; email: string; name: string };
  clients: Record<Actor, Client>;
  courseA: { id: string; slug: string; joinCode: string };
  courseB: { id: string; slug: string; joinCode: string };
  reading: { id: string; slug: string };
  block: { id: string };
  heading: { id: string };
  comment: { id: string; body: string };
  /** The TA's reply to `comment`. */
  reply: { id: string };
  /** Another of the student's comments, already marked helpful by the TA and the instructor. */
  helped: { id: string };
  /** The student's private note (only they see it). */
  privateNote: { id: string };
  detached: { id: string };
  /** A finished import of course A, started by its instructor. */
  task: { id: string };
  readingB: { id: string; slug: string };
  blockB: { id: string };
  /** Moderation: a comment in course A by a classmate (a student who is no actor), so
   *  every actor may report it; an open report of it by the student (the queue). */
  moderation: { comment: { id: string }; classmate: { id: string } };
  /** Course A's draft reading (no publishedAt): staff see it, students do not. */
  draft: { id: string; slug: string; blockId: string };
  /** Course A's shared invite link (anyone signed in joins as a student). */
  inviteLink: { token: string; expiresAt: Date };
  /** A personal invitation to course A for the non-member's address. */
  invitation: { id: string; token: string };
  /** A pending personal invitation to course A for someone without an account. */
  pending: { id: string; token: string; email: string };
  /** The student's score on the reading, set by hand by the instructor. */
  grade: { score: number; reason: string };
  /** Course C: the instructor's (with the TA and the student), archived and deleted by the matrix. */
  spare: { id: string; slug: string; title: string; joinCode: string };
  /** The student's unread notification of the TA's `reply` (lib/notifications). */
  notification: { id: string };
}

let passwordHash: Promise<string> | undefined;

export async function makeWorld(): Promise<World> {
  const unique = () => randomUUID().replace(/-/g, "").slice(0, 12);
  const marker = `zq${unique()}`;
  const staffOnly = `zs${unique()}`;
  const authorOnly = `zp${unique()}`;
  // Addresses do not carry the marker: a refusal may name the caller's own address.
  const tag = unique();
  passwordHash ??= hashPassword(WORLD_PASSWORD);
  const hash = await passwordHash;
  const person = async (role: string, name: string) =>
    db.user.create({ data: { name, email: `${role}.${tag}@matrix.colloquy`, passwordHash: hash }, select: { id: true, email: true, name: true } });
  const users = {
    nonMember: await person("outsider", "Olga Outsider"),
    student: await person("student", "Sam Student"),
    ta: await person("ta", "Tara Assistant"),
    instructor: await person("instructor", "Ines Teacher"),
    otherInstructor: await person("other", "Otto Elsewhere"),
  };
  const extra = await person("second", "Stu Second");
  const course = async (title: string, owner: string) =>
    db.course.create({
      data: {
        slug: `m-${randomUUID().slice(0, 8)}`,
        title,
        joinCode: randomUUID().replace(/[^A-Za-z0-9]/g, "").slice(0, 10).toUpperCase(),
        memberships: { create: { userId: owner, role: "INSTRUCTOR" } },
      },
      select: { id: true, slug: true, joinCode: true },
    });
  const courseA = await course(`Course A ${marker}`, users.instructor.id);
  await db.membership.createMany({
    data: [
      { courseId: courseA.id, userId: users.ta.id, role: "TA" },
      { courseId: courseA.id, userId: users.student.id, role: "STUDENT" },
      { courseId: courseA.id, userId: extra.id, role: "STUDENT" },
    ],
  });
  const courseB = await course("Course B elsewhere", users.otherInstructor.id);
  // Without the marker: a wrong confirmation of its deletion quotes the title back.
  const spareTitle = "Course C, the spare";
  const spare = { ...(await course(spareTitle, users.instructor.id)), title: spareTitle };
  await db.membership.createMany({
    data: [
      { courseId: spare.id, userId: users.ta.id, role: "TA" },
      { courseId: spare.id, userId: users.student.id, role: "STUDENT" },
    ],
  });
  const text = (t: string) => ({ title: t, author: null, source: null, date: null, format: "text" as const, notes: [], report: [] });
  const reading = await storeReading(db, {
    courseId: courseA.id,
    imported: {
      ...text("The matrix reading"),
      blocks: [
        { kind: "heading", text: "A heading" },
        { kind: "paragraph", text: `The first paragraph mentions ${marker} once.` },
        { kind: "paragraph", text: "The second paragraph is plain." },
      ],
    },
    position: 0,
  });
  const draft = await storeReading(db, {
    courseId: courseA.id,
    imported: { ...text("A draft"), blocks: [{ kind: "paragraph", text: `Not for students yet: ${staffOnly}.` }] },
    position: 1,
  });
  await db.reading.update({ where: { id: reading.id }, data: { publishedAt: PUBLISHED } });
  // The title carries the marker, the address does not (a sign-in redirect repeats the address asked for).
  await db.reading.update({ where: { id: draft.id }, data: { publishedAt: null, title: `Draft ${staffOnly}` } });
  const readingB = await storeReading(db, { courseId: courseB.id, imported: { ...text("Elsewhere"), blocks: [{ kind: "paragraph", text: "Course B's only paragraph." }] } });
  const blocks = await db.block.findMany({ where: { readingId: reading.id }, orderBy: { position: "asc" }, select: { id: true } });
  const blockB = await db.block.findFirstOrThrow({ where: { readingId: readingB.id }, select: { id: true } });
  const commentBody = `A comment about ${marker}`;
  const comment = {
    ...(await db.comment.create({
      data: { courseId: courseA.id, readingId: reading.id, blockId: blocks[1]!.id, authorId: users.student.id, body: commentBody },
      select: { id: true },
    })),
    body: commentBody,
  };
  const reply = await db.comment.create({
    data: { courseId: courseA.id, readingId: reading.id, blockId: blocks[1]!.id, parentId: comment.id, rootId: comment.id, authorId: users.ta.id, body: `A reply about ${marker}` },
    select: { id: true },
  });
  const helped = await db.comment.create({
    data: { courseId: courseA.id, readingId: reading.id, blockId: blocks[2]!.id, authorId: users.student.id, body: "A comment people found helpful" },
    select: { id: true },
  });
  await db.reaction.createMany({ data: [users.ta.id, users.instructor.id].map((userId) => ({ commentId: helped.id, userId, kind: "HELPFUL" as const })) });
  const detached = await db.comment.create({
    data: { courseId: courseA.id, readingId: reading.id, blockId: null, detachedAt: new Date(), authorId: users.student.id, body: "A detached thread" },
    select: { id: true },
  });
  const privateNote = await db.comment.create({
    data: { courseId: courseA.id, readingId: reading.id, blockId: blocks[1]!.id, authorId: users.student.id, visibility: "PRIVATE", body: `My private note: ${authorOnly}` },
    select: { id: true },
  });
  const inviteLink = { token: generateInviteToken(), expiresAt: new Date(Date.now() + 30 * 86_400_000) };
  await db.course.update({ where: { id: courseA.id }, data: { inviteToken: inviteLink.token, inviteExpiresAt: inviteLink.expiresAt } });
  const invite = async (email: string) => {
    const token = generateInviteToken();
    const row = await db.courseInvitation.create({
      data: { courseId: courseA.id, email, role: "STUDENT", tokenHash: hashInviteToken(token), expiresAt: INVITATION_EXPIRES, createdById: users.instructor.id },
      select: { id: true },
    });
    return { id: row.id, token };
  };
  const invitation = await invite(users.nonMember.email);
  const pendingEmail = `pending.${tag}@matrix.colloquy`;
  const pending = { ...(await invite(pendingEmail)), email: pendingEmail };
  const grade = { score: 5, reason: "Set by hand in the matrix world" };
  await db.participationGrade.create({
    data: { courseId: courseA.id, readingId: reading.id, studentId: users.student.id, gradedById: users.instructor.id, ...grade },
  });
  const task = await db.backgroundTask.create({
    data: {
      kind: "import",
      courseId: courseA.id,
      createdById: users.instructor.id,
      status: "SUCCEEDED",
      stage: "done",
      input: { fileName: "pasted.txt" },
      result: { title: "Pasted", blocks: [{ kind: "paragraph", text: "An imported paragraph." }] },
      finishedAt: new Date(),
    },
    select: { id: true },
  });

  // ── Moderation ──
  const classmate = await person("classmate", "Cleo Classmate");
  await db.membership.create({ data: { courseId: courseA.id, userId: classmate.id, role: "STUDENT" } });
  const modComment = await db.comment.create({
    data: { courseId: courseA.id, readingId: reading.id, blockId: blocks[1]!.id, authorId: classmate.id, body: `A reported comment about ${marker}` },
    select: { id: true },
  });
  await db.commentReport.create({ data: { courseId: courseA.id, commentId: modComment.id, reporterId: users.student.id, reason: `Reported because ${marker}` } });

  // ── Notifications ──
  const notification = await db.notification.create({
    data: { recipientId: users.student.id, kind: "REPLY", actorId: users.ta.id, commentId: reply.id, readingId: reading.id, courseId: courseA.id },
    select: { id: true },
  });

  const clients = Object.fromEntries(ACTORS.map((a) => [a, new Client(baseUrl, a)])) as Record<Actor, Client>;
  for (const actor of SIGNED_IN) {
    const answer = await clients[actor].signIn(users[actor as Exclude<Actor, "signedOut">].email, WORLD_PASSWORD);
    if (answer.status !== 200 || !clients[actor].sessionCookie()) throw new Error(`sign-in as ${actor} failed: ${answer.status} ${answer.text}`);
  }
  return {
    marker,
    staffOnly,
    authorOnly,
    users,
    extra,
    clients,
    courseA,
    courseB,
    reading: { id: reading.id, slug: reading.slug },
    block: blocks[1]!,
    heading: blocks[0]!,
    comment,
    reply,
    helped,
    privateNote,
    detached,
    task,
    readingB: { id: readingB.id, slug: readingB.slug },
    blockB,
    moderation: { comment: modComment, classmate: { id: classmate.id } },
    draft: { id: draft.id, slug: draft.slug, blockId: (await db.block.findFirstOrThrow({ where: { readingId: draft.id }, select: { id: true } })).id },
    inviteLink,
    invitation,
    pending,
    grade,
    spare,
    notification,
  };
}

const INVITATION_EXPIRES = new Date(Date.now() + 30 * 86_400_000);
const PUBLISHED = new Date("2025-09-01T08:00:00Z");

/**
 * Put course A's administration back as makeWorld left it — settings, join code and invite
 * link, roster and roles, invitations, the score set by hand, the rubric, the readings'
 * schedule and order (readings published since are deleted) — and course C back in place
 * (restored if archived, made again if deleted). Idempotent: the `undo` of every
 * course-administration entry, also after a fuzz case that was accepted.
 */
export async function restoreWorld(w: World): Promise<void> {
  const a = w.courseA.id;
  await db.course.update({
    where: { id: a },
    data: { joinCode: w.courseA.joinCode, inviteToken: w.inviteLink.token, inviteExpiresAt: w.inviteLink.expiresAt, timeZone: "UTC", archivedAt: null, allowAnonymous: false },
  });
  const members: [string, "INSTRUCTOR" | "TA" | "STUDENT"][] = [
    [w.users.instructor.id, "INSTRUCTOR"],
    [w.users.ta.id, "TA"],
    [w.users.student.id, "STUDENT"],
    [w.extra.id, "STUDENT"],
  ];
  await db.membership.deleteMany({ where: { courseId: a, userId: { notIn: members.map(([id]) => id) } } });
  for (const [userId, role] of members) {
    await db.membership.upsert({ where: { userId_courseId: { userId, courseId: a } }, create: { userId, courseId: a, role }, update: { role } });
  }
  await db.courseInvitation.deleteMany({ where: { courseId: a, id: { notIn: [w.invitation.id, w.pending.id] } } });
  for (const { id, token } of [w.invitation, w.pending]) {
    await db.courseInvitation.update({
      where: { id },
      data: { tokenHash: hashInviteToken(token), expiresAt: INVITATION_EXPIRES, acceptedAt: null, acceptedById: null, revokedAt: null },
    });
  }
  await db.participationGrade.deleteMany({ where: { courseId: a, NOT: { readingId: w.reading.id, studentId: w.users.student.id } } });
  await db.participationGrade.upsert({
    where: { readingId_studentId: { readingId: w.reading.id, studentId: w.users.student.id } },
    create: { courseId: a, readingId: w.reading.id, studentId: w.users.student.id, gradedById: w.users.instructor.id, ...w.grade },
    update: { gradedById: w.users.instructor.id, ...w.grade },
  });
  await db.participationRubric.deleteMany({ where: { courseId: a } });
  await db.reading.deleteMany({ where: { courseId: a, id: { notIn: [w.reading.id, w.draft.id] } } });
  const unscheduled = { opensAt: null, dueAt: null, closesAt: null };
  await db.reading.update({ where: { id: w.reading.id }, data: { ...unscheduled, position: 0, publishedAt: PUBLISHED } });
  await db.reading.update({ where: { id: w.draft.id }, data: { ...unscheduled, position: 1, publishedAt: null } });

  const s = w.spare;
  await db.course.upsert({
    where: { id: s.id },
    create: { id: s.id, slug: s.slug, title: s.title, joinCode: s.joinCode },
    update: { slug: s.slug, title: s.title, joinCode: s.joinCode, archivedAt: null, timeZone: "UTC" },
  });
  const spareMembers: [string, "INSTRUCTOR" | "TA" | "STUDENT"][] = [
    [w.users.instructor.id, "INSTRUCTOR"],
    [w.users.ta.id, "TA"],
    [w.users.student.id, "STUDENT"],
  ];
  for (const [userId, role] of spareMembers) {
    await db.membership.upsert({ where: { userId_courseId: { userId, courseId: s.id } }, create: { userId, courseId: s.id, role }, update: { role } });
  }
}

/** Tables that change without being application data. */
const NOT_APPLICATION_DATA = ["_prisma_migrations", "rate_limits"];
let tableList: Promise<string[]> | undefined;

/**
 * A fingerprint of every application table (every table in the public schema, including
 * ones added after this was written): a hash of all its rows. A refused request must leave
 * it exactly as it was.
 */
export async function fingerprint(): Promise<string> {
  tableList ??= db
    .$queryRawUnsafe<{ name: string }[]>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)
    .then((rows) => rows.map((r) => r.name).filter((n) => !NOT_APPLICATION_DATA.includes(n)));
  const tables = await tableList;
  const sql = tables.map((t) => `SELECT '${t}' AS t, md5(coalesce(string_agg(x::text, '|' ORDER BY x.ctid), '')) AS h FROM "${t}" x`).join(" UNION ALL ");
  const rows = await db.$queryRawUnsafe<{ t: string; h: string }[]>(sql);
  return rows.map((r) => `${r.t}:${r.h}`).join(" ");
}

/** The tables whose fingerprints differ, for a readable failure. */
export function changedTables(before: string, after: string): string[] {
  const b = new Map(before.split(" ").map((p) => p.split(":") as [string, string]));
  return after
    .split(" ")
    .map((p) => p.split(":") as [string, string])
    .filter(([t, h]) => b.get(t) !== h)
    .map(([t]) => t);
}
