/**
 * `npm run backup [-- --out FILE]`: a consistent backup of Colloquy's database, taken while
 * the app runs. The database is DATABASE_URL, or the embedded one in COLLOQUY_DATA_DIR (the
 * running `npm start`'s, or started just for the backup). Default file:
 * backups/colloquy-<UTC time>.backup.gz. What it holds and why: scripts/lib/backup.ts.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { backupDatabase } from "./lib/backup";
import { projectRoot, withDatabase } from "./lib/database";

async function main() {
  const i = process.argv.indexOf("--out");
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  const file = path.resolve(i > 0 ? process.argv[i + 1]! : path.join(projectRoot, "backups", `colloquy-${stamp}.backup.gz`));
  mkdirSync(path.dirname(file), { recursive: true });
  await withDatabase({ quiet: true, shareRunning: true }, async (url) => {
    const result = await backupDatabase(url, file);
    const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
    const comments = result.rows["public.Comment"] ?? 0;
    console.log(`backup written: ${result.file}`);
    console.log(`  ${total.toLocaleString("en")} rows in ${Object.keys(result.rows).length} tables (${comments.toLocaleString("en")} comments), ${(result.bytes / 1024).toFixed(0)} KB, ${(result.ms / 1000).toFixed(1)} s`);
    const relative = path.relative(process.cwd(), result.file);
    console.log(`  restore with: npm run restore -- ${relative.startsWith("..") ? result.file : relative}`);
  });
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`backup failed: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  },
);
