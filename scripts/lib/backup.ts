/**
 * Backups of Colloquy's database: a logical dump through PostgreSQL's COPY, restored in
 * one transaction. Used by `npm run backup` / `npm run restore` (docs/OPERATIONS.md).
 *
 * Why logical (COPY) and not physical (pg_backup_start/stop + a copy of the data folder):
 *  - it works the same for the embedded database and for any DATABASE_URL, including a
 *    managed server whose files we cannot reach; a physical copy needs the data folder;
 *  - it needs nothing but a connection: the embedded package ships no pg_dump, and
 *    Debian's client (15) refuses a server 18;
 *  - it is taken while the app runs, from one REPEATABLE READ snapshot, so it is
 *    consistent without stopping anyone; a physical copy also needs the WAL written
 *    during the copy, kept and shipped with it;
 *  - it restores into any later PostgreSQL, and its restore is one transaction: the
 *    target has either all of the backup or none of it, even under a running app.
 * What it costs: it holds only the data and the migrations that made the schema (ours are
 * all in prisma/migrations), not roles or server settings; and large databases restore
 * slower than a file copy. At a class's scale that is seconds.
 *
 * The file: gzip of
 *   COLLOQUY-BACKUP 1
 *   {header: when, server, migrations (name, checksum, SQL), job-queue schema version}
 *   TABLE {schema, table, columns}      then the table's rows in COPY text format, then \.
 *   …
 *   END {rows per table, sha256 of everything above this line}
 * COPY's text format escapes backslashes, tabs and newlines inside values, so every row is
 * one line and no row can look like `\.` or like a TABLE/END line.
 */
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, renameSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform, type Readable } from "node:stream";
import readline from "node:readline";
import { createGunzip, createGzip } from "node:zlib";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { applyMigrationList, migrationsDir } from "./migrations";

const MAGIC = "COLLOQUY-BACKUP 1";
/** The schemas that hold Colloquy's data: the app's tables and the job queue's. */
const SCHEMAS = ["public", "pgboss"];
/** Rebuilt by the migrations themselves, or kept by the target: never copied. */
const SKIP = new Set(["public._prisma_migrations", "pgboss.version"]);

export interface BackupHeader {
  format: 1;
  createdAt: string;
  serverVersion: string;
  database: string;
  migrations: { name: string; checksum: string; sql: string | null }[];
  /** pg-boss's schema version, when the job queue exists. */
  jobQueueVersion: number | null;
}

interface TableInfo {
  schema: string;
  table: string;
  columns: string[];
}

