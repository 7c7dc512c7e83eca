import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const INPUTS = ["app", "components", "lib", "public", "types", "generated", "instrumentation.ts", "instrumentation-node.ts", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];

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

export const distDir = () => process.env.COLLOQUY_DIST_DIR || ".next";
export const stampFile = (root: string) => path.join(root, distDir(), "colloquy-build-stamp");

export function isBuildCurrent(root: string): boolean {
  const file = stampFile(root);
  if (!existsSync(path.join(root, distDir(), "BUILD_ID")) || !existsSync(file)) return false;
  return readFileSync(file, "utf8").trim() === sourceFingerprint(root);
}

/**
 * `next build` into COLLOQUY_DIST_DIR (default .next) unless the build there is current; then
 * stamp it. Shared by `npm start` (output shown) and the browser tests/benchmarks (output
 * kept for the error). Returns the seconds spent building, or null when nothing was built.
 */
export function buildIfNeeded(root: string, env: NodeJS.ProcessEnv, show: boolean): number | null {
  const previous = process.env.COLLOQUY_DIST_DIR;
  // Assigning undefined to process.env stores the string "undefined": delete instead.
  if (env.COLLOQUY_DIST_DIR === undefined) delete process.env.COLLOQUY_DIST_DIR;
  else process.env.COLLOQUY_DIST_DIR = env.COLLOQUY_DIST_DIR;
  try {
    if (isBuildCurrent(root)) return null;
    const t0 = Date.now();
    const nextBin = path.join(root, "node_modules/next/dist/bin/next");
    const build = spawnSync(process.execPath, [nextBin, "build"], {
      cwd: root,
      env: { ...env, NODE_ENV: "production" },
      ...(show ? { stdio: "inherit" as const } : { encoding: "utf8" as const }),
    });
    if (build.status !== 0) {
      throw new Error(show ? "`next build` failed — see the messages above." : `next build failed:\n${build.stdout}\n${build.stderr}`);
    }
    writeFileSync(stampFile(root), sourceFingerprint(root));
    return (Date.now() - t0) / 1000;
  } finally {
    if (previous === undefined) delete process.env.COLLOQUY_DIST_DIR;
    else process.env.COLLOQUY_DIST_DIR = previous;
  }
}
