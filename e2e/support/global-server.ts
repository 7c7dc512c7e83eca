import type { TestProject } from "vitest/node";
import { startTestDatabase } from "../../tests/support/test-database";
import { startAppServer } from "../../scripts/lib/app-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    e2eDatabaseUrl: string;
  }
}

/** The browser tests run against the real, built app on a throwaway real PostgreSQL,
 *  seeded with the demo course and demo accounts. */
export default async function setup(project: TestProject) {
  const database = await startTestDatabase("e2e");
  const { createClient } = await import("../../lib/db");
  const { seedDemo } = await import("../../lib/seed/seed-demo");
  const client = createClient(database.url);
  await seedDemo(client, { withAccounts: true, password: "demo-password" });
  await client.$disconnect();
  const app = await startAppServer({ databaseUrl: database.url, distDir: ".next-e2e" });
  project.provide("baseUrl", app.baseUrl);
  project.provide("e2eDatabaseUrl", database.url);
  return async () => {
    await app.stop();
    await database.stop();
  };
}
