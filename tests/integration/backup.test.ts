import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { db, makeUser, makeCourse, addMember } from "../support/db";
import { createComment } from "@/lib/comments/create-comment";
import { storeReading } from "@/lib/readings/store-reading";
import { enqueue } from "@/lib/jobs/queue";
import { backupDatabase, restoreDatabase } from "../../scripts/lib/backup";
import { applyMigrations } from "../../scripts/lib/migrations";

const RESTORE_LIMIT_MS = 120_000;

const sourceUrl = process.env.DATABASE_URL!;
const folder = mkdtempSync(path.join(os.tmpdir(), "colloquy-backup-test-"));
const created: string[] = [];

async function sql<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** A new, empty database on the same server. */
async function freshDatabase(): Promise<string> {
  const name = `restore_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  await sql(sourceUrl, `CREATE DATABASE ${name}`);
  created.push(name);
  const url = new URL(sourceUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Every row of every table the backup covers, as text, sorted: equal fingerprints mean equal data. */
async function fingerprint(url: string): Promise<Record<string, string>> {
  const tables = await sql<{ t: string }>(
    url,
    `SELECT format('%I.%I', n.nspname, c.relname) AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname IN ('public', 'pgboss') AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND c.relname NOT IN ('_prisma_migrations', 'version') ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { t } of tables) {
    const [row] = await sql<{ n: string; h: string | null }>(url, `SELECT count(*)::text AS n, md5(string_agg(x::text, E'\\n' ORDER BY x::text)) AS h FROM ${t} x`);
    out[t] = `${row!.n}:${row!.h}`;
  }
  return out;
}

let fixture: { readingId: string; blockId: string; aliceId: string };

beforeAll(async () => {
  const teacher = await makeUser("Teacher");
  const alice = await makeUser("Alice");
  const course = await makeCourse(teacher.id, "Backups");
  await addMember(course.id, alice.id);
  const reading = await storeReading(db, {
    courseId: course.id,
    imported: {
      title: "Tabs\tand \\backslashes\\",
      author: "Ünïcödé — 作者",
      source: null,
      date: null,
      format: "text",
      blocks: [
        { kind: "paragraph", text: "A line\nwith a newline, a tab\tand a lone \\. on its own:\n\\.\nthe end." },
        { kind: "paragraph", text: "Second paragraph, with emoji 🎓 and RTL عربى." },
      ],
      notes: [],
      report: [],
    },
  });
  const block = await db.block.findFirstOrThrow({ where: { readingId: reading.id, kind: "PARAGRAPH" }, orderBy: { position: "asc" } });
  fixture = { readingId: reading.id, blockId: block.id, aliceId: alice.id };
  const root = await createComment({ userId: alice.id, input: { readingId: reading.id, blockId: block.id, body: "Root comment\n\\.\nEND {}", idempotencyKey: randomUUID() } });
  await createComment({ userId: teacher.id, input: { readingId: reading.id, blockId: block.id, parentId: root.id, body: "A reply\twith a tab." } });
  await enqueue("system.echo", { kept: "in the backup", at: 1 }, { startAfter: new Date(Date.now() + 3_600_000) });
});

