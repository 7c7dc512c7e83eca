"use client";
import { useRef, useState } from "react";
import { History } from "lucide-react";
import { callApi } from "@/components/reading/client-api";
import { quietButtonClass } from "@/components/ui/field";

type HistoryData = {
  author: string;
  deleted: boolean;
  deletedAt: string | null;
  versions: { html: string; from: string; until: string; editedBy: string | null }[];
  current: { html: string; from: string };
};

/** Instructors and TAs: a comment's earlier versions (and deleted text), for audit. */
export function CommentHistoryButton({ commentId }: { commentId: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [data, setData] = useState<HistoryData | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function show() {
    dialog.current?.showModal();
    const r = await callApi<HistoryData>(`/api/comments/${commentId}/history`);
    if (r.ok) setData(r.data);
    else setError(r.message);
  }

  return (
    <>
      <button type="button" className={quietButtonClass} onClick={() => void show()}>
        <History aria-hidden className="h-3.5 w-3.5" /> History
      </button>
      <dialog ref={dialog} aria-labelledby={`history-${commentId}`} className="m-auto max-h-[80vh] w-[min(36rem,92vw)] overflow-y-auto rounded-lg p-5 font-sans dark:bg-stone-900 dark:text-stone-100">
        <h2 id={`history-${commentId}`} className="text-lg font-semibold">
          History of this comment
        </h2>
        {error ? <p role="alert" className="mt-2 text-sm text-red-700">{error}</p> : null}
        {!data && !error ? <p className="mt-2 text-sm">Loading…</p> : null}
        {data ? (
          <ol className="mt-3 space-y-3 text-sm">
            {data.versions.map((v) => (
              <li key={v.until} className="rounded border border-stone-200 p-2 dark:border-stone-700">
                <p className="text-xs text-stone-600 dark:text-stone-400">
                  {new Date(v.from).toLocaleString()} – {new Date(v.until).toLocaleString()}
                </p>
                <div className="comment-body mt-1" dangerouslySetInnerHTML={{ __html: v.html }} />
              </li>
            ))}
            <li className="rounded border border-stone-300 p-2 dark:border-stone-600">
              <p className="text-xs font-semibold text-stone-700 dark:text-stone-300">
                {data.deleted ? `Deleted by ${data.author} ${data.deletedAt ? new Date(data.deletedAt).toLocaleString() : ""} — last text:` : `Current (since ${new Date(data.current.from).toLocaleString()})`}
              </p>
              <div className="comment-body mt-1" dangerouslySetInnerHTML={{ __html: data.current.html }} />
            </li>
          </ol>
        ) : null}
        <form method="dialog" className="mt-4 text-right">
          <button className="rounded-md bg-accent px-3 py-1.5 text-sm font-semibold text-white">Close</button>
        </form>
      </dialog>
    </>
  );
}
