"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { X } from "lucide-react";
import type { CommentView, ThreadPage, ThreadSort, ThreadView } from "@/lib/comments/comment-view";
import { useDiscussion, useLiveEvents } from "@/components/reading/discussion-context";
import { Composer } from "@/components/reading/composer";
import { privacyRequest, usePostPrivacy } from "@/components/reading/privacy-fields";
import { PrivacyFields } from "@/components/reading/privacy-choices";
import { ThreadList, type ThreadOps } from "@/components/reading/comment-thread";
import { callApi } from "@/components/reading/client-api";
import { appendReplies, appendThreads, removeComment, upsertComment, upsertThread } from "@/components/reading/thread-state";
import { quietButtonClass, secondaryButtonClass } from "@/components/ui/field";

type Loaded = { blockId: string; sort: ThreadSort; threads: ThreadView[]; nextCursor: string | null; locked?: { hidden: number } | null };
type Load = { state: "loading" } | { state: "error"; message: string } | ({ state: "ready" } & Loaded);

type CommentAnswer = { comment: CommentView; number: number | null; thread: ThreadView | null };

const SORT_KEY = "colloquy:sort";

/** The open paragraph's discussion: a side panel on wide screens, a bottom sheet on phones.
 *  Threads load a page at a time; live events for this paragraph update it in place. */
