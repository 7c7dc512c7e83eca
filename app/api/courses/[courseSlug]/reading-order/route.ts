import { requireUser } from "@/lib/auth/session";
import { reorderReadings } from "@/lib/readings/reorder-readings";
import { errorResponse, readJson } from "@/lib/http";

export const dynamic = "force-dynamic";

/** PUT /api/courses/:courseSlug/reading-order {readingIds} — the schedule's order (instructors). */
export async function PUT(request: Request, { params }: { params: Promise<{ courseSlug: string }> }) {
  try {
    const user = await requireUser();
    return Response.json(await reorderReadings({ userId: user.id, courseSlug: (await params).courseSlug, input: await readJson(request, 64 * 1024) }));
  } catch (error) {
    return errorResponse(error, "PUT reading-order");
  }
}