afterAll(async () => {
  for (const name of created) await sql(sourceUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  rmSync(folder, { recursive: true, force: true });
});

describe("npm run backup / npm run restore", () => {
  // Each test restores whole databases through real PostgreSQL (a schema of 30 tables and
  // their migrations): 10–20 s on a busy 2-core machine, over the suite's 30 s default when
  // CI shares it. Speed is the bench's business; this limit only catches a hang.
  test("round trip: a fresh database restored from a backup holds exactly the same rows, jobs included, and the same schema", async () => {
    const file = path.join(folder, "round-trip.backup.gz");
    const backup = await backupDatabase(sourceUrl, file);
    expect(backup.rows["public.Comment"]).toBeGreaterThanOrEqual(2);
    expect(backup.rows["pgboss.job"]).toBeGreaterThanOrEqual(1);

    const target = await freshDatabase();
    await restoreDatabase(target, file);
    expect(await fingerprint(target)).toEqual(await fingerprint(sourceUrl));
    // The restored schema is the migrated one: nothing left to apply.
    expect(await applyMigrations(target)).toEqual([]);
    const [job] = await sql<{ data: { kept: string } }>(target, `SELECT data FROM pgboss.job WHERE data->>'kept' = 'in the backup'`);
    expect(job?.data.kept).toBe("in the backup");
  }, RESTORE_LIMIT_MS);

  test("a backup taken while comments are being posted is one consistent snapshot", async () => {
    let stop = false;
    let posted = 0;
    const writer = (async () => {
      while (!stop) {
        await createComment({ userId: fixture.aliceId, input: { readingId: fixture.readingId, blockId: fixture.blockId, body: `during the backup ${posted}` } });
        posted++;
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    const file = path.join(folder, "live.backup.gz");
    const backup = await backupDatabase(sourceUrl, file);
    await new Promise((r) => setTimeout(r, 300));
    stop = true;
    await writer;
    expect(posted).toBeGreaterThan(0);

    const target = await freshDatabase();
    const restored = await restoreDatabase(target, file);
    const [row] = await sql<{ n: string }>(target, `SELECT count(*)::text AS n FROM "Comment"`);
    expect(Number(row!.n)).toBe(backup.rows["public.Comment"]);
    expect(restored.rows).toEqual(backup.rows);
    const [now] = await sql<{ n: string }>(sourceUrl, `SELECT count(*)::text AS n FROM "Comment"`);
    expect(Number(now!.n)).toBeGreaterThan(backup.rows["public.Comment"]!);
  }, RESTORE_LIMIT_MS);

  test("a database with data is replaced only when asked, in one transaction", async () => {
    const file = path.join(folder, "replace.backup.gz");
    await backupDatabase(sourceUrl, file);
    const target = await freshDatabase();
    await restoreDatabase(target, file);
    await sql(target, `UPDATE "Comment" SET body = 'changed after the backup'`);

    await expect(restoreDatabase(target, file)).rejects.toThrow(/already holds data\. Pass --replace/);
    expect((await sql<{ body: string }>(target, `SELECT DISTINCT body FROM "Comment"`)).map((r) => r.body)).toEqual(["changed after the backup"]);

    await restoreDatabase(target, file, { replace: true });
    expect(await fingerprint(target)).toEqual(await fingerprint(await (async () => {
      const again = await freshDatabase();
      await restoreDatabase(again, file);
      return again;
    })()));
  }, RESTORE_LIMIT_MS);

  test("a damaged or cut-short backup restores nothing and leaves the target as it was", async () => {
    const file = path.join(folder, "good.backup.gz");
    await backupDatabase(sourceUrl, file);
    const text = gunzipSync(readFileSync(file)).toString("utf8");

    const target = await freshDatabase();
    await restoreDatabase(target, file);
    const before = await fingerprint(target);

    // Cut in the header, in a table line or rows, and just before the last line.
    for (const fraction of [0.0005, 0.3, 0.7, 0.999]) {
      const cut = path.join(folder, `cut-${fraction}.backup.gz`);
      writeFileSync(cut, gzipSync(text.slice(0, Math.floor(text.length * fraction))));
      await expect(restoreDatabase(target, cut, { replace: true }), `cut at ${fraction}`).rejects.toThrow(/ends early|damaged/);
    }
    expect(await fingerprint(target)).toEqual(before);

    // Cut right after a table's first row: the file ends while that table's COPY is open on
    // the restore's connection (it once waited there forever instead of refusing).
    const lines = text.split("\n");
    const at = lines.findIndex((line, i) => line.startsWith("TABLE ") && lines[i + 1] !== "\\." && lines[i + 2] !== undefined && lines[i + 2] !== "\\.");
    expect(at, "a table with at least two rows in the backup").toBeGreaterThan(0);
    const midRows = path.join(folder, "cut-in-rows.backup.gz");
    writeFileSync(midRows, gzipSync(lines.slice(0, at + 2).join("\n") + "\n"));
    const t0 = Date.now();
    await expect(restoreDatabase(target, midRows, { replace: true })).rejects.toThrow(/ends early|damaged/);
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(await fingerprint(target)).toEqual(before);

    const tampered = path.join(folder, "tampered.backup.gz");
    writeFileSync(tampered, gzipSync(text.replace("A reply\\twith a tab.", "A reply\\twith a TAB.")));
    await expect(restoreDatabase(target, tampered, { replace: true })).rejects.toThrow(/checksum does not match/);
    expect(await fingerprint(target)).toEqual(before);
  }, RESTORE_LIMIT_MS);
});
