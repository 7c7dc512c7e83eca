import path from "node:path";
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { main, parseArgs, UsageError } from "@/scripts/import";
import { SEED_DIR, loadImporterOnce } from "./helpers/seeds";

loadImporterOnce();

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out, err };
}

describe("scripts/import.ts", () => {
  it("--dry-run --json prints exactly one JSON object with markers shown as [label]", async () => {
    const { code, out, err } = await run([path.join(SEED_DIR, "001_38c6f5d60c370e12.txt"), "--dry-run", "--json"]);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out).toHaveLength(1);
    const j = JSON.parse(out[0]!);
    expect(Object.keys(j)).toEqual(["title", "author", "source", "date", "blocks", "notes", "report"]);
    expect(j.title).toBe("Khrushchev on Stalin");
    expect(Object.keys(j.blocks[0])).toEqual(["kind", "text"]);
    expect(j.blocks[0].text).toMatch(/about Stalin\.\[1\]$/);
    expect(j.notes.map((n: { label: string }) => n.label)).toEqual(["1", "2", "3", "4"]);
    expect(Object.keys(j.report[0])).toEqual(["rule", "block", "before", "after"]);
  });

  it("as a real process on a pipe, prints the whole JSON for the longest seed (stdout is flushed before exit)", () => {
    const root = path.resolve(__dirname, "../../..");
    const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/import.ts", path.join(SEED_DIR, "002_04072c276076da22.txt"), "--dry-run", "--json"], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(65_536);
    const j = JSON.parse(r.stdout);
    expect(j.blocks.length).toBeGreaterThan(50);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
  }, 60_000);

  it("fails with a one-line reason and a non-zero code", async () => {
    const missing = await run(["/no/such/file.txt", "--dry-run", "--json"]);
    expect(missing.code).not.toBe(0);
    expect(missing.out).toEqual([]);
    expect(missing.err).toHaveLength(1);
    expect(missing.err[0]).not.toContain("\n");
  });

  it("without --dry-run or --course: a usage message, exit 64 (the --course import is tested against a real database in tests/integration/import-cli.test.ts)", async () => {
    const r = await run([path.join(SEED_DIR, "000_8930ef3612f48d03.txt")]);
    expect(r.code).toBe(64);
    expect(r.err[0]).toMatch(/--dry-run to preview, or --course SLUG/);
  });

  it("parses the flags the database import will need", () => {
    expect(parseArgs(["new.txt", "--course", "hist-101", "--previous", "old.txt", "--anchors", "a.json"])).toMatchObject({
      file: "new.txt", course: "hist-101", previous: "old.txt", anchors: "a.json", dryRun: false,
    });
    expect(() => parseArgs(["a.txt", "--previous", "old.txt"])).toThrow(UsageError);
    expect(() => parseArgs(["--dry-run"])).toThrow(UsageError);
  });
});
