/**
 * What the app sections run against: a throwaway embedded PostgreSQL with every migration,
 * the seeded volume, and the production build (the browser tests' `.next-e2e`, built only
 * when the code changed) served by `next start` with rate limits off.
 */
import pg from "pg";
import { createClient } from "@/lib/db";
import { startTestDatabase } from "@/tests/support/test-database";
import { startAppServer } from "../lib/app-server";
import { getCsrf, signIn, type Csrf } from "../lib/sign-in";
import type { AppEnvironment } from "./types";
import { seedVolume } from "./volume";

export const DIST_DIR = ".next-e2e";
/** Comments in other courses at the start (the growth section's first level). */
export const ELSEWHERE_AT_START = 1_000;

export interface Environment extends AppEnvironment {
  /** The app server's last lines of output (printed when a section fails). */
  serverOutput(): string[];
  /** Seconds spent: building (0 when the build was current), seeding, starting the server. */
  timings: { buildSeconds: number; seedSeconds: number; startSeconds: number };
  stop(): Promise<void>;
}

/** `onStop` gets the stop function at once, so a signal during start-up can stop what has started. */
export async function startEnvironment(log: (line: string) => void, onStop: (stop: () => Promise<void>) => void): Promise<Environment> {
  const stops: (() => Promise<void>)[] = [];
  let stopping: Promise<void> | null = null;
  // Called from the run's end and from a signal handler, maybe both: one stop, in reverse order.
  const stop = () =>
    (stopping ??= (async () => {
      for (const s of [...stops].reverse()) await s().catch((e: unknown) => log(`  (while stopping: ${e instanceof Error ? e.message : String(e)})`));
    })());
  onStop(stop);
  try {
    const t0 = performance.now();
    const database = await startTestDatabase("bench");
    stops.push(() => database.stop());
    const db = createClient(database.url);
    stops.push(() => db.$disconnect());
    const sql = new pg.Pool({ connectionString: database.url, max: 4 });
    stops.push(() => sql.end());
    const volume = await seedVolume({ db, sql, elsewhere: ELSEWHERE_AT_START, log: (l) => log(`[seed] ${l}`) });
    const seedSeconds = (performance.now() - t0) / 1000;

    const t1 = performance.now();
    let buildSeconds = 0;
    const app = await startAppServer({
      databaseUrl: database.url,
      distDir: DIST_DIR,
      env: { COLLOQUY_RATE_LIMITS: "off" },
      log: (line) => {
        const built = /built in ([\d.]+) s/.exec(line);
        if (built) buildSeconds = Number(built[1]);
        log(line);
      },
    });
    stops.push(() => app.stop());
    void app.exited.then(({ code, signal }) => {
      if (stopping === null) log(`!! the app server exited (${signal ?? code}) in the middle of the run; its last output:\n${lastLines(app.output(), 15).join("\n")}`);
    });
    const startSeconds = (performance.now() - t1) / 1000 - buildSeconds;

    const sessions = new Map<string, Promise<string>>();
    const session = (email: string, csrf?: Csrf) => {
      if (!sessions.has(email)) {
        // A failed sign-in is not kept: the next section tries again.
        sessions.set(
          email,
          signIn(app.baseUrl, email, volume.password, { csrf, confirm: !csrf }).catch((error: unknown) => {
            sessions.delete(email);
            throw error;
          }),
        );
      }
      return sessions.get(email)!;
    };
    return {
      baseUrl: app.baseUrl,
      distDir: DIST_DIR,
      db,
      sql,
      databaseUrl: database.url,
      serverPid: app.pid,
      volume,
      session: (email) => session(email),
      async sessions(emails) {
        // One CSRF pair for all, and the first sign-in confirmed through /api/auth/session.
        const csrf = await getCsrf(app.baseUrl);
        const cookies = [await session(emails[0]!)];
        for (let i = 1; i < emails.length; i += 4) cookies.push(...(await Promise.all(emails.slice(i, i + 4).map((e) => session(e, csrf)))));
        return cookies;
      },
      serverOutput: () => lastLines(app.output(), 40),
      timings: { buildSeconds, seedSeconds, startSeconds },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

const lastLines = (text: string, n: number) => text.split("\n").filter(Boolean).slice(-n);
