"use client";
import { useState } from "react";
import type { CommentView } from "@/lib/comments/comment-view";
import { Composer } from "@/components/reading/composer";
import { quietButtonClass } from "@/components/ui/field";

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

export function CommentItem({
  comment,
  childrenOf,
  depth,
  onReply,
}: {
  comment: CommentView;
  childrenOf: Map<string, CommentView[]>;
  depth: number;
  onReply(parentId: string, body: string): Promise<string | null>;
}) {
  const [replying, setReplying] = useState(false);
  const replies = childrenOf.get(comment.id) ?? [];
  const badge = comment.author.role === "INSTRUCTOR" ? "Instructor" : comment.author.role === "TA" ? "TA" : null;
  return (
    <li id={`c-${comment.id}`} className="scroll-mt-20">
      <article aria-label={`Comment by ${comment.author.name}`} className="py-3">
        <header className="flex items-center gap-2 text-sm">
          <span aria-hidden className="inline-flex h-7 w-7 items-center justify-center rounded-full bg-stone-200 text-xs font-semibold text-stone-700 dark:bg-stone-800 dark:text-stone-200">
            {initials(comment.author.name)}
          </span>
          <span className="font-semibold">{comment.author.name}</span>
          {badge ? <span className="rounded bg-accent/10 px-1.5 py-0.5 text-xs font-medium text-accent">{badge}</span> : null}
          <time dateTime={comment.createdAt} title={new Date(comment.createdAt).toLocaleString()} className="text-stone-500 dark:text-stone-400">
            {relative(comment.createdAt)}
          </time>
        </header>
        <div className="mt-1 whitespace-pre-wrap break-words pl-9 text-[0.95rem] leading-relaxed">{comment.body}</div>
        <div className="mt-1 pl-8">
          <button type="button" className={quietButtonClass} aria-expanded={replying} onClick={() => setReplying((r) => !r)}>
            Reply
          </button>
        </div>
        {replying ? (
          <div className="mt-2 pl-9">
            <Composer
              label="Reply"
              submitLabel="Post reply"
              draftKey={`colloquy:draft:reply:${comment.id}`}
              autoFocus
              onCancel={() => setReplying(false)}
              onSubmit={async (body) => {
                const problem = await onReply(comment.id, body);
                if (!problem) setReplying(false);
                return problem;
              }}
            />
          </div>
        ) : null}
      </article>
      {replies.length > 0 ? (
        <ul aria-label={`Replies to ${comment.author.name}`} className={`${depth < 6 ? "ml-4 border-l-2 border-stone-200 pl-3 dark:border-stone-800" : ""}`}>
          {replies.map((r) => (
            <CommentItem key={r.id} comment={r} childrenOf={childrenOf} depth={depth + 1} onReply={onReply} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
