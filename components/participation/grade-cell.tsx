"use client";
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { quietButtonClass, secondaryButtonClass } from "@/components/ui/field";
import { callApi } from "@/lib/api-client";

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, ""));

/**
 * A student's score for one reading: the final score; when it was set by hand, the reason
 * (always visible, not only on hover) and who set it, with the rubric's suggestion beside
 * it. Staff can override (score + required reason) or go back to the suggestion.
 */
export function GradeCell({
  courseSlug,
  readingId,
  student,
  readingTitle,
  suggested,
  override,
  canEdit,
}: {
  courseSlug: string;
  readingId: string;
  student: { id: string; name: string };
  readingTitle: string;
  suggested: { score: number; max: number; explanation: string };
  override: { score: number; reason: string; by: string | null } | null;
  canEdit: boolean;
}) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [score, setScore] = useState(String(override?.score ?? suggested.score));
  const [reason, setReason] = useState(override?.reason ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const url = `/api/courses/${courseSlug}/grades`;

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    const result = await callApi("PUT", url, { readingId, studentId: student.id, score, reason });
    setPending(false);
    if (!result.ok) return setErrors(result.fields ?? { form: result.message });
    setErrors({});
    setOpen(false);
    router.refresh();
  }
  async function clear() {
    setPending(true);
    const result = await callApi("DELETE", url, { readingId, studentId: student.id });
    setPending(false);
    if (!result.ok) return setErrors({ form: result.message });
    setOpen(false);
    router.refresh();
  }

  const final = override ? override.score : suggested.score;
  return (
    <div className="min-w-36">
      <p>
        <strong className="tabular-nums">{fmt(final)}</strong>
        <span className="text-stone-500 dark:text-stone-400"> / {suggested.max}</span>
        {override ? <span className="ml-1 rounded bg-violet-100 px-1 text-xs font-medium text-violet-900 dark:bg-violet-950 dark:text-violet-100">set by hand</span> : null}
      </p>
      {override ? (
        <p className="text-xs text-stone-700 dark:text-stone-300" title={`Suggested: ${suggested.explanation}`}>
          “{override.reason}”{override.by ? ` — ${override.by}` : ""}. <span className="text-stone-500 dark:text-stone-400">Suggested {fmt(suggested.score)}.</span>
        </p>
      ) : null}
      {canEdit && !open ? (
        <button type="button" className={`${quietButtonClass} -ml-2 text-xs`} onClick={() => setOpen(true)} aria-label={`Override the score of ${student.name} for ${readingTitle}`}>
          Override
        </button>
      ) : null}
      {open ? (
        <form onSubmit={save} className="mt-1 flex flex-col gap-1.5 rounded border border-stone-300 p-2 dark:border-stone-700" noValidate>
          <label htmlFor={`${id}-score`} className="text-xs font-medium">
            Score for {student.name} (out of {suggested.max})
          </label>
          <input
            id={`${id}-score`}
            type="number"
            inputMode="decimal"
            min={0}
            step="0.5"
            value={score}
            onChange={(e) => setScore(e.target.value)}
            aria-invalid={errors.score ? true : undefined}
            className="w-24 rounded border border-stone-300 bg-white px-1.5 py-0.5 text-sm dark:border-stone-700 dark:bg-stone-950"
          />
          {errors.score ? <span className="text-xs text-red-700 dark:text-red-400">{errors.score}</span> : null}
          <label htmlFor={`${id}-reason`} className="text-xs font-medium">
            Reason (shown with the score)
          </label>
          <textarea
            id={`${id}-reason`}
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={errors.reason ? true : undefined}
            className="rounded border border-stone-300 bg-white px-1.5 py-0.5 text-sm dark:border-stone-700 dark:bg-stone-950"
          />
          {errors.reason ? <span className="text-xs text-red-700 dark:text-red-400">{errors.reason}</span> : null}
          {errors.form ? (
            <span role="alert" className="text-xs text-red-700 dark:text-red-400">
              {errors.form}
            </span>
          ) : null}
          <div className="flex flex-wrap gap-1">
            <button type="submit" className={secondaryButtonClass} disabled={pending}>
              Save score
            </button>
            {override ? (
              <button type="button" className={quietButtonClass} disabled={pending} onClick={() => void clear()}>
                Use suggestion
              </button>
            ) : null}
            <button type="button" className={quietButtonClass} onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
