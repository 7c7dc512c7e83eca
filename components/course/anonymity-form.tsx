"use client";
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { secondaryButtonClass } from "@/components/ui/field";
import { callApi } from "@/lib/api-client";

/** Course setting: students may post anonymously to classmates (staff always see names). */
export function AnonymityForm({ courseSlug, allowAnonymous, disabled }: { courseSlug: string; allowAnonymous: boolean; disabled: boolean }) {
  const router = useRouter();
  const id = useId();
  const [value, setValue] = useState(allowAnonymous);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  return (
    <form
      className="rounded-lg border border-stone-200 bg-white p-4 sm:p-5 dark:border-stone-800 dark:bg-stone-900"
      aria-labelledby={`${id}-h`}
      onSubmit={async (e) => {
        e.preventDefault();
        const result = await callApi("PATCH", `/api/courses/${courseSlug}`, { allowAnonymous: value });
        setMessage(result.ok ? { text: value ? "Saved. Students can now post anonymously to classmates." : "Saved. New posts show their author's name to everyone.", error: false } : { text: result.message, error: true });
        if (result.ok) router.refresh();
      }}
    >
      <h2 id={`${id}-h`} className="text-lg font-semibold">
        Anonymity
      </h2>
      <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
        Students may choose to post as &ldquo;Classmate A&rdquo;, &ldquo;Classmate B&rdquo;… Instructors and TAs always see the real name. Comments already posted anonymously stay anonymous.
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <span className="flex items-center gap-2">
          <input id={`${id}-allow`} type="checkbox" checked={value} disabled={disabled} onChange={(e) => setValue(e.target.checked)} className="h-4 w-4" />
          <label htmlFor={`${id}-allow`} className="text-sm font-medium">
            Let students post anonymously to classmates
          </label>
        </span>
        <button type="submit" className={secondaryButtonClass} disabled={disabled || value === allowAnonymous}>
          Save anonymity
        </button>
      </div>
      {message ? (
        <p role={message.error ? "alert" : "status"} className={`mt-2 text-sm ${message.error ? "text-red-700 dark:text-red-400" : "text-stone-600 dark:text-stone-400"}`}>
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