export interface BackupResult {
  file: string;
  bytes: number;
  rows: Record<string, number>;
  ms: number;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const qualified = (t: { schema: string; table: string }) => `${ident(t.schema)}.${ident(t.table)}`;
const key = (t: { schema: string; table: string }) => `${t.schema}.${t.table}`;

/** Tables with data (partitioned parents count once; their partitions are never listed). */
async function listTables(client: pg.ClientBase): Promise<TableInfo[]> {
  const { rows } = await client.query<{ schema: string; table: string; columns: string[] }>(
    `SELECT n.nspname AS schema, c.relname AS table,
            array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      GROUP BY n.nspname, c.relname
      ORDER BY n.nspname, c.relname`,
    [SCHEMAS],
  );
  return rows.filter((t) => !SKIP.has(key(t)));
}

/** Order tables so that every table comes after the tables its foreign keys point to. */
async function dependencyOrder(client: pg.ClientBase, tables: TableInfo[]): Promise<TableInfo[]> {
  const { rows } = await client.query<{ child: string; parent: string }>(
    // A partition's foreign keys count for its partitioned parent (pgboss.job → pgboss.queue).
    `SELECT DISTINCT cn.nspname || '.' || cc.relname AS child, pn.nspname || '.' || pc.relname AS parent
       FROM pg_constraint k
       JOIN pg_class cc ON cc.oid = coalesce(pg_partition_root(k.conrelid), k.conrelid) JOIN pg_namespace cn ON cn.oid = cc.relnamespace
       JOIN pg_class pc ON pc.oid = coalesce(pg_partition_root(k.confrelid), k.confrelid) JOIN pg_namespace pn ON pn.oid = pc.relnamespace
      WHERE k.contype = 'f' AND cn.nspname = ANY($1)`,
    [SCHEMAS],
  );
  const byKey = new Map(tables.map((t) => [key(t), t]));
  const parents = new Map<string, Set<string>>();
  for (const r of rows) if (r.child !== r.parent && byKey.has(r.parent)) parents.set(r.child, (parents.get(r.child) ?? new Set()).add(r.parent));
  const ordered: TableInfo[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (k: string) => {
    if (state.get(k) === "done") return;
    if (state.get(k) === "visiting") throw new Error(`foreign keys form a cycle through ${k}; cannot order the restore`);
    state.set(k, "visiting");
    for (const p of parents.get(k) ?? []) visit(p);
    state.set(k, "done");
    const t = byKey.get(k);
    if (t) ordered.push(t);
  };
  for (const t of tables) visit(key(t));
  return ordered;
}

async function readHeader(client: pg.ClientBase): Promise<BackupHeader> {
  const server = await client.query<{ server_version: string; db: string }>("SELECT current_setting('server_version') AS server_version, current_database() AS db");
  const hasMigrations = (await client.query("SELECT to_regclass('public._prisma_migrations') AS t")).rows[0].t !== null;
  const applied = hasMigrations
    ? (
        await client.query<{ name: string; checksum: string }>(
          "SELECT migration_name AS name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name",
        )
      ).rows
    : [];
  const migrations = await Promise.all(
    applied.map(async (m) => {
      const sql = await readFile(path.join(migrationsDir, m.name, "migration.sql"), "utf8").catch(() => null);
      const matches = sql !== null && createHash("sha256").update(sql).digest("hex") === m.checksum;
      return { name: m.name, checksum: m.checksum, sql: matches ? sql : null };
    }),
  );
  const hasQueue = (await client.query("SELECT to_regclass('pgboss.version') AS t")).rows[0].t !== null;
  const jobQueueVersion = hasQueue ? Number((await client.query("SELECT version FROM pgboss.version")).rows[0]?.version ?? null) : null;
  return { format: 1, createdAt: new Date().toISOString(), serverVersion: server.rows[0]!.server_version, database: server.rows[0]!.db, migrations, jobQueueVersion };
}

/** Write a backup of the database at `url` to `file` (gzip), from one consistent snapshot,
 *  while the app keeps running. The file appears only when complete. */
export async function backupDatabase(url: string, file: string): Promise<BackupResult> {
  const t0 = Date.now();
  const client = new pg.Client({ connectionString: url, application_name: "colloquy-backup" });
  await client.connect();
  const partial = `${file}.partial`;
  const hash = createHash("sha256");
  const rows: Record<string, number> = {};
  const gzip = createGzip();
  const out = createWriteStream(partial, { mode: 0o600 });
  const written = pipeline(gzip, out);
  const write = (text: string) => {
    hash.update(text);
    if (!gzip.write(text)) return new Promise<void>((r) => gzip.once("drain", () => r()));
  };
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const header = await readHeader(client);
    const missing = header.migrations.filter((m) => m.sql === null).map((m) => m.name);
    if (missing.length) {
      console.warn(`[backup] no matching migration.sql in this checkout for ${missing.join(", ")}: the backup restores only into a database that already has that schema`);
    }
    await write(`${MAGIC}\n${JSON.stringify(header)}\n`);
    // Parents before children, so the restore can load each table with its foreign keys on.
    for (const table of await dependencyOrder(client, await listTables(client))) {
      await write(`TABLE ${JSON.stringify(table)}\n`);
      let count = 0;
      const copy = client.query(copyTo(`COPY (SELECT ${table.columns.map(ident).join(", ")} FROM ${qualified(table)}) TO STDOUT`));
      const counter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) count++;
          done(null, chunk);
        },
      });
      await pipeline(copy, counter, async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) if (!gzip.write(chunk)) await new Promise((r) => gzip.once("drain", r));
      });
      rows[key(table)] = count;
      await write("\\.\n");
    }
    await client.query("COMMIT");
    const digest = hash.copy().digest("hex");
    gzip.end(`END ${JSON.stringify({ rows, sha256: digest })}\n`);
    await written;
    renameSync(partial, file);
  } catch (error) {
    gzip.destroy();
    await written.catch(() => {});
    rmSync(partial, { force: true });
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
  const { size } = await import("node:fs").then((fs) => fs.statSync(file));
  return { file, bytes: size, rows, ms: Date.now() - t0 };
}