export function DiscussionPanel() {
  const d = useDiscussion();
  const postPrivacy = usePostPrivacy();
  const { readingId, readingPath, openBlockId, openNumber, openExcerpt, focusTarget, focusRequest, close, markSeen, announce, passage, setPassage, target, setActiveThread, refreshReading } = d;
  const [sort, setSort] = useState<ThreadSort>(() => (typeof window !== "undefined" && localStorage.getItem(SORT_KEY) === "activity" ? "activity" : "text"));
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<{ blockId: string; message: string } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [arrived, setArrived] = useState<Set<string>>(new Set());
  const [reloads, setReloads] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const current = useRef<{ blockId: string | null }>({ blockId: null });
  /** The paragraph whose classmates' comments are held back ("post before you see"). */
  const lockedHere = useRef<string | null>(null);
  useEffect(() => {
    current.current = { blockId: openBlockId };
  }, [openBlockId]);

  const load: Load =
    error && error.blockId === openBlockId ? { state: "error", message: error.message } : loaded && loaded.blockId === openBlockId && loaded.sort === sort ? { state: "ready", ...loaded } : { state: "loading" };
  useEffect(() => {
    lockedHere.current = loaded?.locked ? loaded.blockId : null;
  }, [loaded]);

  /** Apply a change to the loaded threads if they still belong to `blockId`. */
  const change = useCallback((blockId: string, update: (threads: ThreadView[], sort: ThreadSort) => ThreadView[]) => {
    setLoaded((l) => (l && l.blockId === blockId ? { ...l, threads: update(l.threads, l.sort) } : l));
  }, []);

  const markRead = useCallback(
    (blockId: string) => {
      markSeen(blockId);
      void callApi("/api/comments/read", { method: "POST", json: { blockId } });
    },
    [markSeen],
  );

  // First page of threads whenever the paragraph or the order changes.
  useEffect(() => {
    if (!openBlockId) return;
    let cancelled = false;
    const blockId = openBlockId;
    void callApi<ThreadPage>(`/api/comments?blockId=${encodeURIComponent(blockId)}&sort=${sort}`).then((r) => {
      if (cancelled) return;
      if (!r.ok) return setError({ blockId, message: r.message });
      setError(null);
      setLoaded({ blockId, sort, threads: r.data.threads, nextCursor: r.data.nextCursor, locked: r.data.locked ?? null });
      markRead(blockId);
    });
    return () => {
      cancelled = true;
    };
  }, [openBlockId, sort, markRead, reloads]);

  // Focus follows each open request (a click → heading, `c` → the main composer).
  useEffect(() => {
    if (!openBlockId || target) return;
    requestAnimationFrame(() => {
      if (focusTarget === "composer") document.getElementById("main-composer")?.focus();
      else heading.current?.focus();
    });
  }, [focusRequest, focusTarget, openBlockId, target]);

  // A deep link or a clicked highlight: make sure its thread is loaded, then go to it.
  const ready = load.state === "ready";
  useEffect(() => {
    if (!target || !openBlockId || !ready) return;
    let cancelled = false;
    const blockId = openBlockId;
    void (async () => {
      if (!document.querySelector(`[data-comment="${CSS.escape(target.commentId)}"]`)) {
        const r = await callApi<CommentAnswer>(`/api/comments/${target.commentId}?thread=1`);
        if (cancelled) return;
        if (!r.ok) return announce(r.message);
        if (r.data.thread) change(blockId, (threads, s) => upsertThread(threads, r.data.thread!, s));
      }
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          const el = document.querySelector<HTMLElement>(`[data-comment="${CSS.escape(target.commentId)}"]`);
          el?.scrollIntoView({ block: "center" });
          el?.focus();
          const thread = el?.closest("[data-thread]")?.getAttribute("data-thread");
          if (thread) setActiveThread(thread);
        }),
      );
    })();
    return () => {
      cancelled = true;
    };
  }, [target, openBlockId, ready, change, announce, setActiveThread]);

  useEffect(() => {
    if (!openBlockId) setActiveThread(null);
  }, [openBlockId, setActiveThread]);

  // Live: this paragraph's comments, fetched through the authorised API as they change.
  const readTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useLiveEvents((event) => {
    const blockId = current.current.blockId;
    // Missed too much, or the reading was edited: load the open paragraph again.
    if (blockId && (event.kind === "live.reset" || event.kind === "discussion.changed")) return setReloads((n) => n + 1);
    if (!blockId || event.blockId !== blockId || !event.commentId || !event.kind.startsWith("comment.")) return;
    const id = event.commentId;
    void callApi<CommentAnswer>(`/api/comments/${id}`).then((r) => {
      if (!r.ok) {
        if (r.status === 404) change(blockId, (threads) => removeComment(threads, id));
        return;
      }
      const comment = r.data.comment;
      change(blockId, (threads, s) => upsertComment(threads, comment, s));
      if (event.kind === "comment.created" && !event.mine) {
        setArrived((a) => new Set(a).add(id));
        setTimeout(() => setArrived((a) => ((a.delete(id), new Set(a)))), 2500);
        announce(`New ${comment.parentId ? "reply" : "comment"} from ${comment.author?.name ?? "a classmate"}.`);
        // Seen while open: keep it from counting as unread later.
        if (readTimer.current) clearTimeout(readTimer.current);
        readTimer.current = setTimeout(() => markRead(blockId), 1500);
      }
    });
  });

  const post = useCallback(
    async (body: string, requestKey: string, parent?: CommentView): Promise<string | null> => {
      if (!openBlockId) return "No paragraph is open.";
      const blockId = openBlockId;
      const withPassage = !parent && passage && passage.blockId === blockId ? passage : null;
      const r = await callApi<{ comment: CommentView }>("/api/comments", {
        method: "POST",
        json: {
          readingId,
          blockId,
          parentId: parent?.id,
          body,
          idempotencyKey: requestKey,
          ...privacyRequest(postPrivacy, !!parent),
          ...(withPassage ? { passage: { start: withPassage.start, end: withPassage.end, quote: withPassage.quote } } : {}),
        },
      });
      if (!r.ok) return r.message;
      const comment = r.data.comment;
      change(blockId, (threads, s) => upsertComment(threads, comment, s));
      announce(parent ? "Reply posted." : "Comment posted.");
      // "Post before you see": the paragraph may be open now — load it again, and the page's counts.
      if (lockedHere.current === blockId) {
        setReloads((n) => n + 1);
        refreshReading();
      }
      if (withPassage) {
        setPassage(null);
        // The new highlight is part of the reading's server-rendered text.
        refreshReading();
      }
      return null;
    },
    [openBlockId, readingId, passage, change, announce, setPassage, refreshReading, postPrivacy],
  );

  const ops = useMemo<ThreadOps>(
    () => ({
      reply: (parent, body, key) => post(body, key, parent),
      async edit(comment, body) {
        const r = await callApi<{ comment: CommentView }>(`/api/comments/${comment.id}`, { method: "PATCH", json: { body } });
        if (!r.ok) return r.message;
        if (comment.blockId) change(comment.blockId, (threads, s) => upsertComment(threads, r.data.comment, s));
        announce("Comment saved.");
        return null;
      },
      async remove(comment) {
        const r = await callApi(`/api/comments/${comment.id}`, { method: "DELETE" });
        if (!r.ok) return r.message;
        const blockId = comment.blockId;
        if (!blockId) return null;
        // A tombstone stays while replies hang off it; otherwise the comment goes.
        const after = await callApi<CommentAnswer>(`/api/comments/${comment.id}`);
        change(blockId, (threads, s) => (after.ok ? upsertComment(threads, after.data.comment, s) : removeComment(threads, comment.id)));
        announce("Comment deleted.");
        if (comment.passage && !after.ok) refreshReading();
        return null;
      },
      async react(comment, helpful) {
        const r = await callApi<{ comment: CommentView }>(`/api/comments/${comment.id}/helpful`, { method: helpful ? "POST" : "DELETE" });
        if (!r.ok) return r.message;
        if (comment.blockId) change(comment.blockId, (threads, s) => upsertComment(threads, r.data.comment, s));
        return null;
      },
      async loadMoreReplies(thread) {
        if (!thread.moreReplies || !thread.root.blockId) return null;
        const blockId = thread.root.blockId;
        const r = await callApi<{ replies: CommentView[]; moreReplies: string | null }>(`/api/comments/${thread.root.id}/replies?cursor=${encodeURIComponent(thread.moreReplies)}`);
        if (!r.ok) return r.message;
        change(blockId, (threads) => appendReplies(threads, thread.root.id, r.data.replies, r.data.moreReplies));
        return null;
      },
      update(comment, next) {
        if (!comment.blockId) return;
        change(comment.blockId, (threads, s) => (next ? upsertComment(threads, next, s) : removeComment(threads, comment.id)));
      },
      announce,
      linkTo: (comment) => `${location.origin}${readingPath}#c-${comment.id}`,
    }),
    [post, change, announce, readingPath, refreshReading],
  );
  // A closed reading (students) or an archived course: the threads can be read, not answered or changed.
  const readOnlyOps = useMemo<ThreadOps>(() => ({ ...ops, reply: undefined, edit: undefined, remove: undefined, react: undefined }), [ops]);

  async function loadMore() {
    if (load.state !== "ready" || !load.nextCursor) return;
    setLoadingMore(true);
    const { blockId, sort: s, nextCursor } = load;
    const r = await callApi<ThreadPage>(`/api/comments?blockId=${encodeURIComponent(blockId)}&sort=${s}&cursor=${encodeURIComponent(nextCursor)}`);
    setLoadingMore(false);
    if (!r.ok) return announce(r.message);
    setLoaded((l) => (l && l.blockId === blockId && l.sort === s ? { ...l, threads: appendThreads(l.threads, r.data.threads), nextCursor: r.data.nextCursor } : l));
  }

  if (!openBlockId) return null;
  const locked = load.state === "ready" ? load.locked : null;
  const quote = passage && passage.blockId === openBlockId ? passage : null;
  return (
    <aside
      id="discussion-panel"
      aria-labelledby="discussion-heading"
      className="no-print fixed inset-x-0 bottom-0 z-40 flex h-[70vh] flex-col rounded-t-2xl border-t border-stone-200 bg-white shadow-2xl lg:inset-x-auto lg:bottom-0 lg:right-0 lg:top-14 lg:h-auto lg:w-[400px] lg:rounded-none lg:border-l lg:border-t-0 lg:shadow-none dark:border-stone-800 dark:bg-stone-900"
    >
      <div className="flex items-center justify-between gap-2 border-b border-stone-200 px-4 py-3 dark:border-stone-800">
        <h2 id="discussion-heading" ref={heading} tabIndex={-1} className="text-base font-semibold">
          Paragraph {openNumber}
        </h2>
        <div className="flex items-center gap-1">
          <label htmlFor="thread-sort" className="sr-only">
            Order threads
          </label>
          <select
            id="thread-sort"
            value={sort}
            onChange={(e) => {
              const next = e.target.value === "activity" ? "activity" : "text";
              setSort(next);
              localStorage.setItem(SORT_KEY, next);
            }}
            className="rounded border border-stone-300 bg-white px-1 py-0.5 text-xs dark:border-stone-700 dark:bg-stone-900"
          >
            <option value="text">In text order</option>
            <option value="activity">Most recent activity</option>
          </select>
          <button type="button" onClick={close} aria-label="Close discussion" className="rounded-md p-1.5 hover:bg-stone-100 dark:hover:bg-stone-800">
            <X aria-hidden className="h-5 w-5" />
          </button>
        </div>
      </div>
      <div className="flex-1 overflow-y-auto px-4">
        {openExcerpt ? <p className="mt-3 line-clamp-3 border-l-2 border-amber-300 pl-3 font-serif text-sm text-stone-600 dark:text-stone-400">{openExcerpt}</p> : null}
        {load.state === "loading" ? (
          <div aria-busy="true" className="space-y-3 py-4">
            <div className="h-4 w-2/3 animate-pulse rounded bg-stone-200 dark:bg-stone-800" />
            <div className="h-4 w-1/2 animate-pulse rounded bg-stone-200 dark:bg-stone-800" />
          </div>
        ) : load.state === "error" ? (
          <p role="alert" className="py-4 text-sm text-red-700 dark:text-red-400">
            {load.message}
          </p>
        ) : null}
        {locked ? (
          <p role="note" className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-stone-800 dark:border-amber-700 dark:bg-amber-950 dark:text-stone-200">
            Post your own comment on this paragraph to see your classmates&apos; ({locked.hidden} {locked.hidden === 1 ? "comment" : "comments"}).
          </p>
        ) : null}
        {load.state !== "ready" ? null : load.threads.length === 0 ? (
          locked ? null : (
            <p className="py-4 text-sm text-stone-600 dark:text-stone-400">No one has discussed this paragraph yet — start the conversation.</p>
          )
        ) : (
          <>
            <ThreadList threads={load.threads} label={`Discussion of paragraph ${openNumber}`} ops={d.closedReason ? readOnlyOps : ops} arrived={arrived} />
            {load.nextCursor ? (
              <div className="py-3 text-center">
                <button type="button" className={secondaryButtonClass} onClick={() => void loadMore()} disabled={loadingMore}>
                  {loadingMore ? "Loading…" : "Load more"}
                </button>
              </div>
            ) : null}
          </>
        )}
      </div>
      <div className="border-t border-stone-200 p-4 dark:border-stone-800">
        {quote ? (
          <div className="mb-2 flex items-start gap-2">
            <blockquote aria-label="Quoted passage" className="line-clamp-3 flex-1 border-l-2 border-amber-400 pl-2 font-serif text-sm italic">
              “{quote.quote}”
            </blockquote>
            <button type="button" className={quietButtonClass} aria-label="Remove the quoted passage" onClick={() => setPassage(null)}>
              <X aria-hidden className="h-4 w-4" />
            </button>
          </div>
        ) : null}
        {quote?.clipped ? <p className="mb-2 text-xs text-stone-600 dark:text-stone-400">Your selection ran into the next paragraph; it was cut at the end of paragraph {quote.number}.</p> : null}
        {d.closedReason ? (
          <p role="note" className="text-sm text-stone-700 dark:text-stone-300">
            {d.closedReason}
          </p>
        ) : (
          <Composer
            key={openBlockId}
            id="main-composer"
            label="Comment"
            submitLabel="Post comment"
            placeholder={quote ? "Comment on this passage…" : `Comment on paragraph ${openNumber}…`}
            draftKey={`colloquy:draft:${openBlockId}`}
            onSubmit={(body, key) => post(body, key)}
            extras={<PrivacyFields />}
          />
        )}
      </div>
    </aside>
  );
}
