import { describe, expect, test } from "vitest";
import { db } from "../support/db";
import { makeClass, makeReading, rejects, DAY, HOUR } from "../support/course-admin";
import { listCourseReadings } from "@/lib/readings/list-course-readings";
import { getReading } from "@/lib/readings/get-reading";
import { updateReadingSchedule } from "@/lib/readings/update-reading-schedule";
import { reorderReadings } from "@/lib/readings/reorder-readings";
import { createComment } from "@/lib/comments/create-comment";
import { listThreads } from "@/lib/comments/list-threads";
import { listMyCourses } from "@/lib/courses/list-my-courses";
import { updateCourseSettings } from "@/lib/courses/update-course-settings";

const titles = (list: { title: string }[]) => list.map((r) => r.title);

describe("schedule windows", () => {
  test("before it opens, a reading does not exist for students — list, page, threads, posting — while staff see and use it", async () => {
    const c = await makeClass();
    const open = await makeReading(c.course.id, "Open now");
    const later = await makeReading(c.course.id, "Opens tomorrow", { opensAt: new Date(Date.now() + DAY) });
    const draft = await makeReading(c.course.id, "Draft", { draft: true });
    await createComment({ userId: c.ta.id, input: { readingId: later.id, blockId: later.blocks[0]!.id, body: "A prompt for when it opens." } });

    expect(titles(await listCourseReadings({ courseId: c.course.id, role: "STUDENT", userId: c.alice.id }))).toEqual(["Open now"]);
    const staffView = await listCourseReadings({ courseId: c.course.id, role: "INSTRUCTOR", userId: c.instructor.id });
    expect(staffView.map((r) => [r.title, r.phase])).toEqual([
      ["Open now", "open"],
      ["Opens tomorrow", "upcoming"],
      ["Draft", "draft"],
    ]);
    for (const hidden of [later, draft]) {
      await rejects(getReading({ courseId: c.course.id, readingSlug: hidden.slug, role: "STUDENT" }), "NOT_FOUND");
      await rejects(listThreads({ userId: c.alice.id, query: { blockId: hidden.blocks[0]!.id } }), "NOT_FOUND");
      await rejects(createComment({ userId: c.alice.id, input: { readingId: hidden.id, blockId: hidden.blocks[0]!.id, body: "Sneaking in" } }), "NOT_FOUND");
      expect((await getReading({ courseId: c.course.id, readingSlug: hidden.slug, role: "TA" })).title).toBe(hidden.title);
    }
    expect(await db.comment.count({ where: { authorId: c.alice.id } })).toBe(0);
    expect((await getReading({ courseId: c.course.id, readingSlug: open.slug, role: "STUDENT" })).title).toBe("Open now");

    // Once its time has come, the same reading is there for students.
    await db.reading.update({ where: { id: later.id }, data: { opensAt: new Date(Date.now() - HOUR) } });
    expect(titles(await listCourseReadings({ courseId: c.course.id, role: "STUDENT", userId: c.alice.id }))).toEqual(["Open now", "Opens tomorrow"]);
    expect((await listThreads({ userId: c.alice.id, query: { blockId: later.blocks[0]!.id } })).threads).toHaveLength(1);
  });

  test("after it closes, students read the discussion but cannot post (a clear 4xx); staff still can", async () => {
    const c = await makeClass();
    const closed = await makeReading(c.course.id, "Closed", { dueAt: new Date(Date.now() - 2 * DAY), closesAt: new Date(Date.now() - DAY) });
    await createComment({ userId: c.instructor.id, input: { readingId: closed.id, blockId: closed.blocks[0]!.id, body: "Wrapping up: thanks all." } });
    const error = await rejects(
      createComment({ userId: c.alice.id, input: { readingId: closed.id, blockId: closed.blocks[0]!.id, body: "Too late?" } }),
      "FORBIDDEN",
      /closed on .* no longer post/,
    );
    expect(error.status).toBe(403);
    expect((await listThreads({ userId: c.alice.id, query: { blockId: closed.blocks[0]!.id } })).threads.map((t) => t.root.html)).toEqual(["<p>Wrapping up: thanks all.</p>"]);
    const list = await listCourseReadings({ courseId: c.course.id, role: "STUDENT", userId: c.alice.id });
    expect(list.map((r) => r.phase)).toEqual(["closed"]);
  });

  test("a student's own progress per reading: not yet, commented, replied", async () => {
    const c = await makeClass();
    const a = await makeReading(c.course.id, "A");
    const b = await makeReading(c.course.id, "B");
    await makeReading(c.course.id, "C");
    const root = await createComment({ userId: c.bob.id, input: { readingId: a.id, blockId: a.blocks[0]!.id, body: "Bob's point." } });
    await createComment({ userId: c.alice.id, input: { readingId: a.id, blockId: a.blocks[0]!.id, parentId: root.id, body: "Alice answers." } });
    await createComment({ userId: c.alice.id, input: { readingId: b.id, blockId: b.blocks[1]!.id, body: "Alice starts." } });
    const list = await listCourseReadings({ courseId: c.course.id, role: "STUDENT", userId: c.alice.id });
    expect(list.map((r) => [r.title, r.progress, r.mine, r.commentCount])).toEqual([
      ["A", "replied", { comments: 0, replies: 1 }, 2],
      ["B", "commented", { comments: 1, replies: 0 }, 1],
      ["C", "not-yet", { comments: 0, replies: 0 }, 0],
    ]);
  });
});

