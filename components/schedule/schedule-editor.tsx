"use client";
import { useId, useState, useSyncExternalStore } from "react";
import { useRouter } from "next/navigation";
import Link from "next/link";
import { ArrowDown, ArrowUp } from "lucide-react";
import { secondaryButtonClass, quietButtonClass } from "@/components/ui/field";
import { callApi } from "@/lib/api-client";

const noSubscription = () => () => {};

export interface ScheduleRow {
  id: string;
  slug: string;
  title: string;
  phaseLabel: string | null;
  draft: boolean;
  opensAt: string;
  dueAt: string;
  closesAt: string;
  comments: number;
}

const FIELDS = [
  { key: "opensAt", label: "Opens", hint: "Students see it from then on" },
  { key: "dueAt", label: "Due", hint: "The rubric counts posts made before this" },
  { key: "closesAt", label: "Closes", hint: "After this, students can read but not post" },
] as const;

/**
 * The instructor's schedule: every reading in order with Move up / Move down (buttons, so
 * reordering works from the keyboard and on a phone — no dragging needed), a Draft switch,
 * and open/due/close inputs in the course's time zone, saved per reading.
 */
export function ScheduleEditor({ courseSlug, rows: initial, timeZone }: { courseSlug: string; rows: ScheduleRow[]; timeZone: string }) {
  const router = useRouter();
  const [rows, setRows] = useState(initial);
  const [announce, setAnnounce] = useState("");
  const [orderError, setOrderError] = useState<string | null>(null);
  // After a refresh the server's rows win (React's "adjust state when a prop changes").
  const [seen, setSeen] = useState(initial);
  if (seen !== initial) {
    setSeen(initial);
    setRows(initial);
  }

  async function move(index: number, delta: -1 | 1) {
    const target = index + delta;
    if (target < 0 || target >= rows.length) return;
    const before = rows;
    const next = rows.slice();
    const [item] = next.splice(index, 1);
    next.splice(target, 0, item!);
    setRows(next);
    setOrderError(null);
    const result = await callApi("PUT", `/api/courses/${courseSlug}/reading-order`, { readingIds: next.map((r) => r.id) });
    if (!result.ok) {
      setRows(before);
      setOrderError(result.message);
      return;
    }
    setAnnounce(`Moved “${item!.title}” to position ${target + 1} of ${next.length}.`);
    router.refresh();
  }

  return (
    <div>
      <BrowserZoneHint courseZone={timeZone} courseSlug={courseSlug} />
      <p aria-live="polite" className="sr-only">
        {announce}
      </p>
      {orderError ? (
        <p role="alert" className="mb-3 text-sm text-red-700 dark:text-red-400">
          {orderError}
        </p>
      ) : null}
      <ol aria-label="Schedule" className="space-y-3">
        {rows.map((row, i) => (
          <li key={row.id} className="rounded-lg border border-stone-200 bg-white p-3 sm:p-4 dark:border-stone-800 dark:bg-stone-900">
            <div className="flex items-start gap-2">
              <span className="mt-0.5 w-6 shrink-0 text-right text-sm tabular-nums text-stone-500 dark:text-stone-400" aria-hidden>
                {i + 1}.
              </span>
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={`/courses/${courseSlug}/readings/${row.slug}`} className="font-serif text-lg font-semibold hover:text-accent hover:underline">
                    {row.title}
                  </Link>
                  {row.phaseLabel ? <span className="rounded bg-stone-200 px-1.5 py-0.5 text-xs font-medium text-stone-800 dark:bg-stone-800 dark:text-stone-200">{row.phaseLabel}</span> : null}
                  <span className="text-xs text-stone-500 dark:text-stone-400">{row.comments} comments</span>
                </div>
                <ScheduleForm courseSlug={courseSlug} row={row} />
              </div>
              <div className="flex shrink-0 flex-col gap-1">
                <button type="button" className={quietButtonClass} onClick={() => void move(i, -1)} disabled={i === 0} aria-label={`Move “${row.title}” up`}>
                  <ArrowUp aria-hidden className="h-4 w-4" />
                </button>
                <button type="button" className={quietButtonClass} onClick={() => void move(i, 1)} disabled={i === rows.length - 1} aria-label={`Move “${row.title}” down`}>
                  <ArrowDown aria-hidden className="h-4 w-4" />
                </button>
              </div>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}

function ScheduleForm({ courseSlug, row }: { courseSlug: string; row: ScheduleRow }) {
  const router = useRouter();
  const id = useId();
  const [values, setValues] = useState({ opensAt: row.opensAt, dueAt: row.dueAt, closesAt: row.closesAt, draft: row.draft });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const dirty = values.opensAt !== row.opensAt || values.dueAt !== row.dueAt || values.closesAt !== row.closesAt || values.draft !== row.draft;

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setStatus(null);
    const result = await callApi("PATCH", `/api/courses/${courseSlug}/readings/${row.slug}/schedule`, values);
    setPending(false);
    if (!result.ok) {
      setErrors(result.fields ?? { form: result.message });
      return;
    }
    setErrors({});
    setStatus("Saved");
    router.refresh();
  }

  return (
    <form onSubmit={save} className="mt-2" noValidate aria-label={`Schedule for “${row.title}”`}>
      <div className="grid gap-2 sm:grid-cols-3">
        {FIELDS.map((f) => (
          <div key={f.key} className="flex flex-col gap-0.5">
            <label htmlFor={`${id}-${f.key}`} className="text-xs font-medium">
              {f.label}
            </label>
            <input
              id={`${id}-${f.key}`}
              type="datetime-local"
              value={values[f.key]}
              onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
              aria-invalid={errors[f.key] ? true : undefined}
              aria-describedby={errors[f.key] ? `${id}-${f.key}-error` : `${id}-${f.key}-hint`}
              className="rounded border border-stone-300 bg-white px-1.5 py-1 text-sm dark:border-stone-700 dark:bg-stone-950"
            />
            {errors[f.key] ? (
              <span id={`${id}-${f.key}-error`} className="text-xs text-red-700 dark:text-red-400">
                {errors[f.key]}
              </span>
            ) : (
              <span id={`${id}-${f.key}-hint`} className="text-xs text-stone-500 dark:text-stone-400">
                {f.hint}
              </span>
            )}
          </div>
        ))}
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <label className="inline-flex items-center gap-1.5 text-sm">
          <input type="checkbox" checked={values.draft} onChange={(e) => setValues((v) => ({ ...v, draft: e.target.checked }))} className="h-4 w-4" />
          Draft (only staff see it)
        </label>
        <button type="submit" className={secondaryButtonClass} disabled={pending || !dirty}>
          {pending ? "Saving…" : "Save dates"}
        </button>
        <span aria-live="polite" className="text-sm text-stone-600 dark:text-stone-400">
          {dirty ? "Unsaved changes" : status}
        </span>
      </div>
      {errors.form ? (
        <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
          {errors.form}
        </p>
      ) : Object.keys(errors).length ? (
        <p role="alert" className="sr-only">
          {Object.values(errors).join(" ")}
        </p>
      ) : null}
    </form>
  );
}

/** When the instructor's own clock is in another zone than the course's, say so. */
function BrowserZoneHint({ courseZone, courseSlug }: { courseZone: string; courseSlug: string }) {
  const zone = useSyncExternalStore(
    noSubscription,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => null,
  );
  return (
    <p className="mb-4 text-sm text-stone-600 dark:text-stone-400">
      Dates are in the course&apos;s time zone, <strong>{courseZone.replace(/_/g, " ")}</strong>.
      {zone && zone !== courseZone ? (
        <>
          {" "}
          Your computer is set to {zone.replace(/_/g, " ")} —{" "}
          <Link href={`/courses/${courseSlug}/settings`} className="text-accent dark:text-sky-300 underline">
            change the course&apos;s time zone
          </Link>{" "}
          if that is where the class is.
        </>
      ) : null}
    </p>
  );
}
