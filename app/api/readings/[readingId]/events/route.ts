import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { requireUser } from "@/lib/auth/session";
import { loadSessionUser } from "@/lib/auth/session-token";
import { findDiscussableReading, stillDiscussable } from "@/lib/comments/access";
import { postedBlockIdsOf } from "@/lib/comments/visibility";
import { isStaffRole } from "@/lib/auth/membership";
import { db } from "@/lib/db";
import { idParam } from "@/lib/comments/route-params";
import { liveStreamResponse, parsePosition } from "@/lib/live/sse";
import { readingTopic, userTopic } from "@/lib/live/topics";
import { errorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

/**
 * GET /api/readings/:id/events — Server-Sent Events: the reading's discussion as it happens
 * (and the user's own topic), for members only, each event filtered for this user.
 * Resumes from Last-Event-ID (or ?after=, which the page sets to where it was rendered).
 * Signed out → 401 (EventSource stops); a session that ends or a removal from the course
 * ends the stream with a final `live.end` message.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ readingId: string }> }) {
  try {
    const user = await requireUser();
    const readingId = idParam((await params).readingId);
    const { reading, viewer } = await findDiscussableReading(user.id, readingId);
    const token = await getToken({ req: request }).catch(() => null);
    const topics = [readingTopic(reading.id), userTopic(user.id)];
    const after = parsePosition(request.headers.get("last-event-id") ?? request.nextUrl.searchParams.get("after"), topics.length);
    return liveStreamResponse({
      request,
      // Students: where they have posted, for "post before you see" (grows as they post).
      listener: isStaffRole(viewer.role) ? { userId: viewer.userId, role: viewer.role } : { userId: viewer.userId, role: viewer.role, postedBlockIds: await postedBlockIdsOf(db, viewer.userId, reading.id) },
      topics,
      after,
      expiresAt: typeof token?.exp === "number" ? token.exp * 1000 : null,
      sessionId: typeof token?.sid === "string" ? token.sid : null,
      // Still signed in with this session (not signed out, password not changed) and still a member.
      recheck: async () => (await loadSessionUser(token))?.id === user.id && (await stillDiscussable(viewer, reading.id)),
    });
  } catch (error) {
    return errorResponse(error, "GET /api/readings/:id/events");
  }
}
