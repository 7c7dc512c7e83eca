import { requireUser } from "@/lib/auth/session";
import { previewComment } from "@/lib/comments/preview-comment";
import { errorResponse, readJson } from "@/lib/http";

export const dynamic = "force-dynamic";

/** POST /api/comments/preview {body} — the composer's Preview: the same Markdown renderer
 *  posting uses, on the server, so the reading page ships no Markdown library. */
export async function POST(request: Request) {
  try {
    await requireUser();
    return Response.json(previewComment({ input: await readJson(request, 64 * 1024) }));
  } catch (error) {
    return errorResponse(error, "POST /api/comments/preview");
  }
}
