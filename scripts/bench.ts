/**
 * `npm run bench`: figures, not pass/fail — see docs/BENCHMARKS.md. The sections live in
 * scripts/bench/sections/, listed in scripts/bench/sections.ts.
 */
import { keysMarkdown, parseArgs, runBench, USAGE } from "./bench/run";

if (process.argv.includes("--help")) {
  console.log(USAGE);
  process.exit(0);
}
if (process.argv.includes("--keys")) {
  console.log(keysMarkdown());
  process.exit(0);
}
let options;
try {
  options = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(64);
}
runBench(options).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
