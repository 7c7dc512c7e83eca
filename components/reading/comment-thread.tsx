"use client";
import { useId, useMemo, useRef, useState } from "react";
import { ChevronDown, ChevronRight, Link2, ThumbsUp } from "lucide-react";
import { isPlaceholderView, type CommentView, type ThreadView } from "@/lib/comments/comment-view";
import { Composer } from "@/components/reading/composer";
import { ReplyPrivacyFields } from "@/components/reading/privacy-choices";
import { extraCommentActions, type CommentAction } from "@/components/reading/comment-actions";
import { layoutThread, type ThreadNode } from "@/components/reading/thread-layout";
import { CommentHistoryButton } from "@/components/reading/comment-history";
import { quietButtonClass } from "@/components/ui/field";

/** What a thread list can do; the panel implements all of it, the Detached list a part. */
export interface ThreadOps {
  reply?(parent: CommentView, body: string, requestKey: string): Promise<string | null>;
  edit?(comment: CommentView, body: string): Promise<string | null>;
  remove?(comment: CommentView): Promise<string | null>;
  react?(comment: CommentView, helpful: boolean): Promise<string | null>;
  loadMoreReplies?(thread: ThreadView): Promise<string | null>;
  /** Put a fresh view of a comment in place (null: remove it). */
  update(comment: CommentView, next: CommentView | null): void;
  announce(message: string): void;
  /** The link to a comment, for "Copy link". */
  linkTo(comment: CommentView): string;
  /** Extra controls under a thread (e.g. staff's "Re-attach" in the Detached list). */
  threadFooter?(thread: ThreadView): React.ReactNode;
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase())
    .join("");

function relative(iso: string) {
  const seconds = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  if (seconds < 60) return "just now";
  if (seconds < 3600) return rtf.format(-Math.round(seconds / 60), "minute");
  if (seconds < 86400) return rtf.format(-Math.round(seconds / 3600), "hour");
  return rtf.format(-Math.round(seconds / 86400), "day");
}

const exact = (iso: string) => new Date(iso).toLocaleString();

/** The threads of a paragraph (or the Detached list): one component for both. */
export function ThreadList({ threads, label, ops, readonly, arrived }: { threads: ThreadView[]; label: string; ops: ThreadOps; readonly?: boolean; arrived?: Set<string> }) {
  return (
    <ul aria-label={label} className="divide-y divide-stone-200 dark:divide-stone-800">
      {threads.map((t) => (
        <ThreadItem key={t.root.id} thread={t} ops={ops} readonly={readonly} arrived={arrived} />
      ))}
    </ul>
  );
}

