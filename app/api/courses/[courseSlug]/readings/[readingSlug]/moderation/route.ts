import { requireUser } from "@/lib/auth/session";
import { moderateReading } from "@/lib/moderation/settings";
import { rateLimit } from "@/lib/rate-limit";
import { errorResponse, readJson } from "@/lib/http";

export const dynamic = "force-dynamic";

/** POST /api/courses/:courseSlug/readings/:readingSlug/moderation {action} — instructors and
 *  TAs: premoderate-reading / unpremoderate-reading, lock-reading / unlock-reading. */
export async function POST(request: Request, { params }: { params: Promise<{ courseSlug: string; readingSlug: string }> }) {
  try {
    const user = await requireUser();
    await rateLimit("moderate", user.id);
    const { courseSlug, readingSlug } = await params;
    return Response.json(await moderateReading({ userId: user.id, courseSlug, readingSlug, input: await readJson(request, 4096) }));
  } catch (error) {
    return errorResponse(error, "POST reading moderation");
  }
}
