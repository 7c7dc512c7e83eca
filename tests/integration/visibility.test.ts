import { describe, expect, test } from "vitest";
import { db, makeUser, makeCourse, addMember } from "../support/db";
import { storeReading } from "@/lib/readings/store-reading";
import { canSeeComment, postedBlockIdsOf, visibleCommentSql, visibleCommentWhere, type Viewer } from "@/lib/comments/visibility";
import type { CommentStatus, Visibility } from "@/generated/prisma/client";

const STATUSES: CommentStatus[] = ["VISIBLE", "PENDING", "HIDDEN", "DELETED"];
const VISIBILITIES: Visibility[] = ["CLASS", "INSTRUCTORS", "PRIVATE"];

describe("the one visibility rule, three ways", () => {
  test("the Prisma filter, the SQL condition and the in-memory predicate agree on every status × visibility × author × role", async () => {
    const teacher = await makeUser("Teacher");
    const ta = await makeUser("Assistant");
    const alice = await makeUser("Alice");
    const bob = await makeUser("Bob");
    const course = await makeCourse(teacher.id);
    await addMember(course.id, ta.id, "TA");
    await addMember(course.id, alice.id);
    await addMember(course.id, bob.id);
    const reading = await storeReading(db, {
      courseId: course.id,
      imported: { title: "V", author: null, source: null, date: null, format: "text", blocks: [{ kind: "paragraph", text: "Text." }], notes: [], report: [] },
    });
    const rows = [];
    for (const status of STATUSES)
      for (const visibility of VISIBILITIES)
        for (const author of [alice, bob, teacher])
          rows.push(await db.comment.create({ data: { courseId: course.id, readingId: reading.id, authorId: author.id, body: `${status} ${visibility}`, status, visibility, threadAuthorId: visibility === "INSTRUCTORS" ? alice.id : null }, select: { id: true, authorId: true, status: true, visibility: true, threadAuthorId: true } }));

    const viewers: Viewer[] = [
      { userId: alice.id, role: "STUDENT" },
      { userId: bob.id, role: "STUDENT" },
      { userId: ta.id, role: "TA" },
      { userId: teacher.id, role: "INSTRUCTOR" },
    ];
    for (const viewer of viewers) {
      const byPrisma = (await db.comment.findMany({ where: { AND: [{ readingId: reading.id }, visibleCommentWhere(viewer)] }, select: { id: true } })).map((r) => r.id).sort();
      const bySql = (await db.$queryRaw<{ id: string }[]>`SELECT c."id" FROM "Comment" c WHERE c."readingId" = ${reading.id} AND ${visibleCommentSql(viewer, "c")}`).map((r) => r.id).sort();
      const byPredicate = rows.filter((r) => canSeeComment(viewer, r)).map((r) => r.id).sort();
      expect(bySql, `SQL vs Prisma for ${viewer.role}`).toEqual(byPrisma);
      expect(byPredicate, `predicate vs Prisma for ${viewer.role}`).toEqual(byPrisma);
    }

    // The rules: visible class comments for everyone; authors also see their own (held or
    // private ones included); deleted ones nobody. Alice started the instructors-only
    // threads (threadAuthorId): she also sees the visible answers in them; Bob does not.
    const seen = rows.filter((r) => canSeeComment({ userId: alice.id, role: "STUDENT" }, r));
    expect(seen.every((r) => r.status !== "DELETED")).toBe(true);
    expect(seen.filter((r) => r.authorId !== alice.id).map((r) => `${r.status} ${r.visibility}`).sort()).toEqual(
      ["VISIBLE CLASS", "VISIBLE CLASS", "VISIBLE INSTRUCTORS", "VISIBLE INSTRUCTORS"],
    );
    expect(seen.filter((r) => r.authorId === alice.id)).toHaveLength(9);
    const bobSees = rows.filter((r) => r.authorId !== bob.id && canSeeComment({ userId: bob.id, role: "STUDENT" }, r));
    expect(bobSees.map((r) => `${r.status} ${r.visibility}`)).toEqual(["VISIBLE CLASS", "VISIBLE CLASS"]);

    // Staff also see hidden and pending class comments of everyone (to unhide or approve
    // them) and every instructors-only comment — never private ones, never deleted ones.
    for (const staff of [{ userId: ta.id, role: "TA" as const }, { userId: teacher.id, role: "INSTRUCTOR" as const }]) {
      const others = rows.filter((r) => r.authorId !== staff.userId && canSeeComment(staff, r));
      expect(others.map((r) => `${r.status} ${r.visibility}`).sort()).toEqual(
        rows.filter((r) => r.authorId !== staff.userId && r.visibility !== "PRIVATE" && r.status !== "DELETED").map((r) => `${r.status} ${r.visibility}`).sort(),
      );
    }
  });

  test("with post before you see (Reading.postFirst), the three forms still agree — per paragraph, per viewer", async () => {
    const teacher = await makeUser("Teacher");
    const alice = await makeUser("Alice");
    const bob = await makeUser("Bob");
    const course = await makeCourse(teacher.id);
    await addMember(course.id, alice.id);
    await addMember(course.id, bob.id);
    const rows = [];
    for (const postFirst of [true, false]) {
      const reading = await storeReading(db, {
        courseId: course.id,
        imported: { title: `G${postFirst}`, author: null, source: null, date: null, format: "text", blocks: ["One.", "Two.", "Three.", "Four."].map((text) => ({ kind: "paragraph" as const, text })), notes: [], report: [] },
      });
      await db.reading.update({ where: { id: reading.id }, data: { postFirst } });
      const [b1, b2, b3, b4] = await db.block.findMany({ where: { readingId: reading.id }, orderBy: { position: "asc" } });
      // Bob posts everywhere; Alice opens b1 with a class comment, b2 with an instructors-only
      // one, b4 with a pending one (beside a deleted one, which opens nothing); not b3 (only
      // a private note).
      const mk = async (authorId: string, blockId: string, visibility: Visibility, status: CommentStatus = "VISIBLE") =>
        db.comment.create({
          data: { courseId: course.id, readingId: reading.id, blockId, authorId, body: "x", status, visibility, threadAuthorId: visibility === "INSTRUCTORS" ? authorId : null },
          select: { id: true, authorId: true, status: true, visibility: true, threadAuthorId: true, blockId: true },
        });
      for (const b of [b1!, b2!, b3!, b4!]) for (const v of VISIBILITIES) rows.push({ ...(await mk(bob.id, b.id, v)), postFirst });
      rows.push({ ...(await mk(teacher.id, b3!.id, "CLASS")), postFirst });
      rows.push({ ...(await mk(alice.id, b1!.id, "CLASS")), postFirst });
      rows.push({ ...(await mk(alice.id, b2!.id, "INSTRUCTORS")), postFirst });
      rows.push({ ...(await mk(alice.id, b3!.id, "PRIVATE")), postFirst });
      rows.push({ ...(await mk(alice.id, b4!.id, "CLASS", "DELETED")), postFirst });
      rows.push({ ...(await mk(alice.id, b4!.id, "CLASS", "PENDING")), postFirst });
    }
    const readingIds = [...new Set((await db.comment.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: { readingId: true } })).map((r) => r.readingId))];
    for (const base of [{ userId: alice.id, role: "STUDENT" as const }, { userId: bob.id, role: "STUDENT" as const }, { userId: teacher.id, role: "INSTRUCTOR" as const }]) {
      const posted = new Set<string>();
      for (const id of readingIds) for (const b of await postedBlockIdsOf(db, base.userId, id)) posted.add(b);
      const viewer: Viewer = { ...base, postedBlockIds: posted };
      const ids = rows.map((r) => r.id);
      const byPrisma = (await db.comment.findMany({ where: { AND: [{ id: { in: ids } }, visibleCommentWhere(viewer)] }, select: { id: true } })).map((r) => r.id).sort();
      const bySql = (await db.$queryRaw<{ id: string }[]>`SELECT c."id" FROM "Comment" c WHERE c."id" = ANY(${ids}) AND ${visibleCommentSql(viewer, "c")}`).map((r) => r.id).sort();
      const byPredicate = rows.filter((r) => canSeeComment(viewer, r)).map((r) => r.id).sort();
      expect(bySql, `SQL vs Prisma for ${viewer.role}`).toEqual(byPrisma);
      expect(byPredicate, `predicate vs Prisma for ${viewer.role}`).toEqual(byPrisma);
    }
    // Alice on the gated reading: Bob's class comments on b1, b2, b4 — not on b3, behind her
    // private note; the teacher's comment on b3 neither.
    const aliceViewer: Viewer = { userId: alice.id, role: "STUDENT", postedBlockIds: new Set(rows.filter((r) => r.postFirst && r.authorId === alice.id && r.status !== "DELETED" && r.visibility !== "PRIVATE").map((r) => r.blockId!)) };
    const bobsSeen = rows.filter((r) => r.postFirst && r.authorId === bob.id && r.visibility === "CLASS" && canSeeComment(aliceViewer, r)).length;
    expect(bobsSeen).toBe(3);
    expect(rows.filter((r) => r.postFirst && r.authorId === teacher.id && canSeeComment(aliceViewer, r))).toEqual([]);
    expect(rows.filter((r) => !r.postFirst && r.authorId === teacher.id && canSeeComment(aliceViewer, r))).toHaveLength(1);
  });

  test("a missing viewer never becomes a missing filter", () => {
    expect(() => visibleCommentWhere({ userId: "", role: null })).toThrow();
    expect(() => visibleCommentSql({ userId: undefined as unknown as string, role: null }, "c")).toThrow();
    expect(() => visibleCommentSql({ userId: "u", role: null }, 'c" OR 1=1 --')).toThrow();
  });
});
