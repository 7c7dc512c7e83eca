// Runs after `npm install` / `npm ci`: generates the Prisma client.
// Prisma's CLI insists on locating a native schema engine even for `generate`, which
// never runs it, and these machines cannot download one (see docs/prisma-wasm.md).
// Point it at any existing file; migrations go through the WASM engine instead.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = require.resolve("@prisma/schema-engine-wasm");
}
const cli = new URL("../node_modules/prisma/build/index.js", import.meta.url).pathname;
const result = spawnSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
