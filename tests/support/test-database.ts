/**
 * A throwaway real PostgreSQL for a test run: an embedded cluster under the system temp
 * folder (reachable by root's `postgres` user from any checkout), a fresh database with
 * every migration applied. Removed when the run ends.
 */
import { mkdtempSync, rmSync, chmodSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres";
import { applyMigrations } from "../../scripts/lib/migrations";

export async function startTestDatabase(label: string) {
  if (process.env.TEST_DATABASE_URL) {
    // An external server given for tests: use a fresh database on it.
    const base = new URL(process.env.TEST_DATABASE_URL);
    const name = `colloquy_test_${label}_${Date.now()}`;
    const pg = await import("pg");
    const admin = new pg.default.Client({ connectionString: base.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    base.pathname = `/${name}`;
    const url = base.toString();
    await applyMigrations(url);
    return {
      url,
      async stop() {
        const a = new pg.default.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), `colloquy-${label}-`));
  chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: dir, database: `colloquy_${label}`, fallbackRoot: os.tmpdir() });
  if (server.relocatedFrom) console.log(`[test-db] using ${server.dataDir} (the postgres user cannot reach ${server.relocatedFrom})`);
  const t0 = Date.now();
  await applyMigrations(server.url);
  console.log(`[test-db] ${label}: PostgreSQL on port ${server.port}, migrated in ${Date.now() - t0} ms`);
  return {
    url: server.url,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
      if (server.relocatedFrom) rmSync(server.dataDir, { recursive: true, force: true });
    },
  };
}
