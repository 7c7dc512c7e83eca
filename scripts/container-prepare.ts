/**
 * The container deployment's one-off step (compose.yaml's `prepare` service, docs/DEPLOY.md),
 * run before any app replica starts:
 *   1. apply pending migrations to DATABASE_URL (Prisma's WASM engine, scripts/lib/migrations.ts);
 *   2. unless NEXTAUTH_SECRET is given, make sure COLLOQUY_DATA_DIR (the volume every
 *      replica mounts) holds one session secret, so all replicas sign sessions alike
 *      (deploy/entrypoint.sh reads it).
 * Without the embedded database: DATABASE_URL must be set.
 */
import { applyMigrations } from "./lib/migrations";
import { ensureAuthSecret } from "./lib/secret";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: the container deployment needs its PostgreSQL.");
  const t0 = Date.now();
  const applied = await applyMigrations(url);
  console.log(applied.length ? `[prepare] applied migrations: ${applied.join(", ")} (${Date.now() - t0} ms)` : "[prepare] database schema is up to date");
  const dataDir = process.env.COLLOQUY_DATA_DIR || "/data";
  const { source } = ensureAuthSecret(dataDir);
  console.log(`[prepare] session secret: ${source === "environment" ? "NEXTAUTH_SECRET (environment)" : source}`);
}

// Exit explicitly: the schema engine's connection pool would keep Node alive for ~10 s.
main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`[prepare] ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  },
);
