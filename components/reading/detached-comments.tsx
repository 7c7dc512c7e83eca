"use client";
import { useEffect, useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { Unlink } from "lucide-react";
import type { ThreadPage, ThreadView } from "@/lib/comments/comment-view";
import { ThreadList, type ThreadOps } from "@/components/reading/comment-thread";
import { callApi } from "@/components/reading/client-api";
import { appendReplies, appendThreads, removeComment, upsertComment } from "@/components/reading/thread-state";
import { secondaryButtonClass } from "@/components/ui/field";

/**
 * Comments whose text vanished in an edit: whole threads, readable by every member (not
 * answerable: the paragraph they answered is gone), in the same thread component as the
 * panel; instructors and TAs re-attach a thread with one click.
 */
export function DetachedComments({
  readingId,
  readingPath,
  initial,
  total,
  paragraphs,
  canReattach,
}: {
  readingId: string;
  readingPath: string;
  initial: ThreadPage;
  total: number;
  paragraphs: { id: string; number: number; excerpt: string }[];
  canReattach: boolean;
}) {
  const router = useRouter();
  const [threads, setThreads] = useState<ThreadView[]>(initial.threads);
  const [next, setNext] = useState<string | null>(initial.nextCursor);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState("");
  const [target, setTarget] = useState<Record<string, string>>({});

  // A new first page from the server (after a re-attach) replaces what was shown.
  const [shown, setShown] = useState(initial);
  if (shown !== initial) {
    setShown(initial);
    setThreads(initial.threads);
    setNext(initial.nextCursor);
  }

  // A deep link to a Detached comment (#c-<id>) lands here.
  useEffect(() => {
    const onFocus = async (e: Event) => {
      const id = (e as CustomEvent<string>).detail;
      if (!document.querySelector(`[data-comment="${CSS.escape(id)}"]`)) {
        const r = await callApi<{ thread: ThreadView | null }>(`/api/comments/${id}?thread=1`);
        if (r.ok && r.data.thread) setThreads((t) => appendThreads(t, [r.data.thread!]));
      }
      requestAnimationFrame(() => {
        const el = document.querySelector<HTMLElement>(`[data-comment="${CSS.escape(id)}"]`);
        el?.scrollIntoView({ block: "center" });
        el?.focus();
      });
    };
    window.addEventListener("colloquy:focus-detached", onFocus);
    // This list's code loads on demand (lazy-discussion.tsx) and may arrive after the page has
    // followed the link: a linked comment already listed here is brought into view on arrival.
    const linked = /^#c-([A-Za-z0-9_-]{1,64})$/.exec(location.hash)?.[1];
    if (linked && document.getElementById("detached-heading")?.closest("section")?.querySelector(`[data-comment="${CSS.escape(linked)}"]`)) {
      onFocus(new CustomEvent("colloquy:focus-detached", { detail: linked })).catch(() => {});
    }
    return () => window.removeEventListener("colloquy:focus-detached", onFocus);
  }, []);

  const ops = useMemo<ThreadOps>(() => {
    async function reattach(id: string) {
      const blockId = target[id] ?? paragraphs[0]?.id;
      setError(null);
      const r = await callApi(`/api/comments/${id}/reattach`, { method: "POST", json: { blockId } });
      if (!r.ok) return setError(r.message || "Could not re-attach the comment; try again.");
      router.refresh();
    }
    return {
      async react(comment, helpful) {
        const r = await callApi<{ comment: ThreadView["root"] }>(`/api/comments/${comment.id}/helpful`, { method: helpful ? "POST" : "DELETE" });
        if (!r.ok) return r.message;
        setThreads((t) => upsertComment(t, r.data.comment, "text"));
        return null;
      },
      async loadMoreReplies(thread) {
        if (!thread.moreReplies) return null;
        const r = await callApi<{ replies: ThreadView["replies"]; moreReplies: string | null }>(`/api/comments/${thread.root.id}/replies?cursor=${encodeURIComponent(thread.moreReplies)}`);
        if (!r.ok) return r.message;
        setThreads((t) => appendReplies(t, thread.root.id, r.data.replies, r.data.moreReplies));
        return null;
      },
      update(comment, nextView) {
        setThreads((t) => (nextView ? upsertComment(t, nextView, "text") : removeComment(t, comment.id)));
      },
      announce: (m) => {
        setMessage("");
        requestAnimationFrame(() => setMessage(m));
      },
      linkTo: (comment) => `${location.origin}${readingPath}#c-${comment.id}`,
      threadFooter: (thread) => (
        <div className="pb-3 pl-9 text-xs text-stone-600 dark:text-stone-400">
          {thread.detachedFrom?.paragraph ? <p>Was on paragraph {thread.detachedFrom.paragraph}.</p> : null}
          {thread.detachedFrom?.text ? (
            <p className="mt-1">
              Original paragraph: “{thread.detachedFrom.text.slice(0, 160)}
              {thread.detachedFrom.text.length > 160 ? "…" : ""}”
            </p>
          ) : null}
          {canReattach && paragraphs.length ? (
            <div className="mt-2 flex flex-wrap items-center gap-2">
              <label htmlFor={`reattach-${thread.root.id}`}>Attach to</label>
              <select
                id={`reattach-${thread.root.id}`}
                value={target[thread.root.id] ?? paragraphs[0]!.id}
                onChange={(e) => setTarget((t) => ({ ...t, [thread.root.id]: e.target.value }))}
                className="max-w-xs rounded border border-stone-300 bg-white px-1 py-0.5 text-xs dark:border-stone-700 dark:bg-stone-950"
              >
                {paragraphs.map((p) => (
                  <option key={p.id} value={p.id}>
                    ¶ {p.number}: {p.excerpt}
                  </option>
                ))}
              </select>
              <button type="button" className={secondaryButtonClass} onClick={() => void reattach(thread.root.id)}>
                Re-attach
              </button>
            </div>
          ) : null}
        </div>
      ),
    };
  }, [readingPath, canReattach, paragraphs, target, router]);

  async function loadMore() {
    if (!next) return;
    const r = await callApi<ThreadPage>(`/api/readings/${readingId}/detached?cursor=${encodeURIComponent(next)}`);
    if (!r.ok) return setError(r.message);
    setThreads((t) => appendThreads(t, r.data.threads));
    setNext(r.data.nextCursor);
  }

  return (
    <section aria-labelledby="detached-heading" className="no-print mt-12 rounded-lg border border-amber-300 bg-amber-50 p-4 font-sans dark:border-amber-800 dark:bg-stone-900">
      <h2 id="detached-heading" className="flex items-center gap-2 text-lg font-semibold">
        <Unlink aria-hidden className="h-5 w-5" /> Detached comments ({total})
      </h2>
      <p className="mt-1 text-sm text-stone-700 dark:text-stone-300">
        The text these comments were on was removed or rewritten in an edit, so Colloquy could not be sure where they belong. Nothing was deleted; the threads can be read here.
      </p>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="mt-3 rounded-md bg-white px-3 dark:bg-stone-950">
        <ThreadList threads={threads} label="Detached threads" ops={ops} readonly />
      </div>
      {next ? (
        <div className="mt-3 text-center">
          <button type="button" className={secondaryButtonClass} onClick={() => void loadMore()}>
            Load more
          </button>
        </div>
      ) : null}
      <div aria-live="polite" role="status" className="sr-only">
        {message}
      </div>
    </section>
  );
}
