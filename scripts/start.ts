/**
 * `npm start` (and `npm run dev` with --dev): bring Colloquy up from nothing.
 *   1. database: DATABASE_URL, or an embedded PostgreSQL kept in COLLOQUY_DATA_DIR (.data/)
 *   2. session secret: AUTH_SECRET/NEXTAUTH_SECRET, or one generated and kept with the data
 *   3. apply pending migrations (Prisma's WASM engine, scripts/lib/migrations.ts)
 *   4. seed the demo course into an empty database (demo accounts: embedded DB, or COLLOQUY_DEMO=1)
 *   5. build when the code changed since the last build, then serve on PORT (3000)
 * Ctrl-C / SIGTERM stops the web server, then PostgreSQL.
 */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { dataDir, openDatabase, projectRoot } from "./lib/database";
import { applyMigrations } from "./lib/migrations";
import { ensureAuthSecret } from "./lib/secret";
import { buildIfNeeded, isBuildCurrent } from "./lib/build-stamp";
import type { EmbeddedServer } from "./lib/embedded-postgres";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const say = (line: string) => console.log(`[colloquy] ${line}`);

class StartError extends Error {}

let web: ChildProcess | null = null;
let embedded: EmbeddedServer | null = null;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (web && web.exitCode === null) {
    say("stopping the web server…");
    const exited = new Promise((r) => web!.once("exit", r));
    web.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 8000))]);
    if (web.exitCode === null) web.kill("SIGKILL");
  }
  if (embedded) {
    say("stopping PostgreSQL…");
    await embedded.stop().catch(() => {});
  }
  say("stopped.");
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

function portIsFree(p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(p, () => server.close(() => resolve(true)));
  });
}

async function checkReachable(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (e) {
    const safe = url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
    throw new StartError(
      `Cannot reach the database at ${safe}: ${e instanceof Error ? e.message : e}.\n` +
        `Check that PostgreSQL is running and DATABASE_URL is right, or unset DATABASE_URL to use the embedded database.`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

async function main() {
  const t0 = Date.now();
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new StartError(`PORT=${process.env.PORT} is not a port number.`);
  if (!(await portIsFree(port))) {
    throw new StartError(`Port ${port} is already in use (another Colloquy?). Stop that program, or start on another port: PORT=3001 npm start`);
  }

  const external = Boolean(process.env.DATABASE_URL);
  const data = dataDir();
  let url: string;
  try {
    const opened = await openDatabase({ quiet: false });
    url = opened.url;
    embedded = opened.embedded;
  } catch (e) {
    throw new StartError(e instanceof Error ? e.message : String(e));
  }
  if (external) {
    await checkReachable(url);
    say("using the database at DATABASE_URL");
  } else {
    say(`embedded PostgreSQL on 127.0.0.1:${embedded!.port}, data in ${embedded!.dataDir}`);
  }

  const { secret, source } = ensureAuthSecret(data);
  say(`session secret: ${source}`);

  if (stopping) return;
  const applied = await applyMigrations(url);
  say(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");

  const withAccounts = external ? process.env.COLLOQUY_DEMO === "1" : process.env.COLLOQUY_DEMO !== "0";
  const password = process.env.COLLOQUY_DEMO_PASSWORD || "demo-password";
  const { createClient } = await import("../lib/db");
  const { seedDemo, DEMO_ACCOUNTS } = await import("../lib/seed/seed-demo");
  const database = createClient(url);
  const seed = await seedDemo(database, { withAccounts, password, log: (l) => say(l) });
  await database.$disconnect();

  const env = {
    ...process.env,
    DATABASE_URL: url,
    NEXTAUTH_SECRET: secret,
    // Behind a proxy, set NEXTAUTH_URL to the public address instead.
    AUTH_TRUST_HOST: process.env.NEXTAUTH_URL ? process.env.AUTH_TRUST_HOST : "true",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
  };
  const nextBin = path.join(projectRoot, "node_modules/next/dist/bin/next");

  if (stopping) return;
  if (!dev) {
    if (!isBuildCurrent(projectRoot)) say("building the app (first start, or the code changed)…");
    try {
      const built = buildIfNeeded(projectRoot, env, true);
      if (built !== null) say(`built in ${built.toFixed(1)} s`);
    } catch (e) {
      throw new StartError(e instanceof Error ? e.message : String(e));
    }
  }

  if (stopping) return;
  web = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-p", String(port)], {
    cwd: projectRoot,
    env: dev ? env : { ...env, NODE_ENV: "production" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  web.on("exit", (code) => {
    if (!stopping) {
      say(`the web server exited (code ${code}).`);
      void shutdown(code ?? 1);
    }
  });

  const base = `http://localhost:${port}`;
  for (let i = 0; i < 600 && !stopping; i++) {
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const lines = [
    "",
    `Colloquy is running at ${base}  (ready in ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
  ];
  if (seed.course) {
    lines.push(`Demo course: "${seed.course.title}"  ${base}/courses/${seed.course.slug}`);
    lines.push(`Join code for the demo course: ${seed.course.joinCode}`);
  }
  if (withAccounts && seed.course) {
    lines.push(`Demo accounts (password: ${process.env.COLLOQUY_DEMO_PASSWORD ? "$COLLOQUY_DEMO_PASSWORD" : password}):`);
    for (const a of DEMO_ACCOUNTS) lines.push(`  ${a.email.padEnd(28)} ${a.role.toLowerCase()}`);
  } else if (external) {
    lines.push("No demo accounts on an external database (set COLLOQUY_DEMO=1 to create them).");
  }
  lines.push("Press Ctrl-C to stop.", "");
  console.log(lines.join("\n"));
}

main().catch(async (e: unknown) => {
  if (e instanceof StartError) console.error(`\n[colloquy] ${e.message}\n`);
  else console.error("\n[colloquy] start-up failed:", e);
  await shutdown(1);
});
