// Prisma 7 reads the datasource URL from here, not from the schema. DATABASE_URL may be
// unset (e.g. during `prisma generate` at install time), so read process.env directly.
import "dotenv/config";
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
