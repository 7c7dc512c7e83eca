"use server";
import { requireUser } from "@/lib/auth/session";
import { AppError, toActionError, type ActionResult } from "@/lib/errors";
import { rateLimit } from "@/lib/rate-limit";
import { commentIdSchema } from "@/lib/validations/comment";
import { markAllNotificationsRead, markNotificationRead } from "@/lib/notifications/list-notifications";

// Public endpoints: each checks the session itself and touches only the signed-in user's
// own notifications (the recipient is part of every query's where).

/** Opening a notification in the inbox marks it read (the link then goes to the comment). */
export async function markNotificationReadAction(id: unknown): Promise<ActionResult<{ marked: boolean }>> {
  try {
    const user = await requireUser();
    await rateLimit("notifications", user.id);
    const parsed = commentIdSchema.safeParse(id);
    if (!parsed.success) throw new AppError("INVALID_INPUT", "That is not a notification id.");
    return { ok: true, data: { marked: await markNotificationRead({ userId: user.id, id: parsed.data }) } };
  } catch (error) {
    return toActionError(error, "mark a notification read");
  }
}

/** "Mark all read" on /notifications. */
export async function markAllNotificationsReadAction(): Promise<ActionResult<{ marked: number }>> {
  try {
    const user = await requireUser();
    await rateLimit("notifications", user.id);
    return { ok: true, data: { marked: await markAllNotificationsRead({ userId: user.id }) } };
  } catch (error) {
    return toActionError(error, "mark notifications read");
  }
}
