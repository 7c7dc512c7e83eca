/**
 * Runs once when an app server process starts (Next's instrumentation hook). The Node.js
 * part lives in instrumentation-node.ts, imported only in the Node.js runtime.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./instrumentation-node");
}
