import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { withParentDeathSignal } from "./embedded-postgres";

const INPUTS = ["app", "components", "lib", "public", "types", "generated", "instrumentation.ts", "instrumentation-node.ts", "proxy.ts", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];

/** A fingerprint of everything `next build` reads, so `npm start` rebuilds only when the
 *  code changed (a fresh clone, a pull) and starts in under a second otherwise. */
export function sourceFingerprint(root: string): string {
  const hash = createHash("sha256");
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (name === "node_modules" || name.startsWith(".")) continue;
        visit(path.join(p, name));
      }
    } else {
      hash.update(path.relative(root, p));
      hash.update(readFileSync(p));
    }
  };
  for (const input of INPUTS) visit(path.join(root, input));
  return hash.digest("hex");
}

export const distDir = (env: NodeJS.ProcessEnv = process.env) => env.COLLOQUY_DIST_DIR || ".next";
export const stampFile = (root: string, dist = distDir()) => path.join(root, dist, "colloquy-build-stamp");

export function isBuildCurrent(root: string, dist = distDir()): boolean {
  const file = stampFile(root, dist);
  if (!existsSync(path.join(root, dist, "BUILD_ID")) || !existsSync(file)) return false;
  return readFileSync(file, "utf8").trim() === sourceFingerprint(root);
}

/**
 * `next build` into env.COLLOQUY_DIST_DIR (default .next) unless the build there is current;
 * then stamp it. Shared by `npm start` (output shown as it comes: the build's own progress)
 * and the browser tests/benchmarks (output kept for the error). Asynchronous, so a
 * supervisor keeps answering signals while it builds. Returns the seconds spent building,
 * or null when nothing was built.
 */
export async function buildIfNeeded(root: string, env: NodeJS.ProcessEnv, show: boolean): Promise<number | null> {
  const dist = distDir(env);
  if (isBuildCurrent(root, dist)) return null;
  // The fingerprint of what the build reads, taken before it starts: a file saved while it
  // builds must make the next check rebuild, not be stamped as built.
  const fingerprint = sourceFingerprint(root);
  const t0 = Date.now();
  const nextBin = path.join(root, "node_modules/next/dist/bin/next");
  // The build never outlives whoever started it (a supervisor stopped mid-build).
  const [command, args] = withParentDeathSignal(process.execPath, [nextBin, "build"], "SIGTERM");
  const child = spawn(command, args, {
    cwd: root,
    env: { ...env, NODE_ENV: "production" },
    stdio: show ? ["ignore", "inherit", "inherit"] : ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (c, signal) => resolve(signal ? 128 : c));
  });
  if (code !== 0) {
    throw new Error(show ? "`next build` failed — see the messages above." : `next build failed:\n${output}`);
  }
  writeFileSync(stampFile(root, dist), fingerprint);
  return (Date.now() - t0) / 1000;
}
