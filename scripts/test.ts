/**
 * `npm test`: every suite — unit, integration (real PostgreSQL), http (the built app over
 * HTTP: authorization matrix, fuzzing, sessions, abuse limits, headers — no browser
 * needed), browser end-to-end (real Chromium against the built app). Browser tests are
 * skipped only where no Chromium exists, loudly; E2E=required (set by .ci/run) makes that
 * a failure.
 *   npm test -- --only unit|integration|http|e2e
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { findChromium } from "./lib/chromium";

const root = path.resolve(__dirname, "..");
const SUITES = ["unit", "integration", "http", "e2e"];
const only = process.argv.includes("--only") ? (process.argv[process.argv.indexOf("--only") + 1] ?? "") : null;
if (only !== null && !SUITES.includes(only)) {
  console.error(`npm test -- --only needs one of: ${SUITES.join(", ")} (got "${only}")`);
  process.exit(64);
}
const vitest = path.join(root, "node_modules/vitest/vitest.mjs");
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function run(projects: string[]): number {
  const args = [vitest, "run", ...projects.flatMap((p) => ["--project", p])];
  console.log(`\n▶ vitest ${projects.join(" + ")}`);
  return spawnSync(process.execPath, args, { cwd: root, env, stdio: "inherit" }).status ?? 1;
}

const results: { suite: string; status: "passed" | "failed" | "skipped" }[] = [];
const fast = ["unit", "integration"].filter((p) => !only || only === p);
if (fast.length) {
  const code = run(fast);
  results.push({ suite: fast.join(" + "), status: code === 0 ? "passed" : "failed" });
}

if (!only || only === "http") {
  const code = run(["http"]);
  results.push({ suite: "http", status: code === 0 ? "passed" : "failed" });
}

if (!only || only === "e2e") {
  const chromium = findChromium();
  if (!chromium) {
    const banner = [
      "",
      "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
      "!!  BROWSER TESTS SKIPPED: no Chromium found (CHROME_PATH or /usr/bin/chromium).",
      "!!  Install it (Debian: apt-get install -y chromium) to run them.",
      "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
      "",
    ].join("\n");
    console.error(banner);
    if (process.env.E2E === "required") {
      console.error("E2E=required: a missing browser is a failure.");
      results.push({ suite: "e2e", status: "failed" });
    } else {
      results.push({ suite: "e2e", status: "skipped" });
    }
  } else {
    env.CHROME_PATH = chromium;
    const code = run(["e2e"]);
    results.push({ suite: "e2e", status: code === 0 ? "passed" : "failed" });
  }
}

console.log("\nSuites:");
for (const r of results) console.log(`  ${r.status.padEnd(8)} ${r.suite}`);
const failed = results.filter((r) => r.status === "failed").length;
if (results.length === 0) {
  console.error("no suite ran");
  process.exit(1);
}
process.exit(failed ? 1 : 0);
