import { db } from "@/lib/db";

export const dynamic = "force-dynamic";

let lastState: "up" | "down" = "up";

/**
 * 200 {"status":"ok","database":"up"} when the database answers within 3 s; 503
 * {"status":"error","database":"down","message"} otherwise — while PostgreSQL restarts, the
 * app's pool reconnects by itself and this turns back to 200. Logs once per change of
 * state, not once per probe.
 */
export async function GET() {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("no answer within 3 s")), 3000))),
    ]);
    if (lastState === "down") console.log("[colloquy] health check: the database answers again");
    lastState = "up";
    return Response.json({ status: "ok", database: "up" }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (lastState === "up") {
      const detail = error instanceof Error ? error.message.trim().split("\n").at(-1) : String(error);
      console.error(`[colloquy] health check: database unreachable: ${detail}`);
    }
    lastState = "down";
    return Response.json(
      { status: "error", database: "down", message: "The database is not answering (it may be restarting)." },
      { status: 503, headers: { "Cache-Control": "no-store", "Retry-After": "2" } },
    );
  } finally {
    clearTimeout(timer);
  }
}
