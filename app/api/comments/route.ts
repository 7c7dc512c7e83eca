import { requireUser } from "@/lib/auth/session";
import { createComment } from "@/lib/comments/create-comment";
import { listThreads } from "@/lib/comments/list-threads";
import { errorResponse, readJson } from "@/lib/http";
import { rateLimit } from "@/lib/rate-limit";
import { BUSY_MESSAGE, BUSY_RETRY_AFTER_SECONDS, postsGate } from "@/lib/net/admission";
import { enterRead } from "@/lib/net/read-turn";

export const dynamic = "force-dynamic";

/** GET /api/comments?blockId=…&sort=text|activity&cursor=… — a page of a paragraph's
 *  threads (members only; only what the viewer may see). */
export async function GET(request: Request) {
  // Reads queue for a turn when the instance is saturated, so posts go through (lib/net/read-turn.ts).
  const release = await enterRead();
  if (release instanceof Response) return release;
  try {
    const user = await requireUser();
    const query = Object.fromEntries(new URL(request.url).searchParams);
    return Response.json(await listThreads({ userId: user.id, query }), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/comments");
  } finally {
    release();
  }
}

/** POST /api/comments {readingId, blockId, parentId?, body, passage?: {start, end, quote}, idempotencyKey?} */
export async function POST(request: Request) {
  let release: (() => void) | null = null;
  try {
    const user = await requireUser();
    await rateLimit("comment", user.id);
    const input = await readJson(request);
    // Past this instance's capacity, a quick 503 instead of a queue that grows until every
    // post times out (lib/net/admission.ts); a refused post was never started. A turn is
    // taken only with the whole body in hand: a client trickling its body (or one refused
    // for its session or its rate) never holds one.
    const gate = postsGate();
    release = gate ? await gate.enter() : () => {};
    if (!release) {
      return Response.json(
        { error: { code: "UNAVAILABLE", message: BUSY_MESSAGE } },
        { status: 503, headers: { "Retry-After": String(BUSY_RETRY_AFTER_SECONDS), "Cache-Control": "no-store" } },
      );
    }
    const comment = await createComment({ userId: user.id, input });
    return Response.json({ comment }, { status: 201 });
  } catch (error) {
    return errorResponse(error, "POST /api/comments");
  } finally {
    release?.();
  }
}
