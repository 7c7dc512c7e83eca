import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";

/** How many distinct statements one process prepares by name (the rest go unnamed): each is
 *  kept by every pooled connection's server process, so the set must stay bounded. */
const NAMED_STATEMENTS = 400;

/**
 * Names for the statements the app sends, so PostgreSQL parses and plans each one once per
 * connection instead of on every request (node-postgres then sends only Bind/Execute; after
 * a few executions PostgreSQL may keep a generic plan). Measured on the thread API: planning
 * was about half of PostgreSQL's CPU per request. A name is the statement's hash; past
 * NAMED_STATEMENTS distinct texts, "" (unnamed, as before). Off with
 * DATABASE_PREPARED_STATEMENTS=off — for a PgBouncer in transaction mode older than 1.21 or
 * without max_prepared_statements (docs/DEPLOY.md).
 */
function statementNames(): ((query: { sql: string; args: unknown[] }) => string) | undefined {
  if (process.env.DATABASE_PREPARED_STATEMENTS === "off") return undefined;
  const names = new Map<string, string>();
  return ({ sql, args }) => {
    // Without parameters node-postgres sends the text as a simple query (which may hold
    // several statements); a name would make it a prepared one. Those stay as they were.
    if (args.length === 0) return "";
    let name = names.get(sql);
    if (name === undefined) {
      if (names.size >= NAMED_STATEMENTS) return "";
      name = `c_${createHash("sha1").update(sql).digest("base64url")}`;
      names.set(sql, name);
    }
    return name;
  };
}

/** The one Prisma client. Password hashes are omitted from every query unless a caller
 *  explicitly asks for them (sign-in only). Cached on globalThis so dev reloads reuse it. */
function createClient(url = process.env.DATABASE_URL) {
  if (!url) throw new Error("DATABASE_URL is not set: start Colloquy with `npm start`, which provides one.");
  const adapter = new PrismaPg({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) }, { statementNameGenerator: statementNames() });
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
}

export type Db = ReturnType<typeof createClient>;

const globalForDb = globalThis as unknown as { colloquyDb?: Db };

export const db: Db = new Proxy({} as Db, {
  // Lazy: importing this module must not require DATABASE_URL (e.g. during `next build`).
  get(_target, prop, receiver) {
    globalForDb.colloquyDb ??= createClient();
    return Reflect.get(globalForDb.colloquyDb, prop, receiver);
  },
});

export { createClient };
