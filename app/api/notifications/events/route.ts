import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { requireUser } from "@/lib/auth/session";
import { loadSessionUser } from "@/lib/auth/session-token";
import { liveStreamResponse, parsePosition } from "@/lib/live/sse";
import { notificationsTopic, userTopic } from "@/lib/live/topics";
import { errorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

/**
 * GET /api/notifications/events — Server-Sent Events for the header's bell: a
 * `notifications.changed` ping (no content) whenever the signed-in user's notifications
 * change, on their own topics only (and `session.ended`, which ends the stream on sign-out).
 * Signed out → 401. Starts from now, or from Last-Event-ID / ?after= after a drop.
 */
export async function GET(request: NextRequest) {
  try {
    const user = await requireUser();
    const token = await getToken({ req: request }).catch(() => null);
    const topics = [notificationsTopic(user.id), userTopic(user.id)];
    const after = parsePosition(request.headers.get("last-event-id") ?? request.nextUrl.searchParams.get("after"), topics.length);
    return liveStreamResponse({
      request,
      listener: { userId: user.id, role: null },
      topics,
      after,
      expiresAt: typeof token?.exp === "number" ? token.exp * 1000 : null,
      sessionId: typeof token?.sid === "string" ? token.sid : null,
      recheck: async () => (await loadSessionUser(token))?.id === user.id,
    });
  } catch (error) {
    return errorResponse(error, "GET /api/notifications/events");
  }
}
