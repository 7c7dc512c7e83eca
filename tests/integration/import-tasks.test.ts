/**
 * Imports and reading edits as background jobs (issue 9 item 3, issue 11 item 4): the real
 * job runner works the real queue on the test database; the importer runs in the sandbox.
 * A text import succeeds with progress stages; a zip bomb fails with TOO_LARGE and a
 * message; a queued import can be cancelled, a running OCR import too; a re-run that
 * undoes a repair reuses the stored upload; a scanned PDF is recognised by tesseract.js
 * page by page, its words found again, and reused (not recognised again) on a re-run;
 * publishing an edit of a reading with 10,000 threads keeps every thread.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { db, makeCourse, makeUser, addMember } from "../support/db";
import { getBoss } from "@/lib/jobs/queue";
import { startJobRunner, type JobRunner } from "@/lib/jobs/runner";
import { previewImport } from "@/lib/readings/preview-import";
import { waitForTask } from "@/lib/tasks/wait-for-task";
import { cancelTask } from "@/lib/tasks/cancel-task";
import { getTask } from "@/lib/tasks/get-task";
import { startTask, MAX_ACTIVE_TASKS } from "@/lib/tasks/start-task";
import { storeReading } from "@/lib/readings/store-reading";
import { hostileFiles } from "@/lib/import/hostile-files";
import type { ImportedReading } from "@/lib/import/types";
import { AppError } from "@/lib/errors";

let runner: JobRunner;
beforeAll(async () => {
  // Every stage and label a task's row is given, logged by a trigger in the test database:
  // sampling the row would miss a stage shorter than the sampling interval.
  await db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS test_task_stages (task_id text, stage text, label text, at timestamptz DEFAULT clock_timestamp())`);
  await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION test_log_task_stage() RETURNS trigger AS $$
    BEGIN INSERT INTO test_task_stages (task_id, stage, label) VALUES (NEW.id, NEW.stage, NEW.label); RETURN NEW; END $$ LANGUAGE plpgsql`);
  await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_log_task_stage ON "BackgroundTask"`);
  await db.$executeRawUnsafe(`CREATE TRIGGER test_log_task_stage AFTER INSERT OR UPDATE ON "BackgroundTask" FOR EACH ROW EXECUTE FUNCTION test_log_task_stage()`);
  runner = await startJobRunner({ pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 60, log: () => {} });
});
afterAll(async () => {
  await runner?.stop({ graceful: false });
  await (await getBoss()).stop({ graceful: false });
  await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_log_task_stage ON "BackgroundTask"`);
  await db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS test_log_task_stage()`);
  await db.$executeRawUnsafe(`DROP TABLE IF EXISTS test_task_stages`);
});

async function staff() {
  const teacher = await makeUser("Teacher");
  const course = await makeCourse(teacher.id);
  return { teacher, course };
}

/** Wait for the task to finish; every stage and label it was given (from the trigger's log). */
async function watch(taskId: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await db.backgroundTask.findUniqueOrThrow({ where: { id: taskId }, select: { status: true } });
    if (["SUCCEEDED", "FAILED", "CANCELLED"].includes(row.status) || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const log = await db.$queryRawUnsafe<{ stage: string | null; label: string | null }[]>(`SELECT stage, label FROM test_task_stages WHERE task_id = $1 ORDER BY at`, taskId);
  const stages = new Set(log.flatMap((r) => (r.stage ? [r.stage] : [])));
  const labels = new Set(log.flatMap((r) => (r.label ? [r.label] : [])));
  const { view, result } = await waitForTask(taskId, 1000);
  return { view, result: result as ImportedReading | null, stages, labels };
}

const MESSY = ["The Thaw", "", "by Maria Volkova", "", "The congress of 1954 was the first sign that the establishment would", "", "LITERARY REVIEW", "", "12", "", "no longer speak with one voice."].join("\n");

describe("imports run as background jobs", () => {
  test("a pasted text is read by the job: stages reported, draft stored on the task, nothing published", async () => {
    const { teacher, course } = await staff();
    const { task } = await previewImport({ userId: teacher.id, courseId: course.id, bytes: new TextEncoder().encode(MESSY), fileName: "messy.txt" });
    expect(task.status).toBe("queued");
    const { view, result, stages } = await watch(task.id, 60_000);
    expect(view.status).toBe("succeeded");
    expect(stages).toContain("repairing");
    // The page break is repaired: one paragraph, the page number gone.
    expect(result!.blocks).toHaveLength(1);
    expect(result!.blocks[0]!.text).toMatch(/^The congress of 1954 .*establishment would .*no longer speak with one voice\.$/);
    expect(result!.report.map((r) => r.rule)).toEqual(expect.arrayContaining(["drop-page-number", "join-page-break"]));
    expect(await db.reading.count({ where: { courseId: course.id } })).toBe(0);
  }, 90_000);

  test("a zip bomb fails with TOO_LARGE (413) and a message a person can act on", async () => {
    const { teacher, course } = await staff();
    const bomb = (await hostileFiles()).find((f) => f.name === "docx-zip-bomb")!;
    const { task } = await previewImport({ userId: teacher.id, courseId: course.id, bytes: bomb.bytes, fileName: bomb.fileName });
    const { view } = await watch(task.id, 60_000);
    expect(view.status).toBe("failed");
    expect(view.error).toMatchObject({ code: "TOO_LARGE", status: 413 });
    expect(view.error!.message).toMatch(/expands to more than 32 MB/);
  }, 90_000);

  test("undoing a repair re-reads the stored upload without the repair", async () => {
    const { teacher, course } = await staff();
    const first = await previewImport({ userId: teacher.id, courseId: course.id, bytes: new TextEncoder().encode(MESSY), fileName: "messy.txt" });
    const done = await watch(first.task.id, 60_000);
    const join = done.result!.report.find((r) => r.rule === "join-page-break" && r.id);
    expect(join).toBeTruthy();
    const again = await previewImport({ userId: teacher.id, courseId: course.id, fromTaskId: first.task.id, skip: [join!.id!] });
    expect(again.fileName).toBe("messy.txt");
    const redone = await watch(again.task.id, 60_000);
    expect(redone.view.status).toBe("succeeded");
    expect(redone.result!.blocks.some((b) => b.text.endsWith("that the establishment would"))).toBe(true);
  }, 120_000);

  test("a person may have only a few unfinished tasks; a queued one is cancelled at once", async () => {
    const { teacher, course } = await staff();
    // No runner picks these up: a different, never-worked kind keeps them queued.
    const ids: string[] = [];
    for (let i = 0; i < MAX_ACTIVE_TASKS; i++) {
      const row = await db.backgroundTask.create({ data: { kind: "held", courseId: course.id, createdById: teacher.id } });
      ids.push(row.id);
    }
    await expect(startTask({ userId: teacher.id, courseId: course.id, kind: "import", input: {} })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    const cancelled = await cancelTask({ userId: teacher.id, courseSlug: course.slug, taskId: ids[0]! });
    expect(cancelled.status).toBe("cancelled");
    await db.backgroundTask.deleteMany({ where: { id: { in: ids } } });
  });

  test("tasks are visible to the course's staff only", async () => {
    const { teacher, course } = await staff();
    const student = await makeUser("Student");
    await addMember(course.id, student.id);
    const { task } = await previewImport({ userId: teacher.id, courseId: course.id, bytes: new TextEncoder().encode("Hello there.\n\nA second paragraph."), fileName: "a.txt" });
    await expect(getTask({ userId: student.id, courseSlug: course.slug, taskId: task.id })).rejects.toBeInstanceOf(AppError);
    const outsider = await makeUser("Outsider");
    await expect(cancelTask({ userId: outsider.id, courseSlug: course.slug, taskId: task.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await watch(task.id, 60_000);
    const seen = await getTask({ userId: teacher.id, courseSlug: course.slug, taskId: task.id });
    expect(seen.task.status).toBe("succeeded");
  }, 90_000);
});

describe("OCR of a scanned PDF (tesseract.js, real recognition; page 1 has a smudged band)", () => {
  const scan = readFileSync(path.resolve("tests/fixtures/import/scanned/001-scan.pdf"));
  const layer = readFileSync(path.resolve("tests/fixtures/import/variants/001.pdf"));

  test("every page is recognised with progress per page, the text goes through the repairs, and a re-run reuses the recognised pages", async () => {
    const { teacher, course } = await staff();
    const { task } = await previewImport({ userId: teacher.id, courseId: course.id, bytes: scan, fileName: "001-scan.pdf" });
    const { view, result, labels } = await watch(task.id, 8 * 60_000);
    expect(view.status, view.error?.message).toBe("succeeded");
    expect([...labels]).toEqual(expect.arrayContaining(["Recognising text, page 1 of 3", "Recognising text, page 2 of 3", "Recognising text, page 3 of 3"]));
    expect(result!.ocr!.pages).toEqual([1, 2, 3]);
    expect(result!.ocr!.confidence).toBeGreaterThan(80);
    expect(result!.title).toBe("Khrushchev on Stalin");
    // The smudged band on page 1: its doubtful words are marked where they stand in the repaired text.
    const marked = result!.ocr!.uncertain;
    expect(marked.length).toBeGreaterThanOrEqual(5);
    for (const w of marked) expect(result!.blocks[w.block]!.text.slice(w.start, w.end)).toBe(w.text);
    const smudged = result!.blocks.findIndex((b) => b.text.includes("that a man of so sturdy"));
    expect(marked.filter((w) => w.block === smudged).length).toBeGreaterThanOrEqual(5);

    // Word recall against the same pages read from the text layer.
    const { importDocument } = await import("@/lib/import");
    const truth = await importDocument(layer, "001.pdf");
    const words = (t: string) => t.toLowerCase().match(/[a-z]+/g) ?? [];
    const got = new Set(words(result!.blocks.map((b) => b.text).join(" ")));
    const firstPages = words(truth.blocks.slice(0, 8).map((b) => b.text).join(" "));
    const recall = firstPages.filter((w) => got.has(w)).length / firstPages.length;
    expect(recall).toBeGreaterThan(0.95);
    // Page-break joins and running furniture repaired as for a text PDF: no paragraph ends mid-sentence at a page turn.
    expect(result!.blocks.filter((b) => b.kind === "paragraph" && /[a-z,]$/.test(b.text)).length).toBeLessThanOrEqual(1);

    const cached = await db.backgroundTask.findUniqueOrThrow({ where: { id: task.id }, select: { ocrPages: true } });
    expect(Object.keys(cached.ocrPages as object)).toHaveLength(3);
    const t0 = Date.now();
    const again = await previewImport({ userId: teacher.id, courseId: course.id, fromTaskId: task.id, skip: [] });
    const rerun = await watch(again.task.id, 120_000);
    expect(rerun.view.status).toBe("succeeded");
    expect(rerun.result!.blocks.map((b) => b.text)).toEqual(result!.blocks.map((b) => b.text));
    console.log(`[ocr] 3 scanned pages recognised; re-run from the cache in ${Date.now() - t0} ms`);
  }, 10 * 60_000);

  test("a running OCR import is cancelled within seconds", async () => {
    const { teacher, course } = await staff();
    const { task } = await previewImport({ userId: teacher.id, courseId: course.id, bytes: scan, fileName: "001-scan.pdf" });
    for (let i = 0; i < 600; i++) {
      const row = await db.backgroundTask.findUniqueOrThrow({ where: { id: task.id }, select: { stage: true } });
      if (row.stage === "ocr") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const t0 = Date.now();
    await cancelTask({ userId: teacher.id, courseSlug: course.slug, taskId: task.id });
    const { view } = await watch(task.id, 30_000);
    expect(view.status).toBe("cancelled");
    expect(Date.now() - t0).toBeLessThan(10_000);
  }, 3 * 60_000);
});

describe("publishing an edit of a reading with 10,000 threads (issue 10 finding 9)", () => {
  test("runs as a job, keeps every thread (moved, kept or Detached) and finishes well inside its limit", async () => {
    const { teacher, course } = await staff();
    const student = await makeUser("Student");
    await addMember(course.id, student.id);
    const paras = Array.from({ length: 1_000 }, (_, i) => `Paragraph ${i} of the long reading says something about the thaw, number ${i * 7919}.`);
    const stored = await storeReading(db, { courseId: course.id, imported: { title: "Long", author: null, source: null, date: null, format: "text", blocks: paras.map((text) => ({ kind: "paragraph", text })), notes: [], report: [] } });
    const blocks = await db.block.findMany({ where: { readingId: stored.id }, orderBy: { position: "asc" }, select: { id: true } });
    // 10,000 threads (10 per paragraph), each with a reply, bulk-inserted in SQL.
    await db.$executeRaw`
      INSERT INTO "Comment" (id, "courseId", "readingId", "blockId", "authorId", body, "createdAt", "updatedAt")
      SELECT 'r' || g, ${course.id}, ${stored.id}, (${blocks.map((b) => b.id)}::text[])[1 + (g % 1000)], ${student.id}, 'Thread ' || g, now(), now()
      FROM generate_series(0, 9999) AS g`;
    await db.$executeRaw`
      INSERT INTO "Comment" (id, "courseId", "readingId", "blockId", "authorId", body, "parentId", "rootId", "createdAt", "updatedAt")
      SELECT 'y' || g, ${course.id}, ${stored.id}, (${blocks.map((b) => b.id)}::text[])[1 + (g % 1000)], ${student.id}, 'Reply ' || g, 'r' || g, 'r' || g, now(), now()
      FROM generate_series(0, 9999) AS g`;
    // The edit: paragraph 0 deleted, paragraph 1 changed a little, the rest unchanged.
    const next = paras.slice(1).map((t, i) => (i === 0 ? t.replace("something", "a thing") : t));
    const draft = { title: "Long", author: null, source: null, date: null, format: "text", blocks: next.map((text) => ({ kind: "paragraph", text })), notes: [], report: [] };
    const t0 = Date.now();
    const task = await startTask({ userId: teacher.id, courseId: course.id, kind: "revise", readingSlug: stored.slug, input: { draft, dryRun: false, summary: "Cut the opening" } });
    // Note when each stage starts (queued → anchoring → saving → done), for the log.
    const marks: string[] = [];
    let last = "";
    for (let i = 0; i < 1200; i++) {
      const row = await db.backgroundTask.findUniqueOrThrow({ where: { id: task.id }, select: { stage: true, status: true } });
      if (row.stage !== last) marks.push(`${row.stage} at ${Date.now() - t0} ms`);
      last = row.stage ?? "";
      if (row.status !== "QUEUED" && row.status !== "RUNNING") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const { view, result } = await waitForTask(task.id, 1000);
    const ms = Date.now() - t0;
    console.log(`[revise] stages: ${marks.join(", ")}`);
    expect(view.status, view.error?.message).toBe("succeeded");
    console.log(`[revise] 10,000 threads + 10,000 replies published in ${ms} ms (job included)`);
    expect((result as { published: boolean }).published).toBe(true);
    expect(await db.comment.count({ where: { readingId: stored.id } })).toBe(20_000);
    // Paragraph 0's threads (g % 1000 == 0: 10 threads) and their replies are Detached; all others are on a block.
    expect(await db.comment.count({ where: { readingId: stored.id, blockId: null, detachedAt: { not: null } } })).toBe(20);
    expect(await db.comment.count({ where: { readingId: stored.id, blockId: { not: null } } })).toBe(19_980);
    const r5 = await db.comment.findUniqueOrThrow({ where: { id: "r5" }, select: { block: { select: { text: true } } } });
    const y5 = await db.comment.findUniqueOrThrow({ where: { id: "y5" }, select: { blockId: true } });
    expect(r5.block!.text).toBe(paras[5]);
    expect(y5.blockId).toBe((await db.comment.findUniqueOrThrow({ where: { id: "r5" } })).blockId);
    expect(ms).toBeLessThan(60_000);
  }, 180_000);
});
