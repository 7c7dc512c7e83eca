/**
 * Integration setup: posting a reply now enqueues its notification mail, which starts this
 * process's pg-boss sender (lib/jobs/queue.ts getBoss). Stop it after each test file, so
 * no file leaves a pool polling a database that the run is about to remove.
 */
import { afterAll } from "vitest";
import { setBoss } from "@/lib/jobs/queue";

afterAll(async () => {
  const pending = (globalThis as unknown as { colloquyBoss?: Promise<{ stop(o: object): Promise<void> }> }).colloquyBoss;
  if (!pending) return;
  setBoss(undefined);
  const boss = await pending.catch(() => null);
  await boss?.stop({ graceful: false, wait: true }).catch(() => {});
});
