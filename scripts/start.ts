/**
 * `npm start` (and `npm run dev` with --dev): bring Colloquy up from nothing, then keep it up.
 *   1. database: DATABASE_URL, or an embedded PostgreSQL kept in COLLOQUY_DATA_DIR (.data/)
 *   2. session secret: AUTH_SECRET/NEXTAUTH_SECRET, or one generated and kept with the data
 *   3. build when the code changed since the last build — in the background, meanwhile:
 *   4. apply pending migrations (Prisma's WASM engine, scripts/lib/migrations.ts)
 *   5. seed the demo course into an empty database (demo accounts: embedded DB, or COLLOQUY_DEMO=1)
 *   6. serve on PORT (3000)
 *
 * Supervision (docs/OPERATIONS.md): this process owns PostgreSQL and the web server. When
 * either dies it is restarted, with a growing backoff while it keeps dying, PostgreSQL on
 * the same port so the app's connection pool reconnects by itself. SIGINT (Ctrl-C),
 * SIGTERM and SIGHUP stop the web server first (in-flight requests finish, up to
 * COLLOQUY_DRAIN_SECONDS) and PostgreSQL last. If npm — or whatever started this process
 * — goes away (a process manager signalling the npm process only), everything stops the
 * same way, so nothing is left orphaned and serving.
 */
import net from "node:net";
import pg from "pg";
import { dataDir, openDatabase, projectRoot } from "./lib/database";
import { applyMigrations } from "./lib/migrations";
import { ensureAuthSecret } from "./lib/secret";
import { buildIfNeeded, isBuildCurrent } from "./lib/build-stamp";
import { startNextServer } from "./lib/next-server";
import { Supervisor, type RunningChild } from "./lib/supervisor";
import { watchLaunchers } from "./lib/parent-watch";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const drainMs = 1000 * Number(process.env.COLLOQUY_DRAIN_SECONDS || 15);
/** `next start` processes on the port (scripts/lib/web-cluster.mjs); one by default. */
const webProcesses = (process.env.COLLOQUY_WEB_PROCESSES ?? "1").trim() || "1";
const stamp = () => new Date().toISOString().slice(11, 19);
const say = (line: string) => console.log(`[colloquy ${stamp()}] ${line}`);
const STEPS = 6;
const step = (n: number, line: string) => say(`(${n}/${STEPS}) ${line}`);

class StartError extends Error {}

let database: Supervisor | null = null;
let web: Supervisor | null = null;
let stopping: Promise<never> | null = null;

// A closed terminal or log pipe must not crash the supervisor while it stops its children.
process.stdout.on("error", () => {});
process.stderr.on("error", () => {});

function shutdown(code: number, why?: string): Promise<never> {
  stopping ??= (async () => {
    if (why) say(why);
    if (web?.current) say("stopping the web server (letting requests in flight finish)…");
    await web?.stop().catch(() => {});
    if (database?.current) say("stopping PostgreSQL…");
    await database?.stop().catch(() => {});
    say("stopped.");
    process.exit(code);
  })();
  return stopping;
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => void shutdown(0, `${signal} received: shutting down.`));
}
watchLaunchers((why) => void shutdown(0, `${why}: shutting down.`));

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

const seconds = (t0: number) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

/** Step 1: the database. The embedded one runs under a Supervisor: restarted on the port it
 *  first took, so DATABASE_URL stays right for the web server's pool. */
async function startDatabase(): Promise<string> {
  const t0 = Date.now();
  if (process.env.DATABASE_URL) {
    step(1, "checking the database at DATABASE_URL…");
    await checkReachable(process.env.DATABASE_URL);
    say("using the database at DATABASE_URL (not supervised: it is not ours)");
    return process.env.DATABASE_URL;
  }
  step(1, "starting the embedded PostgreSQL…");
  let url = "";
  let pgPort: number | undefined;
  let clusterDir = "";
  database = new Supervisor({
    name: "PostgreSQL",
    log: say,
    start: async (): Promise<RunningChild> => {
      const { embedded } = await openDatabase({ quiet: pgPort !== undefined, port: pgPort, supervised: true });
      const server = embedded!;
      pgPort = server.port;
      url = server.url;
      clusterDir = server.dataDir;
      return { pid: server.process.pid, exited: server.exited, stop: () => server.stop() };
    },
    onGiveUp: (reason) => void shutdown(1, `${reason}. Stopping Colloquy; see the messages above.`),
  });
  try {
    await database.start();
  } catch (e) {
    throw new StartError(e instanceof Error ? e.message : String(e));
  }
  say(`embedded PostgreSQL on 127.0.0.1:${pgPort}, database files in ${clusterDir} (ready in ${seconds(t0)})`);
  return url;
}

