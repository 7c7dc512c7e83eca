import { requireUser } from "@/lib/auth/session";
import { exportParticipation } from "@/lib/participation/export-participation";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

/** GET /api/courses/:courseSlug/exports/participation?layout=grades|detail — CSV (instructors, TAs). */
export async function GET(request: Request, { params }: { params: Promise<{ courseSlug: string }> }) {
  try {
    const user = await requireUser();
    const layout = new URL(request.url).searchParams.get("layout") ?? "grades";
    if (layout !== "grades" && layout !== "detail") throw new AppError("INVALID_INPUT", "Choose layout=grades or layout=detail.");
    const { csv, filename } = await exportParticipation({ userId: user.id, courseSlug: (await params).courseSlug, layout });
    return new Response(csv, {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" },
    });
  } catch (error) {
    return errorResponse(error, "GET participation export");
  }
}
