import { requireUser } from "@/lib/auth/session";
import { listDetachedThreads } from "@/lib/comments/list-detached";
import { idParam } from "@/lib/comments/route-params";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

/** GET /api/readings/:id/detached?cursor=… — the next page of Detached threads. */
export async function GET(request: Request, { params }: { params: Promise<{ readingId: string }> }) {
  try {
    const user = await requireUser();
    const cursor = new URL(request.url).searchParams.get("cursor");
    if (cursor !== null && cursor.length > 400) throw new AppError("INVALID_INPUT", "That page link is not valid.");
    const readingId = idParam((await params).readingId);
    return Response.json(await listDetachedThreads({ userId: user.id, readingId, cursor }), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/readings/:id/detached");
  }
}
