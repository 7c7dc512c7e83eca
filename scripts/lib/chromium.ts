import { existsSync } from "node:fs";

/** Chromium for browser tests: CHROME_PATH, else Debian's /usr/bin/chromium. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
  return candidates.find((p): p is string => Boolean(p && existsSync(p))) ?? null;
}

/** Flags for headless Chromium as root on a closed network (STACK_NOTES §10). */
export const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
