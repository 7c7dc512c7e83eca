import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const INPUTS = ["app", "components", "lib", "public", "types", "generated", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];

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
