import { requireUser } from "@/lib/auth/session";
import { requireCourseRole, STAFF_ROLES } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { assertSameOrigin, errorResponse, readBody, readJson } from "@/lib/http";
import { MAX_BYTES } from "@/lib/import";
import { previewImport } from "@/lib/readings/preview-import";
import { z } from "zod";

const skipSchema = z.array(z.string().max(200)).max(5000);

export const dynamic = "force-dynamic";

/**
 * POST /api/courses/:courseSlug/imports — preview an import (nothing is stored).
 * Body: multipart form with `file` (and `skip`, a JSON list of repair ids to undo), or JSON
 * {text, fileName?, skip?} for pasted text.
 * Instructors and TAs only.
 */
export async function POST(request: Request, { params }: { params: Promise<{ courseSlug: string }> }) {
  try {
    const user = await requireUser();
    await requireCourseRole(user.id, (await params).courseSlug, STAFF_ROLES);
    assertSameOrigin(request);
    const type = request.headers.get("content-type") ?? "";
    let bytes: Uint8Array;
    let fileName: string;
    let skip: unknown = [];
    if (type.startsWith("multipart/form-data")) {
      // Count the bytes as they arrive (chunked uploads carry no Content-Length), then parse.
      const raw = await readBody(request, MAX_BYTES + 256 * 1024).catch((e: unknown) => {
        throw e instanceof AppError ? new AppError("TOO_LARGE", `That file is over the ${MAX_BYTES / 1024 / 1024} MB limit.`) : e;
      });
      const form = await new Response(raw as BodyInit, { headers: { "content-type": type } }).formData().catch(() => null);
      const file = form?.get("file");
      if (!(file instanceof File)) throw new AppError("INVALID_INPUT", "Choose a file to import.");
      bytes = new Uint8Array(await file.arrayBuffer());
      fileName = file.name || "upload";
      const rawSkip = form?.get("skip");
      if (typeof rawSkip === "string") {
        try {
          skip = JSON.parse(rawSkip) as unknown;
        } catch {
          skip = null; // reported as malformed below
        }
      }
    } else {
      const body = (await readJson(request, MAX_BYTES + 256 * 1024)) as { text?: unknown; fileName?: unknown; skip?: unknown } | null;
      if (!body || typeof body.text !== "string") throw new AppError("INVALID_INPUT", "Paste the reading's text, or choose a file.");
      bytes = new TextEncoder().encode(body.text);
      fileName = typeof body.fileName === "string" && body.fileName ? body.fileName : "pasted.txt";
      skip = body.skip ?? [];
    }
    const parsedSkip = skipSchema.safeParse(skip);
    if (!parsedSkip.success) throw new AppError("INVALID_INPUT", "The list of undone repairs is malformed; reload the page and try again.");
    const draft = await previewImport({ bytes, fileName, skip: parsedSkip.data });
    return Response.json({ draft, fileName });
  } catch (error) {
    return errorResponse(error, "POST imports");
  }
}
