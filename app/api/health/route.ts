import { db } from "@/lib/db";

export const dynamic = "force-dynamic";

/** 200 {"status":"ok","database":"up"} when the database answers within 3 s; 503 otherwise. */
export async function GET() {
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error("database timeout")), 3000)),
    ]);
    return Response.json({ status: "ok", database: "up" }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("[colloquy] health check: database unreachable:", error instanceof Error ? error.message : error);
    return Response.json({ status: "error", database: "down" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
