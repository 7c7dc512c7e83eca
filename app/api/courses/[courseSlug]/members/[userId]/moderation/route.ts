import { requireUser } from "@/lib/auth/session";
import { moderateMember } from "@/lib/moderation/settings";
import { rateLimit } from "@/lib/rate-limit";
import { errorResponse, readJson } from "@/lib/http";

export const dynamic = "force-dynamic";

/** POST /api/courses/:courseSlug/members/:userId/moderation {action, until?, reason?} —
 *  instructors and TAs: premoderate-student / unpremoderate-student, mute (until a
 *  wall-clock time in the course's zone, with the reason the student is told) / unmute. */
export async function POST(request: Request, { params }: { params: Promise<{ courseSlug: string; userId: string }> }) {
  try {
    const user = await requireUser();
    await rateLimit("moderate", user.id);
    const { courseSlug, userId } = await params;
    return Response.json(await moderateMember({ userId: user.id, courseSlug, memberId: userId, input: await readJson(request, 4096) }));
  } catch (error) {
    return errorResponse(error, "POST member moderation");
  }
}