async function main() {
  const t0 = Date.now();
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new StartError(`PORT=${process.env.PORT} is not a port number.`);
  if (!/^[1-9][0-9]?$/.test(webProcesses)) throw new StartError(`COLLOQUY_WEB_PROCESSES=${process.env.COLLOQUY_WEB_PROCESSES} must be a whole number from 1 to 99 (web processes sharing the port).`);
  if (!(await portIsFree(port))) {
    throw new StartError(`Port ${port} is already in use (another Colloquy?). Stop that program, or start on another port: PORT=3001 npm start`);
  }

  const external = Boolean(process.env.DATABASE_URL);
  const url = await startDatabase();

  const { secret, source } = ensureAuthSecret(dataDir());
  step(2, `session secret: ${source}`);
  // Every instance on one database must sign sessions with the same secret (docs/DEPLOY.md).
  if (external && source !== "environment") say("several instances on this database? Give each the same NEXTAUTH_SECRET, or a session from one is refused by the others.");

  const env: NodeJS.ProcessEnv = {
    // Turbopack's build cache costs ~20 % of a build to write and helps only the next build
    // of changed code — a developer's loop, which is `npm run dev`. COLLOQUY_BUILD_CACHE=1 keeps it.
    COLLOQUY_BUILD_CACHE: "0",
    ...process.env,
    DATABASE_URL: url,
    NEXTAUTH_SECRET: secret,
    // Behind a proxy, set NEXTAUTH_URL to the public address instead.
    AUTH_TRUST_HOST: process.env.NEXTAUTH_URL ? process.env.AUTH_TRUST_HOST : "true",
    NEXT_TELEMETRY_DISABLED: "1",
  };

  // The build needs no database: it runs while the database is migrated and seeded.
  if (stopping) return;
  let build: Promise<number | null> = Promise.resolve(null);
  if (dev) step(3, "development mode: no build");
  else if (isBuildCurrent(projectRoot)) step(3, "the build is current");
  else {
    step(3, "building the app in the background (first start, or the code changed: about a minute on 2 cores; next build's progress follows)");
    const buildStarted = Date.now();
    // Turbopack says nothing while it compiles: say that it is still at it.
    const heartbeat = setInterval(() => say(`still building… ${seconds(buildStarted)} so far`), 15_000);
    build = buildIfNeeded(projectRoot, env, true).finally(() => clearInterval(heartbeat));
    build.catch(() => {}); // awaited below; failures are reported there
  }

  let t = Date.now();
  step(4, "applying database migrations…");
  const applied = await applyMigrations(url);
  say(applied.length ? `applied migrations: ${applied.join(", ")} (${seconds(t)})` : "database schema is up to date");

  t = Date.now();
  step(5, "loading the demo course (only into an empty database)…");
  const withAccounts = external ? process.env.COLLOQUY_DEMO === "1" : process.env.COLLOQUY_DEMO !== "0";
  const password = process.env.COLLOQUY_DEMO_PASSWORD || "demo-password";
  const { createClient } = await import("../lib/db");
  const { seedDemo, DEMO_ACCOUNTS } = await import("../lib/seed/seed-demo");
  const client = createClient(url);
  const seed = await seedDemo(client, { withAccounts, password, log: (l) => say(l) });
  await client.$disconnect();
  if (seed.course) say(`demo course ready (${seconds(t)})`);

  try {
    const built = await build;
    if (built !== null) say(`built in ${built.toFixed(1)} s`);
  } catch (e) {
    if (stopping) return;
    throw new StartError(e instanceof Error ? e.message : String(e));
  }
  step(6, `starting the ${dev ? "development" : "web"} server${!dev && Number(webProcesses) > 1 ? ` (${webProcesses} processes on one port)` : ""}…`);

  if (stopping) return;
  web = new Supervisor({
    name: "the web server",
    log: say,
    start: () => startNextServer({ root: projectRoot, env, port, dev, output: "inherit", supervised: true, drainMs, processes: Number(webProcesses) }),
    onGiveUp: (reason) => void shutdown(1, `${reason}. Stopping Colloquy; see the messages above.`),
  });
  try {
    await web.start();
  } catch (e) {
    if (stopping) return;
    throw new StartError(e instanceof Error ? e.message : String(e));
  }

  const base = `http://localhost:${port}`;
  const lines = ["", `Colloquy is running at ${base}  (ready in ${seconds(t0)})`];
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
  lines.push(
    external ? "The web server is supervised (restarted if it dies). Press Ctrl-C to stop." : "PostgreSQL and the web server are supervised (restarted if they die). Press Ctrl-C to stop.",
    "",
  );
  console.log(lines.join("\n"));
}

main().catch(async (e: unknown) => {
  if (stopping) return;
  if (e instanceof StartError) console.error(`\n[colloquy] ${e.message}\n`);
  else console.error("\n[colloquy] start-up failed:", e);
  await shutdown(1);
});
