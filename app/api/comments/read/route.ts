import { requireUser } from "@/lib/auth/session";
import { markThreadsRead } from "@/lib/comments/mark-threads-read";
import { errorResponse, readJson } from "@/lib/http";

export const dynamic = "force-dynamic";

/** POST /api/comments/read {blockId} — the user opened this paragraph's discussion. */
export async function POST(request: Request) {
  try {
    const user = await requireUser();
    return Response.json(await markThreadsRead({ userId: user.id, input: await readJson(request, 4096) }));
  } catch (error) {
    return errorResponse(error, "POST /api/comments/read");
  }
}
