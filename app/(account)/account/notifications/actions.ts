"use server";
import { requireUser } from "@/lib/auth/session";
import { toActionError, type ActionResult } from "@/lib/errors";
import { rateLimit } from "@/lib/rate-limit";
import { updateNotificationSettings } from "@/lib/notifications/settings";
import type { NotificationSettingsInput } from "@/lib/validations/notification-settings";

/** Save the signed-in user's notification settings (a public endpoint: checks the session itself). */
export async function saveNotificationSettingsAction(input: unknown): Promise<ActionResult<NotificationSettingsInput>> {
  try {
    const user = await requireUser();
    await rateLimit("notifications", user.id);
    return { ok: true, data: await updateNotificationSettings({ userId: user.id, input }) };
  } catch (error) {
    return toActionError(error, "save notification settings");
  }
}
