/**
 * Where Colloquy's database is: DATABASE_URL when set, otherwise the embedded PostgreSQL
 * kept in COLLOQUY_DATA_DIR (default .data/).
 */
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedServer } from "./embedded-postgres";

export const projectRoot = path.resolve(__dirname, "../..");
export const dataDir = () => path.resolve(process.env.COLLOQUY_DATA_DIR || path.join(projectRoot, ".data"));

export async function openDatabase(opts: { quiet?: boolean } = {}): Promise<{ url: string; embedded: EmbeddedServer | null }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: null };
  const embedded = await startEmbeddedPostgres({
    dataDir: dataDir(),
    database: "colloquy",
    log: opts.quiet ? undefined : (l) => console.log(`[db] ${l}`),
  });
  if (embedded.relocatedFrom && !opts.quiet) {
    console.log(`[db] the postgres user cannot reach ${embedded.relocatedFrom}; the database lives in ${embedded.dataDir}`);
  }
  return { url: embedded.url, embedded };
}

export async function withDatabase<T>(opts: { quiet?: boolean }, run: (url: string) => Promise<T>): Promise<T> {
  const { url, embedded } = await openDatabase(opts);
  try {
    return await run(url);
  } finally {
    await embedded?.stop();
  }
}
