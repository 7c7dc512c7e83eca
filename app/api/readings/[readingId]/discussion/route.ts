import { requireUser } from "@/lib/auth/session";
import { findDiscussableReading } from "@/lib/comments/access";
import { getReadingDiscussion } from "@/lib/comments/get-reading-discussion";
import { idParam } from "@/lib/comments/route-params";
import { errorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

/** GET /api/readings/:id/discussion — per-paragraph counts (and unread), highlights and
 *  the live position: what a page reloads after its live stream says "reset". */
export async function GET(_request: Request, { params }: { params: Promise<{ readingId: string }> }) {
  try {
    const user = await requireUser();
    const { reading, viewer } = await findDiscussableReading(user.id, idParam((await params).readingId));
    return Response.json(await getReadingDiscussion({ viewer, readingId: reading.id }), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/readings/:id/discussion");
  }
}
