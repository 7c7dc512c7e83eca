import { describe, expect, test } from "vitest";
import { randomUUID } from "node:crypto";
import { addMember, db, makeCourse, makeUser } from "../support/db";
import { AppError } from "@/lib/errors";
import { createCourse } from "@/lib/courses/create-course";
import { joinCourse } from "@/lib/courses/join-course";
import { renameUser } from "@/lib/users/rename-user";
import { changePassword } from "@/lib/users/change-password";
import { endOtherSessions } from "@/lib/users/end-other-sessions";
import { hashPassword } from "@/lib/auth/password";
import { loadSessionUser, revokeSession } from "@/lib/auth/session-token";
import { rateLimit } from "@/lib/rate-limit";
import { backoff } from "@/lib/rate-limit/backoff";
import { createComment } from "@/lib/comments/create-comment";
import { requireCourseRole } from "@/lib/auth/guard";

const fail = <T>(p: Promise<T>) => p.then(() => null, (e: unknown) => e as AppError);

describe("courses created at once with one title", () => {
  test("ten concurrent creations of 'Intro to Ethics' all succeed, with ten different slugs", async () => {
    const teacher = await makeUser("Concurrent Teacher");
    const title = `Intro to Ethics ${randomUUID().slice(0, 6)}`;
    const courses = await Promise.all(Array.from({ length: 10 }, () => createCourse({ userId: teacher.id, input: { title } })));
    expect(new Set(courses.map((c) => c.slug)).size).toBe(10);
    expect(await db.membership.count({ where: { userId: teacher.id, role: "INSTRUCTOR" } })).toBe(10);
  });
});

describe("names that would pass for staff", () => {
  test("a student cannot take the name of an instructor of a course they share; others can", async () => {
    const marsh = await makeUser("Prof. Helen Marsh");
    const student = await makeUser("Sam Okafor");
    const stranger = await makeUser("Lena Fischer");
    const course = await makeCourse(marsh.id);
    await addMember(course.id, student.id);
    for (const name of ["Helen Marsh", "helen  marsh", "Неlen Mаrsh"]) {
      const e = await fail(renameUser({ userId: student.id, input: { name } }));
      expect(e?.code, name).toBe("INVALID_INPUT");
      expect(e?.fields?.name).toMatch(/Prof\. Helen Marsh.*teaches one of your courses/);
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: student.id } })).name).toBe("Sam Okafor");
    // Someone in no course with her may be called Helen Marsh (it is a name, not a title).
    await renameUser({ userId: stranger.id, input: { name: "Helen Marsh" } });
    // …but joining her course with it is refused, with what to do.
    const join = await fail(joinCourse({ userId: stranger.id, input: { code: course.joinCode } }));
    expect(join?.code).toBe("CONFLICT");
    expect(join?.message).toMatch(/same as the name of someone who teaches this course.*Account page/);
    expect(await db.membership.count({ where: { userId: stranger.id } })).toBe(0);
    // TAs count as staff too.
    const ta = await makeUser("Tara Quinn");
    await addMember(course.id, ta.id, "TA");
    expect((await fail(renameUser({ userId: student.id, input: { name: "Tara Quinn" } })))?.code).toBe("INVALID_INPUT");
  });

  test("titles are refused at rename as at sign-up", async () => {
    const user = await makeUser("Plain Name");
    const e = await fail(renameUser({ userId: user.id, input: { name: "Dr. Plain" } }));
    expect(e?.fields?.name).toMatch(/titles/);
  });
});

describe("sessions end at once", () => {
  async function userWithPassword(password: string) {
    const u = await makeUser("Session Person");
    await db.user.update({ where: { id: u.id }, data: { passwordHash: await hashPassword(password) } });
    return u;
  }
  const token = (uid: string, sv: number, sid = randomUUID()) => ({ uid, sv, sid, exp: Math.floor(Date.now() / 1000) + 3600 });

  test("a revoked session is refused; another session of the same user goes on", async () => {
    const u = await makeUser("Two Devices");
    const laptop = token(u.id, 0);
    const phone = token(u.id, 0);
    expect(await loadSessionUser(laptop)).toMatchObject({ id: u.id });
    await revokeSession(laptop);
    expect(await loadSessionUser(laptop)).toBeNull();
    expect(await loadSessionUser(phone)).toMatchObject({ id: u.id });
  });

  test("tokens without a session version or id (issued before sessions could end) are refused", async () => {
    const u = await makeUser("Old Token");
    expect(await loadSessionUser({ uid: u.id })).toBeNull();
    expect(await loadSessionUser({ uid: u.id, sv: 0 })).toBeNull();
  });

  test("a password change needs the current password, and ends every session", async () => {
    const u = await userWithPassword("first-password");
    const other = token(u.id, 0);
    const wrong = await fail(changePassword({ userId: u.id, input: { current: "nope", next: "second-password" } }));
    expect(wrong?.fields?.current).toMatch(/not your current password/);
    expect(await loadSessionUser(other)).not.toBeNull();
    const same = await fail(changePassword({ userId: u.id, input: { current: "first-password", next: "first-password" } }));
    expect(same?.fields?.next).toMatch(/different/);
    const updated = await changePassword({ userId: u.id, input: { current: "first-password", next: "second-password" } });
    expect(updated.sessionVersion).toBe(1);
    expect(await loadSessionUser(other)).toBeNull();
    expect(await loadSessionUser(token(u.id, 1))).toMatchObject({ id: u.id });
  });

  test("'sign out everywhere else' raises the version", async () => {
    const u = await makeUser("Everywhere");
    const before = token(u.id, 0);
    const { sessionVersion } = await endOtherSessions({ userId: u.id });
    expect(await loadSessionUser(before)).toBeNull();
    expect(await loadSessionUser(token(u.id, sessionVersion))).not.toBeNull();
  });

  test("a deleted account's session is refused", async () => {
    const u = await makeUser("Gone Soon");
    const t = token(u.id, 0);
    await db.user.delete({ where: { id: u.id } });
    expect(await loadSessionUser(t)).toBeNull();
    await revokeSession(t); // nothing to revoke, no error
  });
});

