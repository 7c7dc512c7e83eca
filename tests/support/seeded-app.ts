/** The built app on a throwaway real PostgreSQL seeded with the demo course and accounts —
 *  what the browser tests and the HTTP tests run against. One build (`.next-e2e/`) serves
 *  both, and never disturbs a running `npm start`. */
import { startTestDatabase } from "./test-database";
import { startAppServer } from "../../scripts/lib/app-server";

export const TEST_DIST_DIR = ".next-e2e";

export async function startSeededApp(label: string, env: Record<string, string> = {}) {
  const database = await startTestDatabase(label);
  const { createClient } = await import("../../lib/db");
  const { seedDemo } = await import("../../lib/seed/seed-demo");
  const client = createClient(database.url);
  await seedDemo(client, { withAccounts: true, password: "demo-password" });
  await client.$disconnect();
  const app = await startAppServer({ databaseUrl: database.url, distDir: TEST_DIST_DIR, env });
  return {
    baseUrl: app.baseUrl,
    databaseUrl: database.url,
    async stop() {
      await app.stop();
      await database.stop();
    },
  };
}
