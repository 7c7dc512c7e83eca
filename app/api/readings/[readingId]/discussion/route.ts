import { requireUser } from "@/lib/auth/session";
import { findDiscussableReading } from "@/lib/comments/access";
import { getReadingDiscussion, passageHighlights } from "@/lib/comments/get-reading-discussion";
import { idParam } from "@/lib/comments/route-params";
import { errorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

/** GET /api/readings/:id/discussion — per-paragraph counts (and unread), highlights and
 *  the live position: what a page reloads after its live stream says "reset".
 *  `?only=tips`: the highlights with their tips alone (what the page loads after itself). */
export async function GET(request: Request, { params }: { params: Promise<{ readingId: string }> }) {
  try {
    const user = await requireUser();
    const { reading, viewer } = await findDiscussableReading(user.id, idParam((await params).readingId));
    const headers = { "Cache-Control": "no-store" };
    if (new URL(request.url).searchParams.get("only") === "tips") return Response.json({ highlights: await passageHighlights(viewer, reading.id, true) }, { headers });
    return Response.json(await getReadingDiscussion({ viewer, readingId: reading.id }), { headers });
  } catch (error) {
    return errorResponse(error, "GET /api/readings/:id/discussion");
  }
}
