import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";

/** The one Prisma client. Password hashes are omitted from every query unless a caller
 *  explicitly asks for them (sign-in only). Cached on globalThis so dev reloads reuse it. */
function createClient(url = process.env.DATABASE_URL) {
  if (!url) throw new Error("DATABASE_URL is not set: start Colloquy with `npm start`, which provides one.");
  const adapter = new PrismaPg({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
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
