/**
 * Keeps one child process running: when it dies without being asked to stop, it is
 * started again after a backoff that grows while it keeps dying quickly, with one log line
 * each time. Used by `npm start` for PostgreSQL and for the web server.
 *
 * A child that stays up for `stableAfterMs` has its failure count reset, so a crash a day
 * restarts at once; a child that cannot stay up (broken build, port taken) is given up on
 * after `maxQuickFailures` restarts in a row and `onGiveUp` is called.
 */
export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningChild {
  pid: number | undefined;
  /** Resolves when the process exits, for whatever reason. */
  exited: Promise<ExitInfo>;
  /** Ask it to stop (gracefully, escalating); resolves once it has exited. */
  stop(): Promise<void>;
}

export interface SupervisorOptions {
  /** How the child is called in log lines ("PostgreSQL", "the web server"). */
  name: string;
  start(): Promise<RunningChild>;
  log(line: string): void;
  /** Delays before each successive restart, in ms; the last one repeats. */
  backoffMs?: number[];
  stableAfterMs?: number;
  maxQuickFailures?: number;
  /** Called after a (re)start succeeded. */
  onStarted?(child: RunningChild, restart: number): void;
  /** Called when the child could not be kept up; the supervisor has stopped trying. */
  onGiveUp?(reason: string): void;
}

export const DEFAULT_BACKOFF_MS = [250, 500, 1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

export const describeExit = (e: ExitInfo) => (e.signal ? `killed by ${e.signal}` : `exit code ${e.code}`);

export class Supervisor {
  private child: RunningChild | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;
  private failures = 0;
  restarts = 0;

  constructor(private readonly options: SupervisorOptions) {}

  get current(): RunningChild | null {
    return this.child;
  }

  /** First start: errors are thrown to the caller (start-up fails with its message). */
  async start(): Promise<RunningChild> {
    const child = await this.options.start();
    this.adopt(child);
    this.options.onStarted?.(child, 0);
    return child;
  }

  private adopt(child: RunningChild) {
    this.child = child;
    const startedAt = Date.now();
    void child.exited.then((exit) => this.onExit(child, exit, startedAt));
  }

  private async onExit(child: RunningChild, exit: ExitInfo, startedAt: number) {
    if (this.child !== child || this.stopping) return;
    this.child = null;
    if (Date.now() - startedAt >= (this.options.stableAfterMs ?? 30_000)) this.failures = 0;
    await this.restartAfter(`${this.options.name} stopped unexpectedly (${describeExit(exit)}, pid ${child.pid})`);
  }

  private async restartAfter(reason: string) {
    const { name, log } = this.options;
    const backoff = this.options.backoffMs ?? DEFAULT_BACKOFF_MS;
    for (;;) {
      if (this.stopping) return;
      if (this.failures >= (this.options.maxQuickFailures ?? 10)) {
        log(`${reason}; it failed ${this.failures} times in a row — giving up.`);
        this.options.onGiveUp?.(`${name} could not be kept running`);
        return;
      }
      const delay = backoff[Math.min(this.failures, backoff.length - 1)]!;
      this.failures += 1;
      log(`${reason}; restarting it in ${(delay / 1000).toFixed(delay < 1000 ? 2 : 0)} s (restart ${this.restarts + 1}).`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
      if (this.stopping) return;
      const t0 = Date.now();
      try {
        const child = await this.options.start();
        if (this.stopping) {
          await child.stop();
          return;
        }
        this.restarts += 1;
        this.adopt(child);
        log(`${name} is back (pid ${child.pid}, started in ${((Date.now() - t0) / 1000).toFixed(1)} s).`);
        this.options.onStarted?.(child, this.restarts);
        return;
      } catch (error) {
        reason = `${name} could not be restarted: ${error instanceof Error ? error.message.split("\n")[0] : error}`;
      }
    }
  }

  /** Stop for good: no more restarts; stops the child if it runs. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    const child = this.child;
    this.child = null;
    if (child) await child.stop();
  }
}
