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
}

export async function startAppServer(options: { databaseUrl: string; distDir: string; env?: NodeJS.ProcessEnv; log?: (l: string) => void }): Promise<AppServer> {
  const log = options.log ?? ((l: string) => console.log(l));
  const env = {
    ...process.env,
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
  const server = await startNextServer({ root: projectRoot, env, port: await findFreePort(), host: "127.0.0.1", output: "pipe", drainMs: 5_000 });
  return { baseUrl: server.baseUrl, pid: server.pid, stop: server.stop };
}
