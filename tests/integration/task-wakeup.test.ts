/**
 * A request that starts an edit or an import waits for its job (lib/tasks/answer-task.ts).
 * In one process neither poll may add to that wait: the job is fetched as soon as it is
 * committed (the runner's worker is woken), and the waiting request answers as soon as the
 * job has written its outcome (the waiter is woken). Here the runner polls every two
 * minutes and the waiter every minute, so only the wake-ups can answer in time.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db, makeCourse, makeUser, addMember } from "../support/db";
import { enqueue, getBoss } from "@/lib/jobs/queue";
import { startJobRunner, type JobRunner } from "@/lib/jobs/runner";
import { storeReading } from "@/lib/readings/store-reading";
import { startTask } from "@/lib/tasks/start-task";
import { waitForTask } from "@/lib/tasks/wait-for-task";

const SLOW_POLL_S = 120;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let runner: JobRunner;
beforeAll(async () => {
  runner = await startJobRunner({ pollingIntervalSeconds: SLOW_POLL_S, maintenanceIntervalSeconds: 60, log: () => {} });
  // Each worker fetches once as it starts; let that fetch pass, so the next one is the poll's.
  await sleep(1500);
});
afterAll(async () => {
  await runner?.stop({ graceful: false });
  await (await getBoss()).stop({ graceful: false });
});

describe("waking instead of polling", () => {
  test("a dry run of an edit is answered within seconds although both polls are a minute or more apart", async () => {
    const teacher = await makeUser("Teacher");
    const course = await makeCourse(teacher.id);
    const student = await makeUser("Student");
    await addMember(course.id, student.id);
    const paragraphs = ["The first paragraph of the reading.", "The second paragraph, with a thread on it."];
    const reading = await storeReading(db, {
      courseId: course.id,
      imported: { title: "Short", author: null, source: null, date: null, format: "text", blocks: paragraphs.map((text) => ({ kind: "paragraph", text })), notes: [], report: [] },
    });
    const second = await db.block.findFirstOrThrow({ where: { readingId: reading.id, position: 1 }, select: { id: true } });
    const thread = await db.comment.create({ data: { courseId: course.id, readingId: reading.id, blockId: second.id, authorId: student.id, body: "On the second" }, select: { id: true } });
    const draft = { title: "Short", blocks: [{ kind: "paragraph", text: paragraphs[1] }] };

    const t0 = Date.now();
    const task = await startTask({ userId: teacher.id, courseId: course.id, kind: "revise", readingSlug: reading.slug, input: { draft, dryRun: true, summary: null } });
    const { view, result } = await waitForTask(task.id, 60_000, 60_000);
    const ms = Date.now() - t0;

    expect(view.status, view.error?.message).toBe("succeeded");
    expect((result as { landings: { commentId: string; to: number | null }[] }).landings).toEqual([expect.objectContaining({ commentId: thread.id, to: 1 })]);
    // Polling alone would answer after the runner's next poll (up to two minutes) and the
    // waiter's next look (a minute); a loaded machine takes a few seconds at most.
    expect(ms).toBeLessThan(30_000);
  }, 90_000);

  test("a job sent outside a transaction is fetched at once", async () => {
    const boss = await getBoss();
    const t0 = Date.now();
    const id = await enqueue("system.echo", { woken: true });
    let state = "";
    while (Date.now() - t0 < 30_000) {
      state = (await boss.getJobById("system.echo", id!, { includeArchive: true }))?.state ?? "missing";
      if (state === "completed") break;
      await sleep(100);
    }
    expect(state).toBe("completed");
    expect(Date.now() - t0).toBeLessThan(30_000);
  }, 60_000);
});
