"use client";
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { secondaryButtonClass } from "@/components/ui/field";
import { callApi } from "@/lib/api-client";
import type { Rubric } from "@/lib/participation/rubric";

const NUMBERS = [
  { key: "points", label: "Points per reading", min: 1 },
  { key: "minComments", label: "Comments required", min: 0 },
  { key: "minCommentWords", label: "…each at least this many words", min: 0 },
  { key: "minReplies", label: "Replies required", min: 0 },
  { key: "minReplyWords", label: "…each at least this many words", min: 0 },
] as const;

/** Edit the course's rubric (instructors). Suggested scores follow at once; overrides stay. */
export function RubricForm({ courseSlug, rubric }: { courseSlug: string; rubric: Rubric }) {
  const router = useRouter();
  const id = useId();
  const [values, setValues] = useState<Record<string, string>>(Object.fromEntries(Object.entries(rubric).map(([k, v]) => [k, String(v)])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const result = await callApi("PUT", `/api/courses/${courseSlug}/rubric`, values);
    if (!result.ok) {
      setErrors(result.fields ?? { form: result.message });
      setStatus(null);
      return;
    }
    setErrors({});
    setStatus("Saved: suggested scores now follow this rubric.");
    router.refresh();
  }

  const select = "rounded border border-stone-300 bg-white px-1.5 py-1 text-sm dark:border-stone-700 dark:bg-stone-950";
  return (
    <form onSubmit={save} noValidate className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {NUMBERS.map((f) => (
        <div key={f.key} className="flex flex-col gap-0.5">
          <label htmlFor={`${id}-${f.key}`} className="text-xs font-medium">
            {f.label}
          </label>
          <input
            id={`${id}-${f.key}`}
            type="number"
            min={f.min}
            value={values[f.key]}
            onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
            aria-invalid={errors[f.key] ? true : undefined}
            className={`${select} w-28`}
          />
          {errors[f.key] ? <span className="text-xs text-red-700 dark:text-red-400">{errors[f.key]}</span> : null}
        </div>
      ))}
      <div className="flex flex-col gap-0.5">
        <label htmlFor={`${id}-deadline`} className="text-xs font-medium">
          Posts count when made
        </label>
        <select id={`${id}-deadline`} value={values.deadline} onChange={(e) => setValues((v) => ({ ...v, deadline: e.target.value }))} className={select}>
          <option value="DUE">before the due date</option>
          <option value="CLOSE">before the discussion closes</option>
          <option value="NONE">at any time</option>
        </select>
      </div>
      <div className="flex flex-col gap-0.5">
        <label htmlFor={`${id}-credit`} className="text-xs font-medium">
          Credit
        </label>
        <select id={`${id}-credit`} value={values.credit} onChange={(e) => setValues((v) => ({ ...v, credit: e.target.value }))} className={select}>
          <option value="PROPORTIONAL">partial, in proportion</option>
          <option value="ALL_OR_NOTHING">all or nothing</option>
        </select>
      </div>
      <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-4">
        <button type="submit" className={secondaryButtonClass}>
          Save rubric
        </button>
        <span role="status" className="text-sm text-stone-600 dark:text-stone-400">
          {status}
        </span>
        {errors.form ? (
          <span role="alert" className="text-sm text-red-700 dark:text-red-400">
            {errors.form}
          </span>
        ) : null}
      </div>
    </form>
  );
}
