import { z } from "zod";

export const EMAIL_FREQUENCIES = ["IMMEDIATE", "DIGEST", "NEVER"] as const;

/** /account/notifications: each kind on or off, and how often mail comes. Strict: an
 *  unknown field is refused rather than ignored. */
export const notificationSettingsSchema = z.strictObject({
  reply: z.boolean({ error: "Say whether you want to hear about replies." }),
  mention: z.boolean({ error: "Say whether you want to hear about mentions." }),
  endorsed: z.boolean({ error: "Say whether you want to hear when your comment is endorsed." }),
  hidden: z.boolean({ error: "Say whether you want to hear when your comment is hidden." }),
  email: z.enum(EMAIL_FREQUENCIES, { error: "Choose when mail comes: immediately, a daily digest, or never." }),
  // Reading notices: optional (absent keeps what is saved; a new row starts on).
  readingOpen: z.boolean({ error: "Say whether you want to hear when a new reading opens." }).optional(),
  readingDue: z.boolean({ error: "Say whether you want to hear the day before a reading is due." }).optional(),
}, {
  // Never echo the unknown key back: it is the caller's text, of any size.
  error: (issue) => (issue.code === "unrecognized_keys" ? "Only reply, mention, endorsed, hidden, readingOpen, readingDue and email can be set." : undefined),
});

export type NotificationSettingsInput = z.infer<typeof notificationSettingsSchema>;

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettingsInput = { reply: true, mention: true, endorsed: true, hidden: true, email: "IMMEDIATE", readingOpen: true, readingDue: true };
