import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { notifyModeration } from "@/lib/notifications/notify";

/**
 * "Your comment was endorsed / hidden (reason)". Called inside the moderation transaction
 * (lib/moderation/moderate-comment.ts), so a notification exists exactly when the action
 * commits. lib/notifications/notify.ts decides who is told (not the moderator themself,
 * only a member who still sees the comment) and for which actions ("endorse", "hide").
 */
export async function notifyCommentModerated(
  tx: Prisma.TransactionClient,
  event: { commentId: string; authorId: string; actorId: string; action: string; reason: string | null },
): Promise<void> {
  await notifyModeration(tx, event);
}