function ThreadItem({ thread, ops, readonly, arrived }: { thread: ThreadView; ops: ThreadOps; readonly?: boolean; arrived?: Set<string> }) {
  const tree = useMemo(() => layoutThread(thread.root, thread.replies), [thread.root, thread.replies]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const unloaded = Math.max(0, thread.replyCount - thread.replies.filter((r) => !isPlaceholderView(r)).length);
  return (
    <CommentNode node={tree} depth={0} ops={ops} readonly={readonly} arrived={arrived} threadId={thread.root.id}>
      {thread.moreReplies && ops.loadMoreReplies ? (
        <div className="pb-2 pl-9">
          <button
            type="button"
            className={quietButtonClass}
            disabled={loading}
            onClick={async () => {
              setLoading(true);
              setError(null);
              const problem = await ops.loadMoreReplies!(thread);
              setLoading(false);
              if (problem) setError(problem);
            }}
          >
            {loading ? "Loading…" : unloaded > 0 ? `Show ${unloaded} more ${unloaded === 1 ? "reply" : "replies"}` : "Show more replies"}
          </button>
          {error ? (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              {error}
            </p>
          ) : null}
        </div>
      ) : null}
      {ops.threadFooter?.(thread)}
    </CommentNode>
  );
}

function CommentNode({
  node,
  depth,
  ops,
  readonly,
  arrived,
  threadId,
  children,
}: {
  node: ThreadNode;
  depth: number;
  ops: ThreadOps;
  readonly?: boolean;
  arrived?: Set<string>;
  threadId: string;
  children?: React.ReactNode;
}) {
  const [collapsed, setCollapsed] = useState(false);
  const listId = useId();
  const c = node.comment;
  const who = c.author?.name ?? "a deleted comment";
  return (
    <li id={`c-${c.id}`} className="scroll-mt-20" data-thread={threadId}>
      <CommentItem comment={c} ops={ops} readonly={readonly} replyingTo={node.replyingTo} arrived={arrived?.has(c.id) ?? false} />
      {node.children.length > 0 ? (
        <>
          <div className="pl-8">
            <button type="button" className={`${quietButtonClass} text-xs`} aria-expanded={!collapsed} aria-controls={listId} onClick={() => setCollapsed((v) => !v)}>
              {collapsed ? <ChevronRight aria-hidden className="h-3.5 w-3.5" /> : <ChevronDown aria-hidden className="h-3.5 w-3.5" />}
              {collapsed ? `Show ${node.descendants} ${node.descendants === 1 ? "reply" : "replies"}` : `Hide ${node.descendants === 1 ? "reply" : "replies"}`}
            </button>
          </div>
          <ul id={listId} hidden={collapsed} aria-label={`Replies to ${who}`} className={depth < 5 ? "ml-3 border-l-2 border-stone-200 pl-3 dark:border-stone-800" : ""}>
            {node.children.map((child) => (
              <CommentNode key={child.comment.id} node={child} depth={depth + 1} ops={ops} readonly={readonly} arrived={arrived} threadId={threadId} />
            ))}
          </ul>
        </>
      ) : null}
      {children}
    </li>
  );
}

type Mode = { kind: "idle" } | { kind: "replying" } | { kind: "editing" } | { kind: "confirm"; action: "delete" | string } | { kind: "prompt"; action: string };

export function CommentItem({ comment, ops, readonly, replyingTo, arrived }: { comment: CommentView; ops: ThreadOps; readonly?: boolean; replyingTo?: string | null; arrived?: boolean }) {
  const [mode, setMode] = useState<Mode>({ kind: "idle" });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const article = useRef<HTMLElement>(null);
  const helpfulId = useId();

  if (comment.state === "deleted" || comment.state === "withheld") {
    const label = comment.state === "deleted" ? "Comment deleted" : "Hidden by an instructor";
    return (
      <article aria-label={comment.state === "deleted" ? "Deleted comment" : "Hidden comment"} tabIndex={-1} data-comment={comment.id} className="py-3 text-sm italic text-stone-500 dark:text-stone-400">
        {label}
      </article>
    );
  }
  const author = comment.author!;
  const extras = extraCommentActions.filter((a) => a.available(comment));

  async function act(work: () => Promise<string | null>, after?: () => void) {
    setBusy(true);
    setError(null);
    const problem = await work();
    setBusy(false);
    if (problem) setError(problem);
    else after?.();
  }

  async function runExtra(action: CommentAction, input?: string) {
    await act(
      () => action.run({ comment, update: (next) => ops.update(comment, next), announce: ops.announce, input }),
      () => {
        setMode({ kind: "idle" });
        // The form that had focus is gone: keep the reader's place on this comment (focus
        // would otherwise fall back to the top of the page).
        requestAnimationFrame(() => {
          if (!article.current?.contains(document.activeElement)) article.current?.focus();
        });
      },
    );
  }
  const prompting = mode.kind === "prompt" ? extras.find((a) => a.id === mode.action) : undefined;

  const helpfulNames = comment.helpful.names.length
    ? `Found helpful by ${comment.helpful.names.join(", ")}${comment.helpful.count > comment.helpful.names.length ? ` and ${comment.helpful.count - comment.helpful.names.length} more` : ""}`
    : "No one has marked this helpful yet";

  return (
    <article
      ref={article}
      aria-label={`Comment by ${author.name}`}
      tabIndex={-1}
      data-comment={comment.id}
      className={`rounded-md py-3 focus:outline-none focus-visible:ring-2 focus-visible:ring-accent ${arrived ? "comment-arrived" : ""} ${comment.badges.some((b) => b.id === "private") ? "private-note" : ""}`}
    >
      <header className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
        <span aria-hidden className="inline-flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-stone-200 text-xs font-semibold text-stone-700 dark:bg-stone-800 dark:text-stone-200">
          {initials(author.name)}
        </span>
        <span className="font-semibold">{author.name}</span>
        {comment.badges.map((b) => (
          <span
            key={b.id}
            title={b.title}
            className={`rounded px-1.5 py-0.5 text-xs font-medium ${b.tone === "warning" ? "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200" : b.tone === "muted" ? "bg-stone-200 text-stone-700 dark:bg-stone-800 dark:text-stone-300" : "bg-accent/10 text-accent"}`}
          >
            {b.label}
          </span>
        ))}
        <time dateTime={comment.createdAt} title={exact(comment.createdAt)} suppressHydrationWarning className="text-stone-600 dark:text-stone-400">
          {relative(comment.createdAt)}
        </time>
        {comment.editedAt ? (
          <span className="text-stone-600 dark:text-stone-400" title={`Edited ${exact(comment.editedAt)}`} suppressHydrationWarning>
            · edited <time dateTime={comment.editedAt}>{relative(comment.editedAt)}</time>
          </span>
        ) : null}
        {comment.isNew ? <span className="rounded bg-amber-200 px-1.5 py-0.5 text-xs font-semibold text-amber-950 dark:bg-amber-800 dark:text-amber-50">New</span> : null}
      </header>
      {replyingTo ? <p className="mt-1 pl-9 text-xs text-stone-600 dark:text-stone-400">replying to {replyingTo}</p> : null}
      {comment.passage ? (
        <blockquote className="mt-2 ml-9 border-l-2 border-amber-400 pl-2 font-serif text-sm italic text-stone-700 dark:text-stone-300">
          <span className="sr-only">On the passage: </span>“{comment.passage.quote}”
        </blockquote>
      ) : null}
      {comment.notice ? (
        <p className="mt-1 ml-9 rounded bg-amber-50 px-2 py-1 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100" data-notice>
          {comment.notice}
        </p>
      ) : null}
      {comment.parentId === null && comment.moderation?.locked ? <p className="mt-1 pl-9 text-sm text-stone-600 dark:text-stone-400">Locked by an instructor: this thread takes no new replies.</p> : null}
      {mode.kind === "editing" && ops.edit ? (
        <div className="mt-2 pl-9">
          <Composer
            label="Edit comment"
            submitLabel="Save"
            pendingLabel="Saving…"
            draftKey={`colloquy:draft:edit:${comment.id}`}
            initialValue={comment.source ?? ""}
            autoFocus
            onCancel={() => {
              localStorage.removeItem(`colloquy:draft:edit:${comment.id}`);
              setMode({ kind: "idle" });
              requestAnimationFrame(() => article.current?.focus());
            }}
            onSubmit={async (body) => {
              const problem = await ops.edit!(comment, body);
              if (!problem) setMode({ kind: "idle" });
              return problem;
            }}
          />
        </div>
      ) : (
        <div className="comment-body mt-1 pl-9" dangerouslySetInnerHTML={{ __html: comment.html ?? "" }} />
      )}
      <div className="mt-1 flex flex-wrap items-center gap-x-1 pl-7">
        {mode.kind === "confirm" ? (
          <div role="group" aria-label="Confirm" className="flex items-center gap-2 text-sm">
            <span>{mode.action === "delete" ? "Delete this comment?" : (extras.find((a) => a.id === mode.action)?.confirm ?? "Are you sure?")}</span>
            <button
              type="button"
              className={`${quietButtonClass} font-semibold text-red-700 dark:text-red-400`}
              disabled={busy}
              onClick={() => {
                if (mode.action === "delete") void act(() => ops.remove!(comment), () => setMode({ kind: "idle" }));
                else {
                  const action = extras.find((a) => a.id === mode.action);
                  if (action) void runExtra(action);
                }
              }}
            >
              {mode.action === "delete" ? "Delete" : (extras.find((a) => a.id === mode.action)?.label(comment) ?? "Confirm")}
            </button>
            <button type="button" className={quietButtonClass} autoFocus onClick={() => setMode({ kind: "idle" })}>
              Cancel
            </button>
          </div>
        ) : (
          <>
            {!readonly && comment.can.reply && ops.reply ? (
              <button type="button" className={quietButtonClass} aria-expanded={mode.kind === "replying"} onClick={() => setMode(mode.kind === "replying" ? { kind: "idle" } : { kind: "replying" })}>
                Reply
              </button>
            ) : null}
            {comment.can.react && ops.react ? (
              <button
                type="button"
                className={`${quietButtonClass} aria-pressed:text-accent aria-pressed:font-semibold`}
                aria-pressed={comment.helpful.mine}
                aria-describedby={helpfulId}
                title={helpfulNames}
                disabled={busy}
                onClick={() => void act(() => ops.react!(comment, !comment.helpful.mine))}
              >
                <ThumbsUp aria-hidden className="h-3.5 w-3.5" /> Helpful{comment.helpful.count ? ` ${comment.helpful.count}` : ""}
              </button>
            ) : comment.helpful.count ? (
              <span className="px-2 text-sm text-stone-600 dark:text-stone-400" title={helpfulNames} aria-describedby={helpfulId} tabIndex={0}>
                <ThumbsUp aria-hidden className="mr-1 inline h-3.5 w-3.5" />
                {comment.helpful.count} found this helpful
              </span>
            ) : null}
            <span id={helpfulId} hidden>
              {helpfulNames}
            </span>
            <button
              type="button"
              className={quietButtonClass}
              onClick={async () => {
                const url = ops.linkTo(comment);
                try {
                  await navigator.clipboard.writeText(url);
                  ops.announce("Link to the comment copied.");
                } catch {
                  window.prompt("Copy this link to the comment:", url);
                }
              }}
            >
              <Link2 aria-hidden className="h-3.5 w-3.5" /> Copy link
            </button>
            {comment.can.edit && ops.edit ? (
              <button type="button" className={quietButtonClass} onClick={() => setMode({ kind: "editing" })} aria-expanded={mode.kind === "editing"}>
                Edit
              </button>
            ) : null}
            {comment.can.delete && ops.remove ? (
              <button type="button" className={quietButtonClass} onClick={() => setMode({ kind: "confirm", action: "delete" })}>
                Delete
              </button>
            ) : null}
            {comment.can.history ? <CommentHistoryButton commentId={comment.id} /> : null}
            {extras.map((a) => (
              <button
                key={a.id}
                type="button"
                className={quietButtonClass}
                disabled={busy}
                aria-expanded={a.prompt ? mode.kind === "prompt" && mode.action === a.id : undefined}
                onClick={() => (a.prompt ? setMode({ kind: "prompt", action: a.id }) : a.confirm ? setMode({ kind: "confirm", action: a.id }) : void runExtra(a))}
              >
                {a.label(comment)}
              </button>
            ))}
          </>
        )}
      </div>
      {prompting?.prompt ? (
        <ActionPrompt
          action={prompting}
          busy={busy}
          onCancel={() => {
            setMode({ kind: "idle" });
            requestAnimationFrame(() => article.current?.focus());
          }}
          onSubmit={(text) => void runExtra(prompting, text)}
        />
      ) : null}
      {error ? (
        <p role="alert" className="mt-1 pl-9 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      {mode.kind === "replying" && ops.reply ? (
        <div className="mt-2 pl-9">
          <Composer
            label="Reply"
            submitLabel="Post reply"
            draftKey={`colloquy:draft:reply:${comment.id}`}
            extras={<ReplyPrivacyFields />}
            autoFocus
            onCancel={() => setMode({ kind: "idle" })}
            onSubmit={async (body, key) => {
              const problem = await ops.reply!(comment, body, key);
              if (!problem) setMode({ kind: "idle" });
              return problem;
            }}
          />
        </div>
      ) : null}
    </article>
  );
}

/** A small form asking for a text before an action runs (Hide's and Report's "Reason"). */
function ActionPrompt({ action, busy, onCancel, onSubmit }: { action: CommentAction; busy: boolean; onCancel(): void; onSubmit(text: string): void }) {
  const id = useId();
  const [text, setText] = useState("");
  const prompt = action.prompt!;
  return (
    // A non-modal dialog beside the comment (Hide's and Report's reason): the reader keeps the
    // comment in view; Escape or Cancel closes it, and focus returns to the comment.
    <form
      role="dialog"
      aria-label={prompt.title}
      className="mt-2 ml-9 space-y-2 rounded-md border border-stone-300 p-3 dark:border-stone-700"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(text);
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") onCancel();
      }}
    >
      <p className="text-sm font-semibold">{prompt.title}</p>
      <label htmlFor={id} className="block text-sm">
        {prompt.label}
      </label>
      <textarea id={id} value={text} onChange={(e) => setText(e.target.value)} required maxLength={500} rows={2} autoFocus aria-describedby={prompt.hint ? `${id}-hint` : undefined} className="w-full rounded border border-stone-300 bg-white p-2 text-sm dark:border-stone-700 dark:bg-stone-900" />
      {prompt.hint ? (
        <p id={`${id}-hint`} className="text-xs text-stone-600 dark:text-stone-400">
          {prompt.hint}
        </p>
      ) : null}
      <div className="flex gap-2">
        <button type="submit" disabled={busy} className={`${quietButtonClass} font-semibold`}>
          {prompt.submit}
        </button>
        <button type="button" className={quietButtonClass} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
