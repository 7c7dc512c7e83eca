/**
 * The demo course that ships with Colloquy: the five seed readings, imported through the
 * same importer instructors use, plus (only when asked) demo accounts with a known password.
 * Seeds only an empty database; never touches real data. No `server-only`: runs from scripts.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/db";
import { importDocument } from "@/lib/import";
import { storeReading } from "@/lib/readings/store-reading";
import { generateJoinCode } from "@/lib/courses/join-code";
import { hashPassword } from "@/lib/auth/password";

export const DEMO_DIR = path.resolve(__dirname, "../../seed/readings");

export const DEMO_ACCOUNTS = [
  { email: "instructor@demo.colloquy", name: "Prof. Helen Marsh", role: "INSTRUCTOR" },
  { email: "student1@demo.colloquy", name: "Sam Okafor", role: "STUDENT" },
  { email: "student2@demo.colloquy", name: "Lena Fischer", role: "STUDENT" },
  { email: "student3@demo.colloquy", name: "Tomás Reyes", role: "STUDENT" },
] as const;

interface Manifest {
  course: { title: string; term?: string; description?: string };
  readings: { file: string; title: string; author: string | null; source: string | null; date: string | null }[];
}

export interface SeedResult {
  seeded: boolean;
  accountsCreated: boolean;
  course: { slug: string; title: string; joinCode: string } | null;
}

export async function seedDemo(
  database: Db,
  options: { withAccounts: boolean; password: string; log?: (line: string) => void },
): Promise<SeedResult> {
  const log = options.log ?? (() => {});
  let course = await database.course.findFirst({ where: { isDemo: true }, select: { id: true, slug: true, title: true, joinCode: true } });
  let seeded = false;

  const empty = (await database.course.count()) === 0 && (await database.user.count()) === 0;
  if (!course && empty) {
    const manifest = JSON.parse(await readFile(path.join(DEMO_DIR, "manifest.json"), "utf8")) as Manifest;
    const imports = [];
    for (const entry of manifest.readings) {
      const bytes = await readFile(path.join(DEMO_DIR, entry.file));
      imports.push({ entry, imported: await importDocument(new Uint8Array(bytes), entry.file) });
    }
    course = await database.course.create({
      data: {
        slug: "de-stalinization-1955-57",
        title: manifest.course.title,
        term: manifest.course.term,
        description: manifest.course.description,
        joinCode: generateJoinCode(),
        isDemo: true,
      },
      select: { id: true, slug: true, title: true, joinCode: true },
    });
    for (const [position, { entry, imported }] of imports.entries()) {
      await storeReading(database, {
        courseId: course.id,
        imported,
        title: entry.title,
        author: entry.author,
        source: entry.source,
        date: entry.date,
        position,
      });
      log(`imported "${entry.title}" — ${imported.blocks.length} blocks, ${imported.notes.length} notes, ${imported.report.length} repairs`);
    }
    // Open from the start: no "new reading open" notices about the demo's own readings.
    await database.reading.updateMany({ where: { courseId: course.id }, data: { openNotifiedAt: new Date() } });
    seeded = true;
  }

  let accountsCreated = false;
  if (course && options.withAccounts) {
    const passwordHash = await hashPassword(options.password);
    for (const account of DEMO_ACCOUNTS) {
      const existing = await database.user.findUnique({ where: { email: account.email }, select: { id: true } });
      if (existing) continue;
      await database.user.create({
        data: {
          email: account.email,
          name: account.name,
          passwordHash,
          memberships: { create: { courseId: course.id, role: account.role } },
        },
      });
      accountsCreated = true;
    }
  }
  return { seeded, accountsCreated, course: course && { slug: course.slug, title: course.title, joinCode: course.joinCode } };
}