describe("editing the schedule", () => {
  test("dates are wall-clock times in the course's time zone, must come in order, and can be cleared", async () => {
    const c = await makeClass();
    const r = await makeReading(c.course.id, "Dated");
    await updateCourseSettings({ userId: c.instructor.id, courseSlug: c.course.slug, input: { timeZone: "America/New_York" } });
    const saved = await updateReadingSchedule({
      userId: c.instructor.id,
      courseSlug: c.course.slug,
      readingSlug: r.slug,
      input: { opensAt: "2027-01-10T09:00", dueAt: "2027-01-15T23:59", closesAt: "2027-07-01T12:00" },
    });
    expect(saved.opensAt?.toISOString()).toBe("2027-01-10T14:00:00.000Z");
    expect(saved.dueAt?.toISOString()).toBe("2027-01-16T04:59:00.000Z");
    expect(saved.closesAt?.toISOString()).toBe("2027-07-01T16:00:00.000Z"); // summer time: UTC−4

    const bad = await rejects(
      updateReadingSchedule({ userId: c.instructor.id, courseSlug: c.course.slug, readingSlug: r.slug, input: { dueAt: "2027-01-09T12:00" } }),
      "INVALID_INPUT",
      /Due must be after opens/,
    );
    expect(bad.fields).toEqual({ dueAt: "Due must be after opens." });
    await rejects(
      updateReadingSchedule({ userId: c.instructor.id, courseSlug: c.course.slug, readingSlug: r.slug, input: { dueAt: "2027-02-30T12:00" } }),
      "INVALID_INPUT",
      /not a date that exists/,
    );
    await rejects(updateReadingSchedule({ userId: c.instructor.id, courseSlug: c.course.slug, readingSlug: r.slug, input: { dueAt: "next friday" } }), "INVALID_INPUT");
    expect((await db.reading.findUniqueOrThrow({ where: { id: r.id } })).dueAt?.toISOString()).toBe("2027-01-16T04:59:00.000Z");

    const cleared = await updateReadingSchedule({ userId: c.instructor.id, courseSlug: c.course.slug, readingSlug: r.slug, input: { opensAt: "", closesAt: null } });
    expect([cleared.opensAt, cleared.closesAt]).toEqual([null, null]);
    expect(cleared.dueAt?.toISOString()).toBe("2027-01-16T04:59:00.000Z");
  });

  test("draft and publish; only instructors edit the schedule", async () => {
    const c = await makeClass();
    const r = await makeReading(c.course.id, "Toggle");
    const drafted = await updateReadingSchedule({ userId: c.instructor.id, courseSlug: c.course.slug, readingSlug: r.slug, input: { draft: true } });
    expect(drafted.publishedAt).toBeNull();
    expect(titles(await listCourseReadings({ courseId: c.course.id, role: "STUDENT", userId: c.alice.id }))).toEqual([]);
    const published = await updateReadingSchedule({ userId: c.instructor.id, courseSlug: c.course.slug, readingSlug: r.slug, input: { draft: false } });
    expect(published.publishedAt).toBeInstanceOf(Date);
    for (const who of [c.ta, c.alice]) {
      await rejects(updateReadingSchedule({ userId: who.id, courseSlug: c.course.slug, readingSlug: r.slug, input: { draft: true } }), "FORBIDDEN");
    }
    await rejects(updateReadingSchedule({ userId: c.otherInstructor.id, courseSlug: c.course.slug, readingSlug: r.slug, input: { draft: true } }), "NOT_FOUND");
    await rejects(updateReadingSchedule({ userId: c.otherInstructor.id, courseSlug: c.otherCourse.slug, readingSlug: r.slug, input: { draft: true } }), "NOT_FOUND");
    expect((await db.reading.findUniqueOrThrow({ where: { id: r.id } })).publishedAt).not.toBeNull();
  });

  test("reordering takes the whole list, refuses a stale one, and is for instructors", async () => {
    const c = await makeClass();
    const [a, b, d] = [await makeReading(c.course.id, "A"), await makeReading(c.course.id, "B"), await makeReading(c.course.id, "D")];
    await reorderReadings({ userId: c.instructor.id, courseSlug: c.course.slug, input: { readingIds: [d.id, a.id, b.id] } });
    expect(titles(await listCourseReadings({ courseId: c.course.id, role: "STUDENT", userId: c.alice.id }))).toEqual(["D", "A", "B"]);
    await rejects(reorderReadings({ userId: c.instructor.id, courseSlug: c.course.slug, input: { readingIds: [a.id, b.id] } }), "CONFLICT", /changed/);
    await rejects(reorderReadings({ userId: c.instructor.id, courseSlug: c.course.slug, input: { readingIds: [a.id, a.id, b.id] } }), "CONFLICT");
    await rejects(reorderReadings({ userId: c.ta.id, courseSlug: c.course.slug, input: { readingIds: [a.id, b.id, d.id] } }), "FORBIDDEN");
    expect(titles(await listCourseReadings({ courseId: c.course.id, role: "STUDENT", userId: c.alice.id }))).toEqual(["D", "A", "B"]);
  });

  test("the home page card shows the next reading due that this member can see", async () => {
    const c = await makeClass();
    await makeReading(c.course.id, "Past", { dueAt: new Date(Date.now() - DAY) });
    await makeReading(c.course.id, "Draft due soon", { dueAt: new Date(Date.now() + HOUR), draft: true });
    await makeReading(c.course.id, "Due in two days", { dueAt: new Date(Date.now() + 2 * DAY) });
    await makeReading(c.course.id, "Due in a week", { dueAt: new Date(Date.now() + 7 * DAY) });
    const card = (await listMyCourses({ userId: c.alice.id })).active.find((x) => x.id === c.course.id)!;
    expect(card.nextDue?.title).toBe("Due in two days");
    expect(card.readingCount).toBe(3);
    const staffCard = (await listMyCourses({ userId: c.instructor.id })).active.find((x) => x.id === c.course.id)!;
    expect(staffCard.nextDue?.title).toBe("Draft due soon");
  });
});
