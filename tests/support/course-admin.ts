/** Factories for the roster, schedule and participation tests: a course with an instructor,
 *  a TA, students and an outsider, readings with paragraphs, and comments written straight
 *  into the table (so a test can choose their time and status). */
import { db, makeUser, makeCourse, addMember } from "./db";
import { storeReading } from "@/lib/readings/store-reading";
import { AppError } from "@/lib/errors";
import { expect } from "vitest";

export async function makeReading(courseId: string, title: string, schedule: { opensAt?: Date | null; dueAt?: Date | null; closesAt?: Date | null; draft?: boolean } = {}) {
  const reading = await storeReading(db, {
    courseId,
    imported: {
      title,
      author: null,
      source: null,
      date: null,
      format: "text",
      blocks: [
        { kind: "paragraph", text: `${title}: the first paragraph.` },
        { kind: "paragraph", text: `${title}: the second paragraph.` },
        { kind: "paragraph", text: `${title}: the third paragraph.` },
      ],
      notes: [],
      report: [],
    },
  });
  await db.reading.update({
    where: { id: reading.id },
    data: { opensAt: schedule.opensAt ?? null, dueAt: schedule.dueAt ?? null, closesAt: schedule.closesAt ?? null, ...(schedule.draft ? { publishedAt: null } : {}) },
  });
  const blocks = await db.block.findMany({ where: { readingId: reading.id }, orderBy: { position: "asc" }, select: { id: true, number: true } });
  return { ...reading, blocks };
}

export async function makeClass(title = "Seminar") {
  const instructor = await makeUser("Instructor");
  const ta = await makeUser("Teaching Assistant");
  const alice = await makeUser("Alice");
  const bob = await makeUser("Bob");
  const outsider = await makeUser("Outsider");
  const otherInstructor = await makeUser("Other Instructor");
  const course = await makeCourse(instructor.id, title);
  const otherCourse = await makeCourse(otherInstructor.id, `${title} (other)`);
  await addMember(course.id, ta.id, "TA");
  await addMember(course.id, alice.id);
  await addMember(course.id, bob.id);
  return { instructor, ta, alice, bob, outsider, otherInstructor, course, otherCourse };
}

export const words = (n: number, word = "word") => Array.from({ length: n }, (_, i) => `${word}${i}`).join(" ");

export async function writeComment(options: {
  courseId: string;
  reading: { id: string; blocks: { id: string }[] };
  authorId: string;
  body: string;
  parentId?: string;
  createdAt?: Date;
  status?: "VISIBLE" | "PENDING" | "HIDDEN" | "DELETED";
  visibility?: "CLASS" | "INSTRUCTORS" | "PRIVATE";
  block?: number;
}) {
  const parent = options.parentId ? await db.comment.findUniqueOrThrow({ where: { id: options.parentId }, select: { id: true, rootId: true, blockId: true } }) : null;
  return db.comment.create({
    data: {
      courseId: options.courseId,
      readingId: options.reading.id,
      blockId: parent?.blockId ?? options.reading.blocks[options.block ?? 0]!.id,
      parentId: parent?.id ?? null,
      rootId: parent ? (parent.rootId ?? parent.id) : null,
      authorId: options.authorId,
      body: options.body,
      status: options.status ?? "VISIBLE",
      visibility: options.visibility ?? "CLASS",
      ...(options.createdAt ? { createdAt: options.createdAt } : {}),
    },
    select: { id: true },
  });
}

/** The promise rejects with an AppError of this code (and message, when given). */
export async function rejects(promise: Promise<unknown>, code: string, message?: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
  return error as AppError;
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
