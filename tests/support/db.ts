/** For integration tests: the real test database, and small factories that make each
 *  test's own users and course (no shared fixtures to trip over). */
import { inject } from "vitest";
import { randomUUID } from "node:crypto";

process.env.DATABASE_URL = inject("databaseUrl");

const { db } = await import("@/lib/db");
export { db };

export async function makeUser(name = "Test User") {
  const id = randomUUID().slice(0, 8);
  return db.user.create({
    data: { name, email: `${name.toLowerCase().replace(/\W+/g, ".")}.${id}@test.colloquy`, passwordHash: "x" },
    select: { id: true, name: true, email: true },
  });
}

export async function makeCourse(instructorId: string, title = "Test Course") {
  const id = randomUUID().slice(0, 8);
  return db.course.create({
    data: {
      slug: `test-${id}`,
      title,
      joinCode: id.toUpperCase().replace(/[^A-Z0-9]/g, "X").padEnd(8, "Z"),
      memberships: { create: { userId: instructorId, role: "INSTRUCTOR" } },
    },
    select: { id: true, slug: true, title: true, joinCode: true },
  });
}

export async function addMember(courseId: string, userId: string, role: "STUDENT" | "TA" | "INSTRUCTOR" = "STUDENT") {
  return db.membership.create({ data: { courseId, userId, role } });
}
