/**
 * `npm run migrate`              apply pending migrations to DATABASE_URL (or the embedded database)
 * `npm run migrate:new -- NAME`  write prisma/migrations/<stamp>_NAME from schema.prisma changes
 */
import { applyMigrations, createMigration } from "./lib/migrations";
import { withDatabase } from "./lib/database";

async function main() {
  const args = process.argv.slice(2);
  const create = args.includes("--create");
  const name = args.find((a) => !a.startsWith("--")) ?? "change";
  await withDatabase({ quiet: false }, async (url) => {
    if (create) {
      const folder = await createMigration(url, name);
      console.log(folder ? `wrote prisma/migrations/${folder}/migration.sql` : "schema.prisma has no changes: no migration written");
      // Apply it too, so the local database matches the schema.
    }
    const applied = await applyMigrations(url);
    console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
  });
}

// Exit explicitly: the schema engine's connection pool would keep Node alive for ~10 s.
main().then(() => process.exit(0), (e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
