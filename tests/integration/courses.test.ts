import { describe, expect, test } from "vitest";
import { db, makeUser } from "../support/db";
import { createCourse } from "@/lib/courses/create-course";
import { joinCourse } from "@/lib/courses/join-course";
import { requireCourseRole } from "@/lib/auth/guard";
import { createUser } from "@/lib/users/create-user";
import { verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";

describe("accounts", () => {
  test("sign-up stores an Argon2 hash that queries never return; a second sign-up with the email answers the same and changes nothing", async () => {
    const email = `Ada.${Date.now()}@Example.edu`;
    const first = await createUser(db, { name: "Ada", email, password: "correct horse" });
    expect(first).toEqual({ created: true, email: email.toLowerCase() });
    const loaded = await db.user.findUnique({ where: { email: email.toLowerCase() } });
    expect(loaded).not.toHaveProperty("passwordHash");
    const withHash = await db.user.findUnique({ where: { email: email.toLowerCase() }, select: { passwordHash: true, name: true } });
    expect(withHash!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(withHash!.passwordHash, "correct horse")).toBe(true);
    expect(await verifyPassword(withHash!.passwordHash, "wrong")).toBe(false);
    // No error that would tell a stranger the email is taken; the account is untouched.
    const again = await createUser(db, { name: "Ada 2", email, password: "another one" });
    expect(again).toEqual({ created: false, email: email.toLowerCase() });
    const after = await db.user.findUnique({ where: { email: email.toLowerCase() }, select: { passwordHash: true, name: true } });
    expect(after).toEqual(withHash);
  });

  test("bad sign-up input gets field messages", async () => {
    const e = (await createUser(db, { name: "", email: "not-an-email", password: "short" }).catch((x: AppError) => x)) as AppError;
    expect(e.code).toBe("INVALID_INPUT");
    expect(Object.keys(e.fields ?? {}).sort()).toEqual(["email", "name", "password"]);
  });
});

describe("courses", () => {
  test("the creator is instructor; a classmate joins with the code as a student; an outsider is not let in", async () => {
    const teacher = await makeUser("Teacher");
    const student = await makeUser("Student");
    const outsider = await makeUser("Outsider");
    const course = await createCourse({ userId: teacher.id, input: { title: "Soviet History Seminar", term: "Spring" } });
    expect(course.slug).toMatch(/^soviet-history-seminar/);
    expect((await requireCourseRole(teacher.id, course.slug, ["INSTRUCTOR"])).role).toBe("INSTRUCTOR");

    await joinCourse({ userId: student.id, input: { code: course.joinCode.toLowerCase() } });
    await joinCourse({ userId: student.id, input: { code: course.joinCode } }); // twice is harmless
    expect((await requireCourseRole(student.id, course.slug)).role).toBe("STUDENT");
    const forbidden = await requireCourseRole(student.id, course.slug, ["INSTRUCTOR"]).catch((e: AppError) => e);
    expect((forbidden as AppError).code).toBe("FORBIDDEN");
    const outside = await requireCourseRole(outsider.id, course.slug).catch((e: AppError) => e);
    expect((outside as AppError).code).toBe("NOT_FOUND");

    const wrong = await joinCourse({ userId: outsider.id, input: { code: "ZZZZZZZZ" } }).catch((e: AppError) => e);
    expect((wrong as AppError).code).toBe("NOT_FOUND");
    expect((wrong as AppError).message).toMatch(/No course has that join code/);
  });

  test("two courses with the same title get different slugs", async () => {
    const t = await makeUser("T");
    const a = await createCourse({ userId: t.id, input: { title: "Same Title" } });
    const b = await createCourse({ userId: t.id, input: { title: "Same Title" } });
    expect(a.slug).not.toBe(b.slug);
  });
});
