/**
 * Every queue of the app's one background job queue (pg-boss, in PostgreSQL — see
 * ./queue.ts), with its delivery rules. Senders and the runner both read this list, so a
 * job can never be sent to a queue that does not exist. Add a queue here, its handler in
 * ./handlers.ts.
 *
 * expireInSeconds is also the crash-recovery bound: a job whose worker died (SIGKILL, a
 * crashed instance) is handed to another worker once it has been active that long.
 */
export interface QueueSpec {
  name: string;
  /** How long one attempt may run before it counts as failed (and is retried). */
  expireInSeconds: number;
  retryLimit: number;
  retryDelay?: number;
  retryBackoff?: boolean;
  /** Finished jobs are kept this long for inspection. */
  retentionMinutes?: number;
}

export const QUEUES = {
  /** A self-test: the integration tests prove delivery, retries and crash recovery with it. */
  "system.echo": { name: "system.echo", expireInSeconds: 3, retryLimit: 2, retryDelay: 1 },
  /** An import preview (BackgroundTask kind "import"): parse + OCR in the import sandbox.
   *  Long enough for a 200-page scan; a crashed worker's import is picked up again after it. */
  "import.run": { name: "import.run", expireInSeconds: 30 * 60, retryLimit: 1, retryDelay: 5, retentionMinutes: 24 * 60 },
  /** Publishing (or previewing) an edit of a reading: re-anchoring in the sandbox, batched writes. */
  "reading.revise": { name: "reading.revise", expireInSeconds: 5 * 60, retryLimit: 1, retryDelay: 5, retentionMinutes: 24 * 60 },
  /** Hourly: drop finished tasks' uploads after a day, the tasks after a week. */
  "tasks.cleanup": { name: "tasks.cleanup", expireInSeconds: 5 * 60, retryLimit: 0 },
  /** Hourly: forget live events older than a day (lib/live/prune-events.ts). */
  "live.prune": { name: "live.prune", expireInSeconds: 300, retryLimit: 1, retryDelay: 60 },
  /** One notification's mail (lib/notifications/mail.ts), enqueued with the notification.
   *  SMTP timeouts (lib/mail/send-mail.ts) end an attempt well inside the expiry; a failed
   *  attempt is retried with backoff for about an hour. */
  "mail.send": { name: "mail.send", expireInSeconds: 45, retryLimit: 8, retryDelay: 30, retryBackoff: true, retentionMinutes: 24 * 60 },
  /** Daily: the digest of each user who chose one. */
  "mail.digest": { name: "mail.digest", expireInSeconds: 15 * 60, retryLimit: 2, retryDelay: 300 },
  /** Every 15 minutes: "a new reading is open" / "due tomorrow" (lib/notifications/reading-notices.ts). */
  "notices.readings": { name: "notices.readings", expireInSeconds: 5 * 60, retryLimit: 1, retryDelay: 60 },
} satisfies Record<string, QueueSpec>;

export type QueueName = keyof typeof QUEUES;
export const queueSpecs = (): QueueSpec[] => Object.values(QUEUES);
