import { describe, expect, test } from "vitest";
import { db, makeUser, makeCourse, addMember } from "../support/db";
import { storeReading } from "@/lib/readings/store-reading";
import { canSeeComment, visibleCommentSql, visibleCommentWhere, type Viewer } from "@/lib/comments/visibility";
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

  test("a missing viewer never becomes a missing filter", () => {
    expect(() => visibleCommentWhere({ userId: "", role: null })).toThrow();
    expect(() => visibleCommentSql({ userId: undefined as unknown as string, role: null }, "c")).toThrow();
    expect(() => visibleCommentSql({ userId: "u", role: null }, 'c" OR 1=1 --')).toThrow();
  });
});
