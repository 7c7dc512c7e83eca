/** The benchmark's seeded volume (scripts/bench/volume.ts) on a real PostgreSQL: the counts
 *  the figures are about, and that the bulk path (indexes dropped, key checks off while
 *  loading) leaves a table every key and index of the migrations holds for. */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { describeSelectors } from "@/lib/anchoring";
import { verifyPassword } from "@/lib/auth/password";
import { createClient, type Db } from "@/lib/db";
import { applyMigrations } from "@/scripts/lib/migrations";
import { addCommentsElsewhere, countCommentsElsewhere, seedVolume, type Volume } from "@/scripts/bench/volume";

const name = `colloquy_bench_volume_${Date.now()}`;
const admin = new pg.Client({ connectionString: inject("databaseUrl") });
let db: Db;
let sql: pg.Pool;
let volume: Volume;

const indexes = async () =>
  (await sql.query<{ d: string }>(`SELECT indexdef AS d FROM pg_indexes WHERE tablename = 'Comment' ORDER BY indexname`)).rows.map((r) => r.d);

beforeAll(async () => {
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(inject("databaseUrl"));
  url.pathname = `/${name}`;
  await applyMigrations(url.toString());
  db = createClient(url.toString());
  sql = new pg.Pool({ connectionString: url.toString(), max: 2 });
  volume = await seedVolume({ db, sql, elsewhere: 1000, log: () => {} });
}, 120_000);

afterAll(async () => {
  // A connection still closing when the DROP below terminates it reports an error on its
  // pool; that is expected here, not a failure of the run (it was an uncaught error once).
  sql?.on("error", () => {});
  await sql?.end();
  await db?.$disconnect();
  // Let the closing connections go before dropping (FORCE only terminates stragglers).
  for (let i = 0; i < 50; i++) {
    const { rows } = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1`, [name]);
    if (rows[0]!.n === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
});

describe("bench volume", () => {
  it("a course of 300 students, 5,000 comments on the longest reading, 500 on one paragraph", async () => {
    expect(volume.students).toHaveLength(300);
    expect(volume.students[0]!.email).toBe("student1@demo.colloquy");
    expect(volume.students[299]!.email).toBe("student300@demo.colloquy");
    const counts = (
      await sql.query(
        `SELECT count(*)::int AS reading, count(*) FILTER (WHERE "blockId" = $2)::int AS thread,
                count(*) FILTER (WHERE "parentId" IS NULL)::int AS roots, count(DISTINCT "blockId")::int AS paragraphs
           FROM "Comment" WHERE "readingId" = $1 AND status = 'VISIBLE' AND visibility = 'CLASS'`,
        [volume.reading.id, volume.thread.blockId],
      )
    ).rows[0];
    expect(counts).toMatchObject({ reading: 5000, thread: 500, roots: 1250 });
    expect(counts.paragraphs).toBeGreaterThan(50);
    expect(volume.reading.path).toMatch(/^\/courses\/de-stalinization-1955-57\/readings\//);
    expect(volume.reading.textBytes).toBeGreaterThan(50_000);
    expect(await countCommentsElsewhere(sql)).toBe(1000);
  });

  it("every seeded student can sign in with the demo password (an Argon2id hash the app verifies)", async () => {
    const row = (await sql.query(`SELECT "passwordHash" FROM "User" WHERE email = 'student250@demo.colloquy'`)).rows[0];
    expect(await verifyPassword(row.passwordHash, volume.password)).toBe(true);
  });

  it("replies sit in their root's paragraph, and passages are the selectors the app itself would store", async () => {
    const wrong = await sql.query(
      `SELECT c.id FROM "Comment" c JOIN "Comment" p ON p.id = c."parentId"
        WHERE c."blockId" IS DISTINCT FROM p."blockId" OR c."rootId" IS DISTINCT FROM p.id`,
    );
    expect(wrong.rows).toEqual([]);
    const passages = (
      await sql.query(
        `SELECT c.quote, c.prefix, c.suffix, c."startOffset" AS start, c."endOffset" AS "end", b.text
           FROM "Comment" c JOIN "Block" b ON b.id = c."blockId" WHERE c.quote IS NOT NULL`,
      )
    ).rows;
    expect(passages.length).toBeGreaterThan(100);
    for (const p of passages) {
      const expected = describeSelectors(p.text, p.start, p.end);
      expect({ quote: p.quote, prefix: p.prefix, suffix: p.suffix }).toEqual({ quote: expected.quote, prefix: expected.prefix, suffix: expected.suffix });
    }
  });

  it("a bulk load keeps every foreign key true and ends with the migrations' indexes and key checks in place", async () => {
    const before = await indexes();
    await addCommentsElsewhere(sql, 60_000);
    expect(await countCommentsElsewhere(sql)).toBe(61_000);
    expect(await indexes()).toEqual(before);
    const disabled = await sql.query(`SELECT tgname FROM pg_trigger WHERE tgrelid = '"Comment"'::regclass AND tgenabled = 'D'`);
    expect(disabled.rows).toEqual([]);
    const orphans = (
      await sql.query(
        `SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM "Block" b WHERE b.id = c."blockId" AND b."readingId" = c."readingId"))::int AS blocks,
                count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM "Reading" r WHERE r.id = c."readingId" AND r."courseId" = c."courseId"))::int AS readings,
                count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM "Membership" m WHERE m."userId" = c."authorId" AND m."courseId" = c."courseId"))::int AS authors,
                count(*) FILTER (WHERE c."parentId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Comment" p WHERE p.id = c."parentId"))::int AS parents
           FROM "Comment" c`,
      )
    ).rows[0];
    expect(orphans).toEqual({ blocks: 0, readings: 0, authors: 0, parents: 0 });
    // The key checks are really back on: a comment on a block that does not exist is refused.
    await expect(
      sql.query(
        `INSERT INTO "Comment" (id, "courseId", "readingId", "blockId", "authorId", body, "updatedAt")
         SELECT 'orphan', "courseId", "readingId", 'no-such-block', "authorId", 'x', now() FROM "Comment" LIMIT 1`,
      ),
    ).rejects.toThrow(/foreign key/);
  }, 120_000);
});
