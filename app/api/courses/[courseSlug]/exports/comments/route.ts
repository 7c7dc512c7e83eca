import { requireUser } from "@/lib/auth/session";
import { streamCommentsExport } from "@/lib/participation/stream-comments-export";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

/** GET /api/courses/:courseSlug/exports/comments?format=csv|json — every comment, streamed (instructors, TAs). */
export async function GET(request: Request, { params }: { params: Promise<{ courseSlug: string }> }) {
  try {
    const user = await requireUser();
    const format = new URL(request.url).searchParams.get("format") ?? "csv";
    if (format !== "csv" && format !== "json") throw new AppError("INVALID_INPUT", "Choose format=csv or format=json.");
    const { stream, filename, contentType } = await streamCommentsExport({ userId: user.id, courseSlug: (await params).courseSlug, format });
    return new Response(stream, {
      headers: { "Content-Type": contentType, "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" },
    });
  } catch (error) {
    return errorResponse(error, "GET comments export");
  }
}
