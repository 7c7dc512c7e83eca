/**
 * "This task has finished", within one process: the job runner (./run-task.ts) says it once
 * the outcome is written, and a request waiting for its task (./wait-for-task.ts) answers at
 * once instead of at its next poll. Only a shortcut: when the job ran on another instance,
 * the waiter's poll finds the outcome as before.
 *
 * On globalThis, so the runner and the route handlers share it even where the bundler gives
 * them separate copies of this module. No `server-only`: the runner also runs outside Next.
 */
const registry = globalThis as unknown as { colloquyTaskWaiters?: Map<string, Set<() => void>> };
const waiters = () => (registry.colloquyTaskWaiters ??= new Map());

/** Call `wake` when task `taskId` finishes in this process; returns the unsubscribe. */
export function onTaskFinished(taskId: string, wake: () => void): () => void {
  const set = waiters().get(taskId) ?? new Set();
  set.add(wake);
  waiters().set(taskId, set);
  return () => {
    set.delete(wake);
    if (set.size === 0 && waiters().get(taskId) === set) waiters().delete(taskId);
  };
}

/** Wake whoever waits for task `taskId` (its outcome is written). */
export function announceTaskFinished(taskId: string): void {
  for (const wake of waiters().get(taskId) ?? []) wake();
}
