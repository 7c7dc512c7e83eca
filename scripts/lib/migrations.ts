/**
 * Migration runner on Prisma's own WASM schema engine (@prisma/schema-engine-wasm),
 * driven through @prisma/adapter-pg.
 *
 * Why: every `prisma migrate` CLI command first downloads a native schema engine, which
 * these machines cannot reach. The WASM build of the same engine ships on npm. It writes
 * ordinary `prisma/migrations/<timestamp>_<name>/migration.sql` files and records applied
 * migrations in `_prisma_migrations`, exactly as `prisma migrate deploy` does, so the
 * native CLI can take over wherever it is available. See docs/prisma-wasm.md.
 *
 * Load-bearing: covered by tests/integration/migrations.test.ts.
 */
import { readFile, readdir, mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type * as Engine from "@prisma/schema-engine-wasm";

const root = path.resolve(__dirname, "../..");
export const migrationsDir = path.join(root, "prisma/migrations");
export const schemaPath = path.join(root, "prisma/schema.prisma");
const filters = { externalTables: [], externalEnums: [] };

let engineModule: Promise<typeof Engine> | undefined;

/** wasm-bindgen's "bundler" output imports the .wasm file as a module, which Node cannot
 *  do; instantiate it by hand and hand the instance to the generated glue. */
async function loadEngineModule(): Promise<typeof Engine> {
  engineModule ??= (async () => {
    const require = createRequire(__filename);
    const entry = require.resolve("@prisma/schema-engine-wasm");
    const glue = (await import(path.join(path.dirname(entry), "schema_engine_bg.js"))) as typeof Engine & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const bytes = await readFile(path.join(path.dirname(entry), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return engineModule;
}

/** adapter-pg over a pool we own, so it can be closed (an idle pg pool keeps Node alive
 *  for 10 s). No shadow database is ever needed: new migrations are diffed schema → schema
 *  (see createMigration), so asking for one is a programming error, said plainly. */
class MigrationAdapterFactory extends PrismaPg {
  constructor(readonly pool: pg.Pool) {
    super(pool);
  }
  override async connectToShadowDb(): Promise<never> {
    throw new Error("the migration runner does not use a shadow database (diffs are schema → schema)");
  }
}

async function withEngine<T>(url: string, schema: string | null, run: (engine: Engine.SchemaEngine) => Promise<T>): Promise<T> {
  const mod = await loadEngineModule();
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const factory = new MigrationAdapterFactory(pool);
  const engine = await mod.SchemaEngine.new(
    { datamodels: schema ? [[schemaPath, schema]] : undefined },
    () => {},
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await run(engine);
  } finally {
    engine.free();
    await pool.end().catch(() => {});
  }
}

export async function loadMigrationList(): Promise<Engine.MigrationList> {
  await mkdir(migrationsDir, { recursive: true });
  const names = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const migrationDirectories: Engine.MigrationDirectory[] = [];
  for (const name of names) {
    const content = await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8").then(
      (value) => ({ tag: "ok" as const, value }),
      (e: Error) => ({ tag: "error" as const, value: e.message }),
    );
    migrationDirectories.push({ path: name, migrationFile: { path: "migration.sql", content } });
  }
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  const lockContent = await readFile(lockPath, "utf8").catch(() => null);
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

/** Apply every pending migration (like `prisma migrate deploy`). Returns the names applied. */
export async function applyMigrations(url: string): Promise<string[]> {
  return applyList(url, await loadMigrationList());
}

/** Apply migrations given as text rather than read from prisma/migrations — a restore
 *  recreates the schema a backup was taken at (scripts/lib/backup.ts). */
export async function applyMigrationList(url: string, migrations: { name: string; sql: string }[]): Promise<string[]> {
  return applyList(url, {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: 'provider = "postgresql"\n' },
    shadowDbInitScript: "",
    migrationDirectories: migrations.map((m) => ({ path: m.name, migrationFile: { path: "migration.sql", content: { tag: "ok" as const, value: m.sql } } })),
  });
}

async function applyList(url: string, migrationsList: Engine.MigrationList): Promise<string[]> {
  return withEngine(url, null, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList, filters });
    return out.appliedMigrationNames;
  });
}

/** The schema the committed migrations produce: each migration folder keeps a copy of the
 *  schema.prisma it was generated from (schema.snapshot.prisma). Diffing schema → schema
 *  needs no introspection, which through adapter-pg fails on Postgres' "char" type. */
async function lastSnapshot(list: Engine.MigrationList): Promise<string | null> {
  const last = list.migrationDirectories.at(-1);
  if (!last) return null;
  return readFile(path.join(migrationsDir, last.path, SNAPSHOT), "utf8");
}

const SNAPSHOT = "schema.snapshot.prisma";

/** Write a new migration: SQL from (schema of the last migration) → (schema.prisma).
 *  Returns the new folder name, or null when the schema has no changes. */
export async function createMigration(url: string, name: string): Promise<string | null> {
  const migrationsList = await loadMigrationList();
  const schema = await readFile(schemaPath, "utf8");
  const previous = await lastSnapshot(migrationsList);
  const script = await withEngine(url, schema, async (engine) => {
    const from: Engine.DiffTarget =
      previous === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: schemaPath, content: previous }] };
    const result = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: true,
      filters,
    });
    return result.exitCode === 2 ? result.stdout : null;
  });
  if (!script) return null;
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const folder = `${stamp}_${name.replace(/[^a-z0-9_]+/gi, "_").toLowerCase()}`;
  await mkdir(path.join(migrationsDir, folder), { recursive: true });
  await writeFile(path.join(migrationsDir, folder, "migration.sql"), script);
  await writeFile(path.join(migrationsDir, folder, SNAPSHOT), schema);
  await writeFile(
    path.join(migrationsDir, "migration_lock.toml"),
    '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
  );
  return folder;
}
