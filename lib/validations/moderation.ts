import { z } from "zod";
import { plainText, visibleText } from "@/lib/validations/text";

/** What staff can do to a comment (lib/moderation/moderate-comment.ts). */
export const MODERATION_ACTIONS = ["hide", "unhide", "delete", "pin", "unpin", "endorse", "unendorse", "lock", "unlock", "approve", "dismiss"] as const;
export type ModerationActionName = (typeof MODERATION_ACTIONS)[number];

export const REASON_MAX = 500;

export const moderateCommentSchema = z
  .object({
    action: z.enum(MODERATION_ACTIONS, { message: "Choose what to do: hide, unhide, delete, pin, unpin, endorse, unendorse, lock, unlock, approve or dismiss." }),
    reason: plainText({ max: REASON_MAX, tooLong: `Keep the reason under ${REASON_MAX} characters.` }).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.action === "hide" && !value.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "Say why the comment is hidden: its author will see the reason." });
  });

export const reportCommentSchema = z
  .object({
    reason: visibleText({ max: REASON_MAX, empty: "Say what is wrong with this comment.", tooLong: `Keep the reason under ${REASON_MAX} characters.` }),
  })
  .strict();
