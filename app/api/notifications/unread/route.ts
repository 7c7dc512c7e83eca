import { requireUser } from "@/lib/auth/session";
import { countUnreadNotifications } from "@/lib/notifications/list-notifications";
import { errorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

/** GET /api/notifications/unread — the bell's count (the caller's own; at most 100, shown as "99+"). */
export async function GET() {
  try {
    const user = await requireUser();
    return Response.json({ unread: await countUnreadNotifications({ userId: user.id }) }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/notifications/unread");
  }
}
