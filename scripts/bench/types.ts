/**
 * What a benchmark section is. One file per section in scripts/bench/sections/, registered
 * in the one list in scripts/bench/sections.ts; docs/BENCHMARKS.md says how to add one.
 */
import type pg from "pg";
import type { Db } from "@/lib/db";
import type { Volume } from "./volume";

export interface Figure {
  /** The number reported under `key` in the JSON (the median when there are several runs). */
  value: number;
  /** Every run's value, when the figure was measured more than once (the noise). */
  runs?: number[];
}

export interface BenchContext {
  /** `--quick`: shorter runs and fewer repeats, for iterating; figures are rougher. */
  quick: boolean;
  /** Report a figure under a key the section declared in `keys`. */
  figure(key: string, value: number, runs?: number[]): void;
  /** A line of the text report (indented under the section's title). */
  line(text: string): void;
  /** Stop this section: none of its unreported keys can be measured now, for `reason`.
   *  The JSON omits them (and lists them under "omitted"); the text report says why. */
  skip(reason: string): never;
}

/** The running app, its database and the seeded volume (scripts/bench/environment.ts). */
export interface AppEnvironment {
  /** The production build, served by `next start` (COLLOQUY_RATE_LIMITS=off). */
  baseUrl: string;
  /** The build folder the server serves (for the client section's script sizes). */
  distDir: string;
  /** The app's database: Prisma (the app's own client) and a pg pool for raw SQL. */
  db: Db;
  sql: pg.Pool;
  /** The database's address (for sections that run the job queue themselves). */
  databaseUrl: string;
  /** The app server's process id (for its resident memory). */
  serverPid: number | undefined;
  volume: Volume;
  /** A signed-in session cookie for a seeded account (signed in through next-auth once, then cached). */
  session(email: string): Promise<string>;
  /** Sessions for many accounts, a few sign-ins at a time (each is an Argon2 check on the server). */
  sessions(emails: string[]): Promise<string[]>;
}

/** What sections that need the running app get. */
export interface AppBenchContext extends BenchContext, AppEnvironment {}

interface SectionBase {
  /** Short id for `--only`/`--skip` (e.g. "page"). */
  id: string;
  title: string;
  /** Every key the section may report, with what it means (unit included). */
  keys: Record<string, string>;
}

export type BenchSection =
  | (SectionBase & { needs: "nothing"; run(ctx: BenchContext): Promise<void> })
  | (SectionBase & { needs: "app"; run(ctx: AppBenchContext): Promise<void> });

/** Thrown by `skip()`; the runner catches it. */
export class SectionSkipped extends Error {}
