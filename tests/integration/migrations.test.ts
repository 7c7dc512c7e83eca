import { describe, expect, test } from "vitest";
import { readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { db } from "../support/db";
import { applyMigrations, migrationsDir } from "../../scripts/lib/migrations";

describe("the WASM migration runner", () => {
  test("records every committed migration in _prisma_migrations, and a second run applies nothing", async () => {
    const committed = readdirSync(migrationsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    const rows = await db.$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`
      SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`;
    expect(rows.map((r) => r.migration_name)).toEqual(committed);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    expect(await applyMigrations(process.env.DATABASE_URL!)).toEqual([]);
  });

  test("the schema in the database matches schema.prisma (no drift between migrations and schema)", async () => {
    const { createMigration } = await import("../../scripts/lib/migrations");
    const before = readdirSync(migrationsDir).length;
    const folder = await createMigration(process.env.DATABASE_URL!, "drift_check");
    expect(folder, "schema.prisma has changes with no migration: run npm run migrate:new -- NAME").toBeNull();
    expect(readdirSync(migrationsDir).length).toBe(before);
  });

  test("the migrated database has the tables, enums and indexes schema.prisma describes", async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const tables = await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    const indexes = await client.query("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'");
    await client.end();
    expect(tables.rows.map((r) => r.tablename)).toEqual(
      expect.arrayContaining(["User", "Course", "Membership", "Reading", "Block", "Note", "Comment", "CommentRevision", "ReadingRevision"]),
    );
    const names = indexes.rows.map((r) => r.indexname as string);
    for (const expected of ["Comment_readingId_blockId_createdAt_idx", "Comment_rootId_idx", "Comment_parentId_idx", "Membership_userId_courseId_key", "Block_readingId_position_key"]) {
      expect(names).toContain(expected);
    }
    expect(path.basename(migrationsDir)).toBe("migrations");
  });
});
