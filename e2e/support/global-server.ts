import type { TestProject } from "vitest/node";
import { startSeededApp } from "../../tests/support/seeded-app";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    e2eDatabaseUrl: string;
  }
}

/** The browser tests run against the real, built app on a throwaway real PostgreSQL,
 *  seeded with the demo course and demo accounts. Limits as deployed, except the ones the
 *  tests' own pace would trip (many posts and sign-ins a minute from one address); the
 *  sign-in backoff per account stays as shipped. */
export default async function setup(project: TestProject) {
  const app = await startSeededApp("e2e", {
    COLLOQUY_RATE_COMMENT: "1000/1m",
    COLLOQUY_RATE_SIGNIN: "1000/1m",
    COLLOQUY_RATE_SIGNIN_IP: "1000/1s/1m",
    COLLOQUY_RATE_IMPORT: "1000/1h",
    COLLOQUY_RATE_SIGNUP: "1000/1h",
    // A quarter-hour notice job would add "new reading open" to bells the tests count.
    COLLOQUY_READING_NOTICES: "off",
  });
  project.provide("baseUrl", app.baseUrl);
  project.provide("e2eDatabaseUrl", app.databaseUrl);
  return () => app.stop();
}
