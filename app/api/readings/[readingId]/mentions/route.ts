import { requireUser } from "@/lib/auth/session";
import { idParam } from "@/lib/comments/route-params";
import { suggestMentions } from "@/lib/comments/suggest-mentions";
import { errorResponse } from "@/lib/http";
import { rateLimit } from "@/lib/rate-limit";

export const dynamic = "force-dynamic";

/** GET /api/readings/:id/mentions?q=… — course members whose name contains q (members of
 *  the reading's course only; rate limited; at most 8). */
export async function GET(request: Request, { params }: { params: Promise<{ readingId: string }> }) {
  try {
    const user = await requireUser();
    await rateLimit("mentions", user.id);
    const readingId = idParam((await params).readingId);
    const q = new URL(request.url).searchParams.get("q");
    return Response.json({ members: await suggestMentions({ userId: user.id, readingId, query: q }) }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/readings/:id/mentions");
  }
}