describe("membership is read on every request", () => {
  test("a removed student loses the course at once: the guard and the comment write refuse", async () => {
    const teacher = await makeUser("Remover");
    const student = await makeUser("Removed Student");
    const course = await makeCourse(teacher.id);
    await addMember(course.id, student.id);
    const reading = await db.reading.create({ data: { courseId: course.id, slug: "r", title: "R" }, select: { id: true } });
    const block = await db.block.create({ data: { readingId: reading.id, position: 0, number: 1, kind: "PARAGRAPH", text: "Text." }, select: { id: true } });
    await createComment({ userId: student.id, input: { readingId: reading.id, blockId: block.id, body: "Before removal" } });
    await db.membership.deleteMany({ where: { courseId: course.id, userId: student.id } });
    expect((await fail(requireCourseRole(student.id, course.slug)))?.code).toBe("NOT_FOUND");
    expect((await fail(createComment({ userId: student.id, input: { readingId: reading.id, blockId: block.id, body: "After removal" } })))?.code).toBe("NOT_FOUND");
    expect(await db.comment.count({ where: { readingId: reading.id } })).toBe(1);
  });
});

describe("bad ids never reach a query", () => {
  test("NUL and junk in ids and slugs are 4xx with a message", async () => {
    const u = await makeUser("Odd Input");
    const e = await fail(createComment({ userId: u.id, input: { readingId: "r\u0000", blockId: "b", body: "x" } }));
    expect(e?.code).toBe("INVALID_INPUT");
    expect((await fail(requireCourseRole(u.id, "\u0000")))?.code).toBe("NOT_FOUND");
    expect((await fail(requireCourseRole(u.id, "x".repeat(10_000))))?.code).toBe("NOT_FOUND");
  });
});

describe("the rate limiter, on PostgreSQL", () => {
  test("a window: the (n+1)-th request in the window is refused with the wait, in seconds and in words", async () => {
    process.env.COLLOQUY_RATE_COMMENT = "3/1m";
    try {
      const key = `user-${randomUUID()}`;
      for (let i = 0; i < 3; i++) await rateLimit("comment", key);
      const e = await fail(rateLimit("comment", key));
      expect(e?.code).toBe("RATE_LIMITED");
      expect(e?.status).toBe(429);
      expect(e?.retryAfter).toBeGreaterThan(50);
      expect(e?.retryAfter).toBeLessThanOrEqual(60);
      expect(e?.message).toMatch(/^You are posting faster than Colloquy allows\. Try again in 1 minute\.$/);
      // Another key is not affected.
      await rateLimit("comment", `user-${randomUUID()}`);
    } finally {
      delete process.env.COLLOQUY_RATE_COMMENT;
    }
  });

  test("the count lives in the database: another instance (a fresh limiter) sees it", async () => {
    process.env.COLLOQUY_RATE_IMPORT = "2/1h";
    try {
      const key = `user-${randomUUID()}`;
      await rateLimit("import", key);
      await rateLimit("import", key);
      const cache = (globalThis as unknown as { colloquyRateLimit: { limiters: Map<string, unknown> } }).colloquyRateLimit;
      cache.limiters.clear(); // as if this were another app process
      expect((await fail(rateLimit("import", key)))?.code).toBe("RATE_LIMITED");
      expect(await db.rateLimit.count()).toBeGreaterThan(0);
    } finally {
      delete process.env.COLLOQUY_RATE_IMPORT;
    }
  });

  test("backoff: the free-th failure starts a wait, each further one doubles it; a success forgets them", async () => {
    process.env.COLLOQUY_RATE_SIGNIN_ACCOUNT = "2/10s/1h";
    try {
      const guard = backoff("signin-account");
      const key = `someone-${randomUUID()}@example.edu`;
      expect(await guard.fail(key)).toBe(0);
      await guard.check(key);
      expect(await guard.fail(key)).toBe(10);
      const e = await fail(guard.check(key));
      expect(e?.code).toBe("RATE_LIMITED");
      expect(e?.retryAfter).toBeGreaterThan(8);
      expect(await guard.fail(key)).toBe(20);
      expect(await guard.fail(key)).toBe(40);
      await guard.succeed(key);
      await guard.check(key);
      expect(await guard.fail(key)).toBe(0);
    } finally {
      delete process.env.COLLOQUY_RATE_SIGNIN_ACCOUNT;
    }
  });

  test("COLLOQUY_RATE_LIMITS=off turns every limit off", async () => {
    process.env.COLLOQUY_RATE_LIMITS = "off";
    process.env.COLLOQUY_RATE_COMMENT = "1/1h";
    try {
      const key = `user-${randomUUID()}`;
      for (let i = 0; i < 5; i++) await rateLimit("comment", key);
      const guard = backoff("signin-account");
      for (let i = 0; i < 10; i++) expect(await guard.fail(key)).toBe(0);
      await guard.check(key);
    } finally {
      delete process.env.COLLOQUY_RATE_LIMITS;
      delete process.env.COLLOQUY_RATE_COMMENT;
    }
  });
});
