"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { X } from "lucide-react";
import type { CommentView } from "@/lib/comments/comment-view";
import { useDiscussion } from "@/components/reading/discussion-context";
import { Composer } from "@/components/reading/composer";
import { CommentItem } from "@/components/reading/comment-thread";

type Loaded = { blockId: string } & ({ state: "error"; message: string } | { state: "ready"; comments: CommentView[] });
type Load = { state: "loading" } | Loaded;

/** Union by id, oldest first (the order threads are read in). */
function mergeComments(a: CommentView[], b: CommentView[]): CommentView[] {
  const byId = new Map<string, CommentView>();
  for (const c of [...a, ...b]) byId.set(c.id, c);
  return [...byId.values()].sort((x, y) => x.createdAt.localeCompare(y.createdAt) || x.id.localeCompare(y.id));
}
const NONE: CommentView[] = [];

async function errorMessage(response: Response) {
  const data = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (response.status === 401) return "Your session has ended. Sign in again (your draft is kept).";
  return data?.error?.message ?? `The server answered ${response.status}. Your draft is kept; try again.`;
}

/** The open paragraph's discussion: a side panel on wide screens, a bottom sheet on phones. */
export function DiscussionPanel() {
  const { readingId, openBlockId, openNumber, openExcerpt, focusTarget, focusRequest, close, setCount, bumpCount, announce } = useDiscussion();
  // Comments this reader posted, per paragraph: merged into whatever the server sends, so a
  // load that finishes after a post can never make the new comment disappear.
  const posted = useRef(new Map<string, CommentView[]>());
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  // What was loaded belongs to one paragraph; any other open paragraph is still loading.
  const load: Load = loaded && loaded.blockId === openBlockId ? loaded : { state: "loading" };
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!openBlockId) return;
    let cancelled = false;
    fetch(`/api/comments?blockId=${encodeURIComponent(openBlockId)}`, { cache: "no-store" })
      .then(async (r) => {
        if (!r.ok) throw new Error(await errorMessage(r));
        return (await r.json()) as { comments: CommentView[] };
      })
      .then((data) => {
        if (cancelled) return;
        const comments = mergeComments(data.comments, posted.current.get(openBlockId) ?? []);
        setLoaded({ blockId: openBlockId, state: "ready", comments });
        setCount(openBlockId, comments.length);
      })
      .catch((e: Error) => !cancelled && setLoaded({ blockId: openBlockId, state: "error", message: e.message }));
    return () => {
      cancelled = true;
    };
  }, [openBlockId, setCount]);

  // Focus follows each open request (a click → heading, `c` → the main composer), without
  // re-loading the thread.
  useEffect(() => {
    if (!openBlockId) return;
    requestAnimationFrame(() => {
      if (focusTarget === "composer") document.getElementById("main-composer")?.focus();
      else heading.current?.focus();
    });
  }, [focusRequest, focusTarget, openBlockId]);

  const post = useCallback(
    async (body: string, parentId?: string): Promise<string | null> => {
      if (!openBlockId) return "No paragraph is open.";
      const response = await fetch("/api/comments", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ readingId, blockId: openBlockId, parentId, body }),
      }).catch(() => null);
      if (!response) return "Could not reach Colloquy. Check your connection; your draft is kept.";
      if (!response.ok) return errorMessage(response);
      const { comment } = (await response.json()) as { comment: CommentView };
      posted.current.set(openBlockId, [...(posted.current.get(openBlockId) ?? []), comment]);
      setLoaded((current) =>
        current && current.blockId === openBlockId && current.state === "ready"
          ? { ...current, comments: mergeComments(current.comments, [comment]) }
          : current,
      );
      bumpCount(openBlockId);
      announce(parentId ? "Reply posted." : "Comment posted.");
      return null;
    },
    [openBlockId, readingId, bumpCount, announce],
  );

  const comments = load.state === "ready" ? load.comments : NONE;
  const { roots, childrenOf } = useMemo(() => {
    const childrenOf = new Map<string, CommentView[]>();
    const roots: CommentView[] = [];
    const ids = new Set(comments.map((c) => c.id));
    for (const c of comments) {
      if (c.parentId && ids.has(c.parentId)) childrenOf.set(c.parentId, [...(childrenOf.get(c.parentId) ?? []), c]);
      else roots.push(c);
    }
    return { roots, childrenOf };
  }, [comments]);

  if (!openBlockId) return null;
  return (
    <aside
      id="discussion-panel"
      aria-labelledby="discussion-heading"
      className="no-print fixed inset-x-0 bottom-0 z-40 flex h-[85vh] flex-col rounded-t-2xl border-t border-stone-200 bg-white shadow-2xl lg:inset-x-auto lg:bottom-0 lg:right-0 lg:top-14 lg:h-auto lg:w-[400px] lg:rounded-none lg:border-l lg:border-t-0 lg:shadow-none dark:border-stone-800 dark:bg-stone-900"
    >
      <div className="flex items-center justify-between border-b border-stone-200 px-4 py-3 dark:border-stone-800">
        <h2 id="discussion-heading" ref={heading} tabIndex={-1} className="text-base font-semibold">
          Paragraph {openNumber}
        </h2>
        <button type="button" onClick={close} aria-label="Close discussion" className="rounded-md p-1.5 hover:bg-stone-100 dark:hover:bg-stone-800">
          <X aria-hidden className="h-5 w-5" />
        </button>
      </div>
      <div className="flex-1 overflow-y-auto px-4">
        {openExcerpt ? (
          <p className="mt-3 line-clamp-3 border-l-2 border-amber-300 pl-3 font-serif text-sm text-stone-600 dark:text-stone-400">{openExcerpt}</p>
        ) : null}
        {load.state === "loading" ? (
          <div aria-busy="true" className="space-y-3 py-4">
            <div className="h-4 w-2/3 animate-pulse rounded bg-stone-200 dark:bg-stone-800" />
            <div className="h-4 w-1/2 animate-pulse rounded bg-stone-200 dark:bg-stone-800" />
          </div>
        ) : load.state === "error" ? (
          <p role="alert" className="py-4 text-sm text-red-700 dark:text-red-400">
            {load.message}
          </p>
        ) : roots.length === 0 ? (
          <p className="py-4 text-sm text-stone-600 dark:text-stone-400">No one has discussed this paragraph yet — start the conversation.</p>
        ) : (
          <ul aria-label={`Discussion of paragraph ${openNumber}`} className="divide-y divide-stone-100 dark:divide-stone-800">
            {roots.map((c) => (
              <CommentItem key={c.id} comment={c} childrenOf={childrenOf} depth={0} onReply={(parentId, body) => post(body, parentId)} />
            ))}
          </ul>
        )}
      </div>
      <div className="border-t border-stone-200 p-4 dark:border-stone-800">
        <Composer
          key={openBlockId}
          id="main-composer"
          label="Comment"
          submitLabel="Post comment"
          placeholder={`Comment on paragraph ${openNumber}…`}
          draftKey={`colloquy:draft:${openBlockId}`}
          onSubmit={(body) => post(body)}
        />
      </div>
    </aside>
  );
}

