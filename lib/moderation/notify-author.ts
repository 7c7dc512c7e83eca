import "server-only";
import type { Prisma } from "@/generated/prisma/client";

/**
 * HOOK for the notifications area: "your comment was endorsed / hidden (reason)". Called
 * inside the moderation transaction (lib/moderation/moderate-comment.ts), so a
 * notification exists exactly when the action commits. Until the notify engineer's
 * function lands on main this does nothing; replace the body with a call to it (with
 * `tx`) for the actions that concern the author: "hide", "unhide", "endorse", "approve".
 */
export async function notifyCommentModerated(
  _tx: Prisma.TransactionClient,
  _event: { commentId: string; authorId: string; actorId: string; action: string; reason: string | null },
): Promise<void> {}
