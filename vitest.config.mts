import { defineConfig } from "vitest/config";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(fileURLToPath(import.meta.url));
const alias = {
  "@": root,
  // `server-only` throws outside Next's server bundle; tests call the data layer directly.
  "server-only": path.join(root, "tests/support/empty-module.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        // A timeout here catches a hang, not slowness (speed is measured by `npm run bench`): the
        // default 5 s failed CPU-heavy tests (property runs, 5,000-comment re-anchoring) when CI
        // shared the two cores with another test run.
        test: { name: "unit", include: ["tests/unit/**/*.test.ts", "lib/**/*.test.ts"], environment: "node", testTimeout: 120_000 },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/global-db.ts"],
          setupFiles: ["tests/support/stop-job-sender.ts"],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // Over HTTP against the built app (no browser): authorization matrix, fuzzing,
          // sessions, abuse limits, headers.
          name: "http",
          include: ["tests/http/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/http/support/global-server.ts"],
          fileParallelism: false,
          testTimeout: 120_000,
          // The first run builds the app (a few minutes on 2 shared cores).
          hookTimeout: 900_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["e2e/support/global-server.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          // The first run builds the app (about a minute on 2 cores).
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
