import "server-only";
import { db } from "@/lib/db";
import { AppError, fieldErrors } from "@/lib/errors";
import { DEFAULT_NOTIFICATION_SETTINGS, notificationSettingsSchema, type NotificationSettingsInput } from "@/lib/validations/notification-settings";

/** The user's notification settings (the defaults while they never saved any). */
export async function getNotificationSettings(options: { userId: string }): Promise<NotificationSettingsInput> {
  const row = await db.notificationSettings.findUnique({ where: { userId: options.userId }, select: { reply: true, mention: true, endorsed: true, hidden: true, email: true, readingOpen: true, readingDue: true } });
  return row ?? DEFAULT_NOTIFICATION_SETTINGS;
}

/** Save them (validated; only the user's own row). */
export async function updateNotificationSettings(options: { userId: string; input: unknown }): Promise<NotificationSettingsInput> {
  const parsed = notificationSettingsSchema.safeParse(options.input);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error.issues);
    throw new AppError("INVALID_INPUT", Object.values(fields)[0] ?? "Check the settings and try again.", fields);
  }
  if (typeof options.userId !== "string" || options.userId.length === 0) throw new Error("settings need the user's id");
  const data = parsed.data;
  await db.notificationSettings.upsert({ where: { userId: options.userId }, create: { userId: options.userId, ...data }, update: data });
  return data;
}
