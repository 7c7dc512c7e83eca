/** Build (when needed) and start the production app against a given database, for the
 *  browser tests and the benchmarks. One PID to stop (see ./next-server.ts). */
import { projectRoot } from "./database";
import { findFreePort } from "./embedded-postgres";
import { buildIfNeeded } from "./build-stamp";
import { startNextServer } from "./next-server";

export interface AppServer {
  baseUrl: string;
  pid: number | undefined;
  stop(): Promise<void>;
  /** What the server printed (the last 64 KB). */
  output(): string;
  /** Resolves when the server exits, for whatever reason. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startAppServer(options: {
  databaseUrl: string;
  distDir: string;
  /** Extra environment for the build and the server, e.g. COLLOQUY_RATE_LIMITS=off for load tests. */
  env?: Record<string, string | undefined>;
  log?: (l: string) => void;
  /** `next start` processes on the port (default: COLLOQUY_WEB_PROCESSES from our environment, else 1), as npm start runs them. */
  processes?: number;
}): Promise<AppServer> {
  const log = options.log ?? ((l: string) => console.log(l));
  const env = {
    ...process.env,
    // This build also has the benchmark's static comparison page (app/bench-static).
    COLLOQUY_BENCH_PAGES: "1",
    DATABASE_URL: options.databaseUrl,
    COLLOQUY_DIST_DIR: options.distDir,
    NEXTAUTH_SECRET: "test-secret-not-for-production-0123456789",
    AUTH_TRUST_HOST: "true",
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production" as const,
    ...options.env,
  };
  log(`[app] checking the build in ${options.distDir}…`);
  const built = await buildIfNeeded(projectRoot, env, false);
  if (built !== null) log(`[app] built in ${built.toFixed(1)} s`);
  const processes = options.processes ?? Number(process.env.COLLOQUY_WEB_PROCESSES || 1);
  const server = await startNextServer({ root: projectRoot, env, port: await findFreePort(), host: "127.0.0.1", output: "pipe", drainMs: 5_000, processes });
  return { baseUrl: server.baseUrl, pid: server.pid, stop: server.stop, output: server.output, exited: server.exited };
}
