import type { TestProject } from "vitest/node";
import { startSeededApp, TEST_DIST_DIR } from "../../support/seeded-app";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
  }
}

/** The build the HTTP tests run (shared with the browser tests). */
export const HTTP_DIST_DIR = TEST_DIST_DIR;

/**
 * The HTTP tests (authorization matrix, fuzzing, sessions, limits, headers) run against the
 * real built app on a throwaway real PostgreSQL, over plain HTTP — no browser needed, so
 * they run wherever `npm test` runs. This server has the abuse limits off (the matrix and
 * the fuzzer send far more requests than a person would) and reading notices off (below);
 * tests/http/limits.test.ts starts its own servers with limits on, on the same database.
 */
export default async function setup(project: TestProject) {
  // Reading notices off: their quarter-hourly job writes Reading rows (openNotifiedAt), and a
  // tick landing in a fuzz case or a matrix check read as "a refused request changed data".
  const app = await startSeededApp("http", { COLLOQUY_RATE_LIMITS: "off", COLLOQUY_READING_NOTICES: "off" });
  project.provide("baseUrl", app.baseUrl);
  project.provide("databaseUrl", app.databaseUrl);
  return () => app.stop();
}
