/** The app's one job queue (pg-boss in the app's PostgreSQL): delivery, transactional
 *  enqueue, retries, and a job whose worker is killed mid-run being done by another. */
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "../support/db";
import { enqueue, getBoss } from "@/lib/jobs/queue";
import { startJobRunner, type JobRunner } from "@/lib/jobs/runner";

async function waitForState(id: string, states: string[], timeoutMs = 20_000) {
  const boss = await getBoss();
  const t0 = Date.now();
  for (;;) {
    const job = await boss.getJobById("system.echo", id, { includeArchive: true });
    if (job && states.includes(job.state)) return job;
    if (Date.now() - t0 > timeoutMs) throw new Error(`job ${id} still ${job?.state ?? "missing"} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("job queue", () => {
  let runner: JobRunner | null = null;
  beforeAll(async () => {
    runner = await startJobRunner({ pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, log: () => {} });
  });
  afterAll(async () => {
    await runner?.stop({ graceful: false });
    await (await getBoss()).stop({ graceful: false });
  });

  test("a job is delivered and completed", async () => {
    const id = await enqueue("system.echo", { hello: "world" });
    const job = await waitForState(id!, ["completed"]);
    expect(job.output).toEqual({ echoed: { hello: "world" } });
  });

  test("a job sent inside a transaction exists exactly when the transaction commits", async () => {
    const marker = `tx-${Date.now()}`;
    await expect(
      db.$transaction(async (tx) => {
        await enqueue("system.echo", { marker, rolledBack: true }, { tx });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    const committedId = await db.$transaction(async (tx) => enqueue("system.echo", { marker, rolledBack: false }, { tx }));
    await waitForState(committedId!, ["completed"]);
    const rows = await db.$queryRawUnsafe<{ data: { rolledBack: boolean } }[]>(
      `SELECT data FROM pgboss.job WHERE name = 'system.echo' AND data->>'marker' = $1`,
      marker,
    );
    expect(rows.map((r) => r.data.rolledBack)).toEqual([false]);
  });

  test("a failing job is retried, then marked failed", async () => {
    const id = await enqueue("system.echo", { fail: true });
    const job = await waitForState(id!, ["failed"], 30_000);
    expect(job.retryCount).toBe(2);
  });

  test("a job whose worker is killed mid-run is done by another worker", async () => {
    // A second process takes a job that hangs, and is killed with SIGKILL while it runs.
    await runner!.stop({ graceful: false });
    runner = null;
    const id = await enqueue("system.echo", { hangInDoomedWorker: true });
    const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "../support/job-runner-child.ts")], {
      env: { ...process.env, COLLOQUY_DOOMED_WORKER: "1" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await waitForState(id!, ["active"]);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    // This process's runner finds the job expired (after 3 s) and does it: completed, once.
    runner = await startJobRunner({ pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, log: () => {} });
    const job = await waitForState(id!, ["completed"], 30_000);
    expect(job.retryCount).toBe(1);
    expect(job.output).toEqual({ echoed: { hangInDoomedWorker: true } });
  }, 60_000);
});
