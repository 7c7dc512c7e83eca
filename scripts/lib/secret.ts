import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The session-signing secret: AUTH_SECRET / NEXTAUTH_SECRET when given, otherwise one
 *  generated on first start and kept with the data (so sessions survive restarts).
 *  Several app instances on one database must share the same secret. */
export function ensureAuthSecret(dataDir: string): { secret: string; source: string } {
  const given = process.env.NEXTAUTH_SECRET || process.env.AUTH_SECRET;
  if (given) return { secret: given, source: "environment" };
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return { secret: readFileSync(file, "utf8").trim(), source: file };
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return { secret, source: `${file} (generated)` };
}
