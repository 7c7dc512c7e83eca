/**
 * `npm run restore -- FILE [--replace]`: put a backup made by `npm run backup` into the
 * database (DATABASE_URL, or the embedded one in COLLOQUY_DATA_DIR — the running
 * `npm start`'s, or started just for the restore).
 *   - an empty database gets the backup's schema and data;
 *   - a database that already holds data is replaced only with --replace; with the same
 *     schema this is one transaction, safe while the app runs (it sees the old data until
 *     the commit); with another schema the old one is dropped first — stop the app for that.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { readBackupHeader, restoreDatabase } from "./lib/backup";
import { withDatabase } from "./lib/database";

async function main() {
  const file = process.argv.slice(2).find((a) => !a.startsWith("--"));
  if (!file) throw new Error("say which backup: npm run restore -- backups/colloquy-….backup.gz [--replace]");
  const full = path.resolve(file);
  if (!existsSync(full)) throw new Error(`${full} does not exist`);
  const header = await readBackupHeader(full);
  console.log(`backup of "${header.database}" taken ${header.createdAt} (PostgreSQL ${header.serverVersion}, schema ${header.migrations.at(-1)?.name ?? "empty"})`);
  await withDatabase({ quiet: true, shareRunning: true }, async (url) => {
    const result = await restoreDatabase(url, full, { replace: process.argv.includes("--replace"), log: (l) => console.log(`  ${l}`) });
    const comments = result.rows["public.Comment"] ?? 0;
    console.log(`restored in ${(result.ms / 1000).toFixed(1)} s (${comments.toLocaleString("en")} comments). A running Colloquy sees the restored data now.`);
  });
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`restore failed: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  },
);
