/**
 * What the crash test and the soak need to put a class's worth of load on a running
 * Colloquy: student accounts in the demo course (made in bulk, one password hash shared),
 * real sessions for them (signed in through next-auth, as the sign-in form does), and the
 * readings and paragraphs to read and comment on.
 */
import { randomUUID } from "node:crypto";
import { createClient } from "../../lib/db";
import { hashPassword } from "../../lib/auth/password";
import { signIn } from "./launch";

export interface Student {
  id: string;
  email: string;
  cookie: string;
}

export interface Targets {
  courseSlug: string;
  readings: { id: string; slug: string; blocks: string[] }[];
}

export const LOAD_PASSWORD = "load-test-password";

/** Make `count` students in the demo course and sign each in (a few at a time: every
 *  sign-in is an Argon2 verification). */
export async function makeStudents(options: { databaseUrl: string; baseUrl: string; count: number; label: string; signInConcurrency?: number }): Promise<Student[]> {
  const db = createClient(options.databaseUrl);
  try {
    const course = await db.course.findFirstOrThrow({ where: { isDemo: true }, select: { id: true } });
    const passwordHash = await hashPassword(LOAD_PASSWORD);
    const run = randomUUID().slice(0, 8);
    const users = Array.from({ length: options.count }, (_, i) => ({
      id: `${options.label}-${run}-${i}`,
      name: `${options.label} student ${i + 1}`,
      email: `${options.label}-${run}-${i}@load.colloquy`,
      passwordHash,
    }));
    await db.user.createMany({ data: users });
    await db.membership.createMany({ data: users.map((u) => ({ userId: u.id, courseId: course.id, role: "STUDENT" as const })) });
    const students: Student[] = [];
    let next = 0;
    const worker = async () => {
      while (next < users.length) {
        const u = users[next++]!;
        students.push({ id: u.id, email: u.email, cookie: await signIn(options.baseUrl, u.email, LOAD_PASSWORD) });
      }
    };
    await Promise.all(Array.from({ length: options.signInConcurrency ?? 4 }, worker));
    return students;
  } finally {
    await db.$disconnect();
  }
}

/** The demo course's readings and their paragraphs (what can be commented on). */
export async function loadTargets(databaseUrl: string): Promise<Targets> {
  const db = createClient(databaseUrl);
  try {
    const course = await db.course.findFirstOrThrow({ where: { isDemo: true }, select: { slug: true } });
    const readings = await db.reading.findMany({
      where: { course: { isDemo: true } },
      orderBy: { position: "asc" },
      select: { id: true, slug: true, blocks: { where: { kind: { not: "HEADING" } }, orderBy: { position: "asc" }, select: { id: true } } },
    });
    return { courseSlug: course.slug, readings: readings.map((r) => ({ id: r.id, slug: r.slug, blocks: r.blocks.map((b) => b.id) })) };
  } finally {
    await db.$disconnect();
  }
}

export const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The process's resident memory in MB, from /proc (Linux). */
export async function rssMb(pid: number): Promise<number | null> {
  const { readFile } = await import("node:fs/promises");
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const kb = Number(status.match(/VmRSS:\s+(\d+) kB/)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : null;
  } catch {
    return null;
  }
}
