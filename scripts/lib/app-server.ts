/** Build (when needed) and start the production app against a given database, for the
 *  browser tests and the benchmarks. One PID to stop (STACK_NOTES §9). */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { projectRoot } from "./database";
import { findFreePort } from "./embedded-postgres";
import { buildIfNeeded } from "./build-stamp";

export interface AppServer {
  baseUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startAppServer(options: { databaseUrl: string; distDir: string; log?: (l: string) => void }): Promise<AppServer> {
  const log = options.log ?? ((l: string) => console.log(l));
  const env = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    COLLOQUY_DIST_DIR: options.distDir,
    NEXTAUTH_SECRET: "test-secret-not-for-production-0123456789",
    AUTH_TRUST_HOST: "true",
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production" as const,
  };
  const nextBin = path.join(projectRoot, "node_modules/next/dist/bin/next");
  log(`[app] checking the build in ${options.distDir}…`);
  const built = buildIfNeeded(projectRoot, env, false);
  if (built !== null) log(`[app] built in ${built.toFixed(1)} s`);
  const port = await findFreePort();
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: projectRoot,
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited:\n${output}`);
    const ok = await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 240) throw new Error(`the app did not answer /api/health within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    process: child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}
