import { requireUser } from "@/lib/auth/session";
import { regenerateJoinCode } from "@/lib/courses/regenerate-join-code";
import { assertSameOrigin, errorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

/** POST /api/courses/:courseSlug/join-code — a new join code; the old one stops working (instructors). */
export async function POST(request: Request, { params }: { params: Promise<{ courseSlug: string }> }) {
  try {
    assertSameOrigin(request);
    const user = await requireUser();
    return Response.json(await regenerateJoinCode({ userId: user.id, courseSlug: (await params).courseSlug }));
  } catch (error) {
    return errorResponse(error, "POST join-code");
  }
}
