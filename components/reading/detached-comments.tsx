"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Unlink } from "lucide-react";
import { secondaryButtonClass } from "@/components/ui/field";

type Detached = {
  id: string;
  body: string;
  quote: string | null;
  author: string;
  replies: number;
  from: { paragraph?: number | null; text?: string | null } | null;
};

/** Comments whose text vanished in an edit: kept, shown, and re-attachable in one click. */
export function DetachedComments({ comments, paragraphs, canReattach }: { comments: Detached[]; paragraphs: { id: string; number: number; excerpt: string }[]; canReattach: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [target, setTarget] = useState<Record<string, string>>({});

  async function reattach(id: string) {
    const blockId = target[id] ?? paragraphs[0]?.id;
    setError(null);
    const r = await fetch(`/api/comments/${id}/reattach`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ blockId }) }).catch(() => null);
    if (!r?.ok) {
      const data = (await r?.json().catch(() => null)) as { error?: { message?: string } } | null;
      setError(data?.error?.message ?? "Could not re-attach the comment; try again.");
      return;
    }
    router.refresh();
  }

  return (
    <section aria-labelledby="detached-heading" className="no-print mt-12 rounded-lg border border-amber-300 bg-amber-50 p-4 font-sans dark:border-amber-800 dark:bg-stone-900">
      <h2 id="detached-heading" className="flex items-center gap-2 text-lg font-semibold">
        <Unlink aria-hidden className="h-5 w-5" /> Detached comments ({comments.length})
      </h2>
      <p className="mt-1 text-sm text-stone-700 dark:text-stone-300">The text these comments were on was removed or rewritten in an edit, so Colloquy could not be sure where they belong. Nothing was deleted.</p>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <ul className="mt-3 space-y-3">
        {comments.map((c) => (
          <li key={c.id} className="rounded-md bg-white p-3 text-sm dark:bg-stone-950">
            <p>
              <strong>{c.author}</strong>
              {c.from?.paragraph ? <span className="text-stone-500 dark:text-stone-400"> · was on paragraph {c.from.paragraph}</span> : null}
              {c.replies ? <span className="text-stone-500 dark:text-stone-400"> · {c.replies} {c.replies === 1 ? "reply" : "replies"}</span> : null}
            </p>
            {c.quote ? <blockquote className="mt-1 border-l-2 border-amber-400 pl-2 italic">{c.quote}</blockquote> : null}
            <p className="mt-1 whitespace-pre-wrap">{c.body}</p>
            {c.from?.text ? <p className="mt-1 text-xs text-stone-500 dark:text-stone-400">Original paragraph: “{c.from.text.slice(0, 160)}{c.from.text.length > 160 ? "…" : ""}”</p> : null}
            {canReattach && paragraphs.length ? (
              <div className="mt-2 flex flex-wrap items-center gap-2">
                <label htmlFor={`reattach-${c.id}`} className="text-xs">
                  Attach to
                </label>
                <select
                  id={`reattach-${c.id}`}
                  value={target[c.id] ?? paragraphs[0]!.id}
                  onChange={(e) => setTarget({ ...target, [c.id]: e.target.value })}
                  className="max-w-xs rounded border border-stone-300 bg-white px-1 py-0.5 text-xs dark:border-stone-700 dark:bg-stone-950"
                >
                  {paragraphs.map((p) => (
                    <option key={p.id} value={p.id}>
                      ¶ {p.number}: {p.excerpt}
                    </option>
                  ))}
                </select>
                <button type="button" className={secondaryButtonClass} onClick={() => reattach(c.id)}>
                  Re-attach
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
