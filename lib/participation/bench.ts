/**
 * Course administration at scale, for `npm run bench`: a course of 300 students and 10
 * readings with 100,000 comments, generated in SQL; then, over HTTP against the production
 * build, the participation page, one reading's grading view, the grades CSV, and the
 * streamed export of every comment (time, size, and the server's resident memory while it
 * streams — flat means the export does not load the course into memory).
 * No `server-only`: the bench script runs it in plain Node with its own client.
 */
import { readFileSync } from "node:fs";
import type { Db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";

export const BENCH_COURSE = { slug: "bench-seminar", instructor: "bench.instructor@bench.colloquy", students: 300, readings: 10, blocks: 20, comments: 100_000 };

export async function seedBenchCourse(client: Db, password: string) {
  const c = BENCH_COURSE;
  const hash = await hashPassword(password);
  await client.$executeRawUnsafe(`
    INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt")
    SELECT 'bu' || g, 'bench.student' || g || '@bench.colloquy', 'Student ' || lpad(g::text, 3, '0'), 'x', now() FROM generate_series(1, ${c.students}) g`);
  await client.$executeRawUnsafe(`INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt") VALUES ('bi', '${c.instructor}', 'Bench Instructor', $1, now())`, hash);
  await client.$executeRawUnsafe(`INSERT INTO "Course" (id, slug, title, "joinCode", "updatedAt") VALUES ('bc', '${c.slug}', 'Bench seminar', 'BENCH234', now())`);
  await client.$executeRawUnsafe(`
    INSERT INTO "Membership" (id, "userId", "courseId", role, "updatedAt")
    SELECT 'bm' || g, 'bu' || g, 'bc', 'STUDENT'::"Role", now() FROM generate_series(1, ${c.students}) g
    UNION ALL SELECT 'bmi', 'bi', 'bc', 'INSTRUCTOR'::"Role", now()`);
  await client.$executeRawUnsafe(`
    INSERT INTO "Reading" (id, "courseId", slug, title, position, "dueAt", "updatedAt")
    SELECT 'br' || g, 'bc', 'reading-' || g, 'Reading ' || g, g, now() - (${c.readings} - g) * interval '7 days', now() FROM generate_series(1, ${c.readings}) g`);
  await client.$executeRawUnsafe(`
    INSERT INTO "Block" (id, "readingId", position, number, kind, text, "updatedAt")
    SELECT 'bb' || r || '_' || b, 'br' || r, b, b + 1, 'PARAGRAPH', 'Paragraph ' || b || ' of reading ' || r || '.', now()
    FROM generate_series(1, ${c.readings}) r, generate_series(0, ${c.blocks - 1}) b`);
  // Two thirds comments, one third replies to the comment before them, spread over ten weeks.
  await client.$executeRawUnsafe(`
    INSERT INTO "Comment" (id, "courseId", "readingId", "blockId", "parentId", "rootId", "authorId", body, "createdAt", "updatedAt")
    SELECT 'bk' || g, 'bc', 'br' || (g % ${c.readings} + 1), 'bb' || (g % ${c.readings} + 1) || '_' || (g % ${c.blocks}),
           CASE WHEN g % 3 = 0 AND g > ${c.readings} THEN 'bk' || (g - ${c.readings}) END,
           CASE WHEN g % 3 = 0 AND g > ${c.readings} THEN 'bk' || (g - ${c.readings}) END,
           'bu' || (g % ${c.students} + 1),
           repeat('A thought about the passage, ', 2 + g % 12) || 'comment ' || g,
           now() - interval '70 days' + (g * interval '60 seconds'), now()
    FROM generate_series(1, ${c.comments}) g`);
  await client.$executeRawUnsafe(`ANALYZE`);
}

const rssKb = (pid: number) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN);
  } catch {
    return NaN;
  }
};

async function timed(url: string, cookie: string, n: number) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const r = await fetch(url, { headers: { Cookie: cookie } });
    bytes = (await r.arrayBuffer()).byteLength;
    if (r.status !== 200) throw new Error(`${url} answered ${r.status}`);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)]!, bytes };
}

export async function runCourseAdminBench(options: { baseUrl: string; cookie: string; serverPid?: number }) {
  const { baseUrl, cookie, serverPid } = options;
  const base = `${baseUrl}/courses/${BENCH_COURSE.slug}`;
  await timed(`${base}/participation`, cookie, 1); // warm
  const page = await timed(`${base}/participation`, cookie, 5);
  const reading = await timed(`${base}/participation?reading=reading-3`, cookie, 5);
  const grades = await timed(`${baseUrl}/api/courses/${BENCH_COURSE.slug}/exports/participation?layout=grades`, cookie, 3);

  const before = serverPid ? rssKb(serverPid) : NaN;
  let peak = before;
  const sampler = serverPid ? setInterval(() => (peak = Math.max(peak, rssKb(serverPid))), 25) : null;
  const t = performance.now();
  const response = await fetch(`${baseUrl}/api/courses/${BENCH_COURSE.slug}/exports/comments?format=csv`, { headers: { Cookie: cookie } });
  let bytes = 0;
  let firstByteMs = NaN;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    if (Number.isNaN(firstByteMs)) firstByteMs = performance.now() - t;
    bytes += chunk.byteLength;
  }
  const exportMs = performance.now() - t;
  if (sampler) clearInterval(sampler);
  return { page, reading, grades, export: { ms: exportMs, firstByteMs, bytes, rssBeforeKb: before, rssPeakKb: peak } };
}
