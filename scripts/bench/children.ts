/** Child processes a section starts (the bare Node server, Chromium) and their temporary
 *  folders: removed if the bench is stopped by a signal before the section's own `finally`. */
import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";

const children = new Map<ChildProcess, string | undefined>();

export function trackChild(child: ChildProcess, tempDir?: string): ChildProcess {
  children.set(child, tempDir);
  child.once("exit", () => children.delete(child));
  return child;
}

export function killChildren() {
  for (const [child, tempDir] of children) {
    if (child.exitCode === null) child.kill("SIGKILL");
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}
