/**
 * The app's one background job queue: pg-boss 10 in the app's own PostgreSQL (schema
 * `pgboss`). One queue for everything heavy or slow — imports, OCR, re-anchoring, mail,
 * digests — so several app instances share it: each job is taken by exactly one worker
 * (SELECT … FOR UPDATE SKIP LOCKED), survives a crash (it stays in the table and is
 * retried once it expires), and needs no other service.
 *
 * Why pg-boss 10 and not graphile-worker 0.17: a job left "active" by a worker that was
 * killed is handed out again after its queue's expireInSeconds (seconds, per queue),
 * where graphile-worker keeps such a job locked for four hours; pg-boss also brings cron
 * schedules (digests) and per-job singleton keys. 10.x is the last major that runs on
 * Node 20.
 *
 * No `server-only` here: scripts (seed, CLI) and tests send jobs too.
 */
import PgBoss from "pg-boss";
import { QUEUES, queueSpecs, type QueueName } from "@/lib/jobs/specs";

export const JOB_SCHEMA = "pgboss";

const globalForJobs = globalThis as unknown as { colloquyBoss?: Promise<PgBoss>; colloquyWake?: (name: QueueName) => void };

/** Anything that can run one SQL statement inside the caller's transaction — a Prisma
 *  interactive transaction client qualifies. */
export interface SqlTx {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

export function createBoss(options: { url?: string; runner: boolean; maintenanceIntervalSeconds?: number }) {
  const connectionString = options.url ?? process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: the job queue needs the app's database.");
  return new PgBoss({
    connectionString,
    schema: JOB_SCHEMA,
    application_name: options.runner ? "colloquy-jobs" : "colloquy-send",
    max: options.runner ? 4 : 2,
    // Only runners supervise (expire stuck jobs, archive, delete) and keep cron schedules.
    supervise: options.runner,
    schedule: options.runner,
    migrate: true,
    // How often a runner looks for expired jobs (of crashed workers) to hand out again.
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 15,
  });
}

let lastQueueError = { message: "", at: 0, repeats: 0 };
/** pg-boss reports every failed poll; while the database is restarting that is several a
 *  second, each with the whole client object. Say it in one line, and the same message at
 *  most every 30 s (with how often it repeated). */
export function logQueueError(error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  const now = Date.now();
  if (message === lastQueueError.message && now - lastQueueError.at < 30_000) {
    lastQueueError.repeats += 1;
    return;
  }
  const repeated = lastQueueError.repeats ? ` (the previous error repeated ${lastQueueError.repeats} times)` : "";
  console.error(`[jobs] queue error: ${message}${repeated}`);
  lastQueueError = { message, at: now, repeats: 0 };
}

/** Create every queue in QUEUES (idempotent; safe from several instances at once). */
export async function ensureQueues(boss: PgBoss) {
  const existing = new Set((await boss.getQueues()).map((q) => q.name));
  for (const spec of queueSpecs()) {
    const { name, ...options } = spec;
    if (existing.has(name)) await boss.updateQueue(name, { name, ...options });
    else {
      try {
        await boss.createQueue(name, { name, ...options });
      } catch (error) {
        // Another instance created it between our read and our create.
        if (!(await boss.getQueue(name))) throw error;
      }
    }
  }
}

/** The process's sender (started on first use, queues ensured). The runner installs its
 *  own instance here when it starts, so one process keeps one pool. */
export function getBoss(): Promise<PgBoss> {
  globalForJobs.colloquyBoss ??= (async () => {
    const boss = createBoss({ runner: false });
    boss.on("error", logQueueError);
    await boss.start();
    await ensureQueues(boss);
    return boss;
  })().catch((error: unknown) => {
    globalForJobs.colloquyBoss = undefined;
    throw error;
  });
  return globalForJobs.colloquyBoss;
}

export function setBoss(boss: Promise<PgBoss> | undefined) {
  globalForJobs.colloquyBoss = boss;
}

/** The runner of this process (./runner.ts) installs how to wake its worker of a queue. */
export function setWaker(wake: ((name: QueueName) => void) | undefined) {
  globalForJobs.colloquyWake = wake;
}

/**
 * Have this process's worker of `name` look for a job now instead of at its next poll (a
 * no-op where this process runs no runner: another instance's worker finds the job when it
 * polls). Call it once the job is committed — after the transaction that sent it.
 */
export function wakeWorker(name: QueueName) {
  globalForJobs.colloquyWake?.(name);
}

export interface EnqueueOptions {
  /** Insert the job inside this transaction: it exists exactly when the transaction commits. */
  tx?: SqlTx;
  /** At most one queued job per key (e.g. one digest per user). */
  singletonKey?: string;
  startAfter?: Date;
  priority?: number;
}

/**
 * Send a job. With `tx`, the job row is written by the caller's own transaction — a crash
 * before the commit leaves neither the change nor the job; after it, both.
 * Returns the job id, or null when a singleton with the same key is already queued.
 */
export async function enqueue(name: QueueName, data: object, options: EnqueueOptions = {}): Promise<string | null> {
  const spec = QUEUES[name];
  if (!spec) throw new Error(`unknown job queue ${name}`);
  const boss = await getBoss();
  const { tx, ...rest } = options;
  const send: PgBoss.SendOptions = { ...rest };
  if (tx) {
    send.db = {
      // pg-boss passes JS values for untyped parameters; send objects as JSON text and
      // Dates as ISO strings, which is what node-postgres would have sent.
      executeSql: async (text, values) => {
        const params = values.map((v) => (v instanceof Date ? v.toISOString() : v !== null && typeof v === "object" ? JSON.stringify(v) : v));
        const rows = await tx.$queryRawUnsafe<unknown[]>(text, ...params);
        return { rows: rows as { id: string }[] };
      },
    };
  }
  const id = await boss.send(name, data, send);
  if (id === null && !options.singletonKey) throw new Error(`the job queue refused a ${name} job (does the queue exist?)`);
  // Sent inside a transaction, the job is not there until the caller commits: the caller wakes.
  if (id !== null && !tx) wakeWorker(name);
  return id;
}
