"use client";
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import type { ImportedReading } from "@/lib/import/types";
import type { LandingView } from "@/lib/readings/revise-reading";
import { DraftEditor, type Draft } from "@/components/editor/draft-editor";
import { buttonClass, secondaryButtonClass } from "@/components/ui/field";
import { followTask } from "@/components/editor/task-progress";
import type { TaskView } from "@/lib/tasks/task-view";

/** The body of a task-starting request: the answer itself, or — when the work outlasted the
 *  request's wait (202) — the task's final body once it is done. */
async function settle(r: Response | null): Promise<{ ok: boolean; status: number; body: Record<string, unknown> | null }> {
  if (!r) return { ok: false, status: 0, body: null };
  const body = (await r.json().catch(() => null)) as (Record<string, unknown> & { task?: TaskView; statusUrl?: string }) | null;
  if (r.status !== 202 || !body?.task || !body.statusUrl) return { ok: r.ok, status: r.status, body };
  const outcome = await followTask({ statusUrl: body.statusUrl, task: body.task }, () => {});
  if (outcome.ok) return { ok: true, status: 200, body: { ...outcome.body, ...(outcome.body.result as object | undefined) } };
  return { ok: false, status: 422, body: { error: { message: outcome.message } } };
}

/**
 * Edit a published reading: fix text, merge/split/retype blocks, or replace it with a
 * corrected file. Before publishing, shows where every existing comment will land.
 */
export function ReadingEditor({ courseSlug, readingSlug, initial }: { courseSlug: string; readingSlug: string; initial: Draft }) {
  const router = useRouter();
  const [draft, setDraft] = useState<Draft>(initial);
  const [version, setVersion] = useState(0);
  const [landings, setLandings] = useState<LandingView[] | null>(null);
  const [checking, setChecking] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const base = `/api/courses/${courseSlug}/readings/${readingSlug}/revisions`;

  async function send(d: Draft, dryRun: boolean) {
    const r = await settle(await fetch(base, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ draft: d, dryRun }) }).catch(() => null));
    if (r.status === 0) return { error: "Could not reach Colloquy. Nothing was changed; try again." };
    const data = r.body as { landings?: LandingView[]; error?: { message: string } } | null;
    if (!r.ok || !data?.landings) return { error: data?.error?.message ?? `The server answered ${r.status}.` };
    return { landings: data.landings };
  }

  async function check(d: Draft) {
    setChecking(true);
    const result = await send(d, true);
    setChecking(false);
    if ("error" in result) setMessage(result.error ?? null);
    else setLandings(result.landings);
    return result;
  }

  async function publish(d: Draft): Promise<string | null> {
    const preview = await check(d);
    if ("error" in preview) return preview.error ?? "Could not check the comments.";
    const detached = preview.landings.filter((l) => l.to === null).length;
    if (detached > 0 && !confirm(`${detached} comment thread(s) will go to "Detached comments" (not deleted). Publish anyway?`)) return null;
    const result = await send(d, false);
    if ("error" in result) return result.error ?? "Publishing failed.";
    router.push(`/courses/${courseSlug}/readings/${readingSlug}`);
    router.refresh();
    return null;
  }

  async function reimport() {
    const f = file.current?.files?.[0];
    if (!f) return setMessage("Choose the corrected file first.");
    const form = new FormData();
    form.append("file", f);
    setMessage("Importing…");
    const r = await settle(await fetch(`/api/courses/${courseSlug}/imports`, { method: "POST", body: form }).catch(() => null));
    const data = r.body as { draft?: ImportedReading; error?: { message: string } } | null;
    if (!r.ok || !data?.draft) return setMessage(data?.error?.message ?? "The import failed.");
    const next: Draft = { ...data.draft, title: draft.title, author: draft.author ?? data.draft.author, source: draft.source ?? data.draft.source, date: draft.date ?? data.draft.date };
    setDraft(next);
    setVersion((v) => v + 1);
    setMessage(`Loaded "${f.name}". Check it, then see where the comments land.`);
    void check(next);
  }

  const moved = landings?.filter((l) => l.to !== null && l.to !== l.from).length ?? 0;
  const detached = landings?.filter((l) => l.to === null) ?? [];
  const aside = (
    <>
      <section aria-labelledby="reimport-heading" className="rounded-lg border border-stone-200 bg-white p-4 text-sm dark:border-stone-800 dark:bg-stone-900">
        <h2 id="reimport-heading" className="font-semibold">
          Replace with a corrected file
        </h2>
        <label htmlFor="reimport-file" className="mt-2 block text-xs">
          Corrected file
        </label>
        <input id="reimport-file" ref={file} type="file" className="mt-1 w-full text-xs" />
        <button type="button" className={`${secondaryButtonClass} mt-2`} onClick={reimport}>
          Load corrected file
        </button>
      </section>
      <section aria-labelledby="landing-heading" className="rounded-lg border border-stone-200 bg-white p-4 text-sm dark:border-stone-800 dark:bg-stone-900">
        <h2 id="landing-heading" className="font-semibold">
          Where the comments will land
        </h2>
        {message ? (
          <p role="status" className="mt-2 text-xs">
            {message}
          </p>
        ) : null}
        <button type="button" className={`${buttonClass} mt-2`} onClick={() => void check(draft)} disabled={checking}>
          {checking ? "Checking…" : "Check comment placement"}
        </button>
        {landings ? (
          <div className="mt-3">
            <p>
              {landings.length} threads: {landings.length - detached.length} stay attached ({moved} on a renumbered paragraph), {detached.length} to Detached.
            </p>
            <ul className="mt-2 max-h-80 space-y-1 overflow-y-auto" aria-label="Comment placement">
              {landings.map((l) => (
                <li key={l.commentId} className={l.to === null ? "text-amber-800 dark:text-amber-300" : ""}>
                  ¶ {l.from ?? "?"} → {l.to === null ? "Detached" : `¶ ${l.to}`} · {l.quote ? <q className="italic">{l.quote.length > 60 ? `${l.quote.slice(0, 57)}…` : l.quote}</q> : null}
                  {l.quote ? " · " : null}
                  {l.author}: {l.excerpt}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>
    </>
  );
  return (
    <DraftEditor
      key={version}
      initial={draft}
      publishLabel="Publish changes"
      onPublish={publish}
      onChange={(d) => {
        setDraft(d);
        setLandings(null);
      }}
      aside={aside}
    />
  );
}
