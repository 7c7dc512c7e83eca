"use client";
import type { CommentView } from "@/lib/comments/comment-view";
import type { CommentAction, CommentActionContext } from "@/components/reading/comment-actions";
import { callApi } from "@/components/reading/client-api";

/** Call the moderation API and put the comment's fresh view in the thread. */
async function moderate({ comment, update, announce }: CommentActionContext, action: string, done: string, reason?: string) {
  const r = await callApi<{ comment: CommentView }>(`/api/comments/${comment.id}/moderation`, { method: "POST", json: reason === undefined ? { action } : { action, reason } });
  if (!r.ok) return r.message;
  update(r.data.comment);
  announce(done);
  return null;
}

const staff = (c: CommentView) => !!c.can.moderate;
const root = (c: CommentView) => c.parentId === null;

/**
 * The staff's actions on a comment (shown where `can.moderate`, which the server sets for
 * instructors and TAs only — and checks again on every call), and members' Report.
 */
export const moderationActions: CommentAction[] = [
  {
    id: "hide",
    label: () => "Hide",
    available: (c) => staff(c) && c.state !== "hidden",
    prompt: { title: "Hide this comment", label: "Reason", submit: "Hide comment", hint: "Its author sees the reason; the class no longer sees the comment." },
    run: (ctx) => moderate(ctx, "hide", "Comment hidden.", ctx.input ?? ""),
  },
  {
    id: "staff-delete",
    label: () => "Delete",
    available: (c) => staff(c) && !c.isMine,
    confirm: "Delete this comment for everyone? Its text stays in History for the course staff.",
    run: (ctx) => moderate(ctx, "delete", "Comment deleted."),
  },
  { id: "unhide", label: () => "Unhide", available: (c) => staff(c) && c.state === "hidden", run: (ctx) => moderate(ctx, "unhide", "Comment visible to the class again.") },
  {
    id: "pin",
    label: (c) => (c.moderation?.pinned ? "Unpin" : "Pin"),
    available: (c) => staff(c) && root(c),
    run: (ctx) => (ctx.comment.moderation?.pinned ? moderate(ctx, "unpin", "Thread unpinned.") : moderate(ctx, "pin", "Thread pinned: it is shown first.")),
  },
  {
    id: "endorse",
    label: (c) => (c.moderation?.endorsed ? "Remove endorsement" : "Endorse"),
    available: (c) => staff(c) && (c.state === "visible" || !!c.moderation?.endorsed),
    run: (ctx) => (ctx.comment.moderation?.endorsed ? moderate(ctx, "unendorse", "Endorsement removed.") : moderate(ctx, "endorse", "Comment endorsed.")),
  },
  {
    id: "lock",
    label: (c) => (c.moderation?.locked ? "Unlock thread" : "Lock thread"),
    available: (c) => staff(c) && root(c),
    run: (ctx) => (ctx.comment.moderation?.locked ? moderate(ctx, "unlock", "Thread unlocked.") : moderate(ctx, "lock", "Thread locked: no new replies.")),
  },
  {
    id: "report",
    label: () => "Report",
    available: (c) => !!c.can.report,
    prompt: { title: "Report this comment", label: "Reason", submit: "Report comment", hint: "Only the course's instructors and TAs see reports." },
    run: async ({ comment, announce, input }) => {
      const r = await callApi(`/api/comments/${comment.id}/report`, { method: "POST", json: { reason: input ?? "" } });
      if (!r.ok) return r.message;
      announce("Thank you: the course staff will look at this comment.");
      return null;
    },
  },
];
