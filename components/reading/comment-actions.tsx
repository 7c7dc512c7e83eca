"use client";
import type { CommentView } from "@/lib/comments/comment-view";
import { moderationActions } from "@/components/moderation/comment-moderation-actions";

/**
 * Extra per-comment actions, shown after the built-in ones (Reply, Helpful, Copy link,
 * Edit, Delete, History) on every comment whose `can` allows them. Moderation adds Hide /
 * Pin / Endorse / Lock here, each a few lines, without touching the thread component:
 *
 *   { id: "hide", label: () => "Hide", available: (c) => !!c.can.hide, confirm: "Hide this comment?",
 *     run: async ({ comment, update }) => { const r = await callApi(`/api/comments/${comment.id}/hide`, …); if (r.ok) update(r.data.comment); return r.ok ? null : r.message } }
 *
 * (the server adds `hide` to CommentView.can for staff, and checks again when called).
 */
export interface CommentActionContext {
  comment: CommentView;
  /** Replace the comment in the thread with a fresh view (null: remove it). */
  update(next: CommentView | null): void;
  announce(message: string): void;
  /** What the person typed, for actions with a `prompt`. */
  input?: string;
}

export interface CommentAction {
  id: string;
  label(comment: CommentView): string;
  available(comment: CommentView): boolean;
  /** Asked once before running (the button turns into a confirmation). */
  confirm?: string;
  /** Asks for a text first (a small form: `label`d textbox and a `submit` button). */
  prompt?: { title: string; label: string; submit: string; hint?: string };
  /** Returns an error message, or null when done. */
  run(context: CommentActionContext): Promise<string | null>;
}

export const extraCommentActions: CommentAction[] = [...moderationActions];
