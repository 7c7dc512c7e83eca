/**
 * Issue 10 finding 9: publish an edit of a reading that carries 10,000 threads (each with a
 * reply), through the job queue as the app does, and time it. Bulk-generated in SQL.
 *
 * The app server's own job runner does the work, as in production. (This process ran a
 * runner of its own until its in-process wake-up on enqueue made it take every job first:
 * outside Next's server bundle the handler cannot load — `server-only` — so the job failed,
 * its retry too, and the section waited forever. It now also gives up after DEADLINE_MS.)
 */
import type { Db } from "../../lib/db";

const DEADLINE_MS = 180_000;

export async function reviseAtScale(client: Db, databaseUrl: string) {
  process.env.DATABASE_URL ??= databaseUrl;
  const { storeReading } = await import("../../lib/readings/store-reading");
  const { enqueue } = await import("../../lib/jobs/queue");
  const teacher = await client.user.findFirstOrThrow({ where: { email: "instructor@demo.colloquy" }, select: { id: true } });
  const student = await client.user.findFirstOrThrow({ where: { email: "student1@demo.colloquy" }, select: { id: true } });
  const course = await client.course.findFirstOrThrow({ where: { slug: "de-stalinization-1955-57" }, select: { id: true } });
  const paras = Array.from({ length: 1_000 }, (_, i) => `Paragraph ${i} of the long reading says something about the thaw, number ${i * 7919}.`);
  const stored = await storeReading(client, { courseId: course.id, imported: { title: `Bench long reading ${Date.now()}`, author: null, source: null, date: null, format: "text", blocks: paras.map((text) => ({ kind: "paragraph" as const, text })), notes: [], report: [] } });
  const ids = (await client.block.findMany({ where: { readingId: stored.id }, orderBy: { position: "asc" }, select: { id: true } })).map((b) => b.id);
  await client.$executeRaw`
    INSERT INTO "Comment" (id, "courseId", "readingId", "blockId", "authorId", body, "createdAt", "updatedAt")
    SELECT 'bench-r' || g, ${course.id}, ${stored.id}, (${ids}::text[])[1 + (g % 1000)], ${student.id}, 'Thread ' || g, now(), now() FROM generate_series(0, 9999) AS g`;
  await client.$executeRaw`
    INSERT INTO "Comment" (id, "courseId", "readingId", "blockId", "authorId", body, "parentId", "rootId", "createdAt", "updatedAt")
    SELECT 'bench-y' || g, ${course.id}, ${stored.id}, (${ids}::text[])[1 + (g % 1000)], ${student.id}, 'Reply ' || g, 'bench-r' || g, 'bench-r' || g, now(), now() FROM generate_series(0, 9999) AS g`;
  const next = paras.slice(1).map((t, i) => (i === 0 ? t.replace("something", "a thing") : t));
  const draft = { title: "Long", author: null, source: null, date: null, format: "text", blocks: next.map((text) => ({ kind: "paragraph", text })), notes: [], report: [] };
  const task = await client.backgroundTask.create({ data: { kind: "revise", courseId: course.id, readingSlug: stored.slug, createdById: teacher.id, input: { draft, dryRun: false, summary: "bench" } } });
  const t0 = performance.now();
  await enqueue("reading.revise", { taskId: task.id });
  for (;;) {
    const row = await client.backgroundTask.findUniqueOrThrow({ where: { id: task.id }, select: { status: true, errorMessage: true } });
    if (row.status === "SUCCEEDED") break;
    if (row.status === "FAILED" || row.status === "CANCELLED") throw new Error(`the 10,000-thread edit failed: ${row.errorMessage}`);
    if (performance.now() - t0 > DEADLINE_MS) throw new Error(`the 10,000-thread edit was still ${row.status} after ${DEADLINE_MS / 1000} s (is the app server's job runner running?)`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const ms = performance.now() - t0;
  const detached = await client.comment.count({ where: { readingId: stored.id, blockId: null } });
  return { ms, detached };
}