export interface RestoreOptions {
  /** Replace a database that already holds data (or another schema). */
  replace?: boolean;
  log?: (line: string) => void;
}

export interface RestoreResult {
  header: BackupHeader;
  rows: Record<string, number>;
  ms: number;
}

/** The lines of a gzip backup file, one at a time (without their newline). */
function lines(file: string): AsyncIterator<string> {
  const input: Readable = createReadStream(file).pipe(createGunzip());
  return readline.createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
}

/** JSON from a TABLE/END/header line; anything unreadable means a damaged file. */
function parseLine<T>(text: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`the backup file is damaged (its ${what} is not readable). Nothing was restored.`);
  }
}

async function next(it: AsyncIterator<string>, what: string): Promise<string> {
  const r = await it.next();
  if (r.done) throw new Error(`the backup file ends early (expected ${what}): it is incomplete or damaged`);
  return r.value;
}

/** Read only the header (to say what a file holds before restoring it). */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const it = lines(file);
  try {
    if ((await next(it, "the first line")) !== MAGIC) throw new Error(`${file} is not a Colloquy backup, or it is damaged`);
    return parseLine<BackupHeader>(await next(it, "the header"), "header");
  } finally {
    await it.return?.();
  }
}

/** Prepare the target's schema: fresh → the backup's migrations; same migrations → as is;
 *  anything else only with `replace` (the old schemas are dropped). */
async function prepareSchema(client: pg.Client, url: string, header: BackupHeader, options: RestoreOptions) {
  const log = options.log ?? (() => {});
  const tables = await listTables(client);
  const hasMigrations = (await client.query("SELECT to_regclass('public._prisma_migrations') AS t")).rows[0].t !== null;
  const applied = hasMigrations ? (await client.query<{ name: string; checksum: string }>("SELECT migration_name AS name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name")).rows : [];
  const sameSchema =
    applied.length === header.migrations.length && applied.every((m, i) => m.name === header.migrations[i]!.name && m.checksum === header.migrations[i]!.checksum);
  const empty = tables.filter((t) => t.schema === "public").length === 0;
  if (sameSchema && !empty) return;
  if (!empty && !options.replace) {
    throw new Error(
      `This database holds a different schema (migrations ${applied.at(-1)?.name ?? "none"}; the backup has ${header.migrations.at(-1)?.name ?? "none"}). ` +
        `Restore into an empty database, or pass --replace to drop what is there and restore the backup's schema and data (stop the app first).`,
    );
  }
  const missing = header.migrations.filter((m) => m.sql === null);
  if (missing.length) throw new Error(`The backup does not carry the SQL of ${missing.map((m) => m.name).join(", ")}, so it can only be restored into a database that already has that schema.`);
  if (!empty) {
    log("dropping the old schema (--replace)…");
    await client.query("DROP SCHEMA IF EXISTS pgboss CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public");
  }
  log(`creating the schema: ${header.migrations.length} migration(s)…`);
  await applyMigrationList(url, header.migrations.map((m) => ({ name: m.name, sql: m.sql! })));
}

/** The job queue's schema at the backup's version (made by pg-boss itself when absent). */
async function prepareJobQueue(client: pg.Client, url: string, header: BackupHeader) {
  if (header.jobQueueVersion === null) return;
  let version = (await client.query("SELECT to_regclass('pgboss.version') AS t")).rows[0].t !== null ? Number((await client.query("SELECT version FROM pgboss.version")).rows[0]?.version) : null;
  if (version === null) {
    const { createBoss } = await import("../../lib/jobs/queue");
    const boss = createBoss({ url, runner: false });
    await boss.start();
    await boss.stop({ graceful: false, wait: true });
    version = Number((await client.query("SELECT version FROM pgboss.version")).rows[0]?.version);
  }
  if (version !== header.jobQueueVersion) {
    throw new Error(`The backup's job queue schema is version ${header.jobQueueVersion}, this database's is ${version} (a different pg-boss). Restore with the Colloquy version that made the backup.`);
  }
}

/**
 * Restore `file` into the database at `url`. The data goes in inside one transaction — the
 * target ends with all of the backup or, on any error (a damaged file, a checksum or row
 * count that does not match), exactly what it had — so it is safe under a running app,
 * which sees the old data until the commit and the restored data after it.
 */
export async function restoreDatabase(url: string, file: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const t0 = Date.now();
  const log = options.log ?? (() => {});
  const header = await readBackupHeader(file);
  const client = new pg.Client({ connectionString: url, application_name: "colloquy-restore" });
  await client.connect();
  /** The table's COPY in progress, if any (ended before the next table starts). */
  let copying: unknown = null;
  try {
    await prepareSchema(client, url, header, options);
    await prepareJobQueue(client, url, header);

    const it = lines(file);
    const hash = createHash("sha256");
    const take = async (what: string) => {
      const line = await next(it, what);
      hash.update(line + "\n");
      return line;
    };
    await take("the first line");
    await take("the header");

    await client.query("BEGIN");
    const tables = await listTables(client);
    let hasData = false;
    for (const t of tables) if (!hasData) hasData = (await client.query(`SELECT EXISTS (SELECT 1 FROM ${qualified(t)}) AS e`)).rows[0].e as boolean;
    if (hasData && !options.replace) {
      throw new Error("This database already holds data. Pass --replace to replace it with the backup (in one transaction: the app sees the old data until the restore commits).");
    }
    // Queues are rows plus one partition each (pg-boss's own functions keep both in step).
    const restoredQueues: string[] = [];
    const rows: Record<string, number> = {};
    const seen: TableInfo[] = [];
    for (;;) {
      const line = await next(it, "a table or the end");
      if (line.startsWith("END ")) {
        const trailer = parseLine<{ rows: Record<string, number>; sha256: string }>(line.slice(4), "last line");
        if (trailer.sha256 !== hash.digest("hex")) throw new Error("the backup's checksum does not match its contents: the file is damaged. Nothing was restored.");
        for (const [k, n] of Object.entries(trailer.rows)) {
          if (rows[k] !== n) throw new Error(`table ${k}: the backup says ${n} rows, ${rows[k] ?? 0} were read. Nothing was restored.`);
        }
        break;
      }
      hash.update(line + "\n");
      if (!line.startsWith("TABLE ")) throw new Error("the backup file is damaged (expected a TABLE line). Nothing was restored.");
      const table = parseLine<TableInfo>(line.slice(6), "table line");
      seen.push(table);
      if (!tables.some((t) => key(t) === key(table))) throw new Error(`the backup holds table ${key(table)}, which this database's schema does not have`);
      if (seen.length === 1) await truncateAll(client, tables);
      const into = key(table) === "pgboss.queue" ? "pg_temp.restore_queue" : qualified(table);
      if (key(table) === "pgboss.queue") await client.query("CREATE TEMP TABLE restore_queue (LIKE pgboss.queue) ON COMMIT DROP");
      const copy = client.query(copyFrom(`COPY ${into} (${table.columns.map(ident).join(", ")}) FROM STDIN`));
      copying = copy;
      let count = 0;
      let failed: Error | null = null;
      copy.on("error", (e: Error) => (failed = e));
      for (;;) {
        const row = await next(it, `the rows of ${key(table)}`);
        hash.update(row + "\n");
        if (row === "\\.") break;
        count++;
        if (!copy.write(row + "\n")) await new Promise<void>((r, j) => (copy.once("drain", r), copy.once("error", j)));
        if (failed) throw failed;
      }
      await new Promise<void>((resolve, reject) => {
        copy.once("finish", resolve);
        copy.once("error", reject);
        copy.end();
      });
      copying = null;
      rows[key(table)] = count;
      if (key(table) === "pgboss.queue") restoredQueues.push(...(await restoreQueues(client, table)));
    }
    await it.return?.();
    if (seen.length === 0) await truncateAll(client, tables);
    await resetSequences(client);
    await client.query("COMMIT");
    log(`restored ${Object.values(rows).reduce((a, b) => a + b, 0)} rows in ${seen.length} tables${restoredQueues.length ? ` (${restoredQueues.length} job queues)` : ""}`);
    return { header, rows, ms: Date.now() - t0 };
  } catch (error) {
    // A file that ends in the middle of a table's rows leaves its COPY open on the connection,
    // and a ROLLBACK queued behind it would wait forever: the COPY is failed first (CopyFail),
    // then the transaction rolled back — and the connection closed regardless, which rolls
    // back whatever is left.
    const open = copying as import("node:stream").Writable | null;
    if (open) await new Promise<void>((resolve) => open.once("close", resolve).destroy(new Error("restore stopped"))).catch(() => {});
    await Promise.race([client.query("ROLLBACK").catch(() => {}), new Promise((r) => setTimeout(r, 5_000).unref())]);
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Empty every table that will be restored (pgboss.queue is reconciled instead: its rows own
 *  the job partitions). */
async function truncateAll(client: pg.Client, tables: TableInfo[]) {
  const targets = tables.filter((t) => key(t) !== "pgboss.queue");
  if (targets.length) await client.query(`TRUNCATE ${targets.map(qualified).join(", ")}`);
}

/** Make pgboss.queue hold exactly the backup's queues (from the temp table), creating and
 *  dropping queues — and their job partitions — through pg-boss's own functions. */
async function restoreQueues(client: pg.Client, table: TableInfo): Promise<string[]> {
  await client.query("SELECT pgboss.delete_queue(name) FROM pgboss.queue WHERE name NOT IN (SELECT name FROM pg_temp.restore_queue)");
  await client.query("SELECT pgboss.create_queue(name, '{}'::json) FROM pg_temp.restore_queue WHERE name NOT IN (SELECT name FROM pgboss.queue)");
  const settable = table.columns.filter((c) => c !== "name" && c !== "partition_name");
  await client.query(`UPDATE pgboss.queue q SET ${settable.map((c) => `${ident(c)} = r.${ident(c)}`).join(", ")} FROM pg_temp.restore_queue r WHERE q.name = r.name`);
  return (await client.query<{ name: string }>("SELECT name FROM pgboss.queue ORDER BY name")).rows.map((r) => r.name);
}

/** Sequences owned by restored columns continue after the highest restored value. */
async function resetSequences(client: pg.Client) {
  const { rows } = await client.query<{ seq: string; tbl: string; col: string }>(
    `SELECT s.oid::regclass::text AS seq, t.oid::regclass::text AS tbl, quote_ident(a.attname) AS col
       FROM pg_class s JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
       JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE s.relkind = 'S' AND n.nspname = ANY($1)`,
    [SCHEMAS],
  );
  for (const r of rows) await client.query(`SELECT setval('${r.seq}', COALESCE((SELECT max(${r.col}) FROM ${r.tbl}), 0) + 1, false)`);
}

