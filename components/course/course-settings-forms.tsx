"use client";
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { buttonClass, secondaryButtonClass } from "@/components/ui/field";
import { callApi } from "@/lib/api-client";

const box = "rounded-lg border border-stone-200 bg-white p-4 sm:p-5 dark:border-stone-800 dark:bg-stone-900";

export function TimeZoneForm({ courseSlug, timeZone, zones, disabled }: { courseSlug: string; timeZone: string; zones: string[]; disabled: boolean }) {
  const router = useRouter();
  const id = useId();
  const [value, setValue] = useState(timeZone);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  return (
    <form
      className={box}
      aria-labelledby={`${id}-h`}
      onSubmit={async (e) => {
        e.preventDefault();
        const result = await callApi("PATCH", `/api/courses/${courseSlug}`, { timeZone: value });
        setMessage(result.ok ? { text: "Saved. Dates keep their moment; they are now shown in this zone.", error: false } : { text: result.message, error: true });
        if (result.ok) router.refresh();
      }}
    >
      <h2 id={`${id}-h`} className="text-lg font-semibold">
        Time zone
      </h2>
      <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">The schedule&apos;s dates are entered and shown in this zone, for everyone in the course.</p>
      <div className="mt-3 flex flex-wrap items-end gap-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-tz`} className="text-sm font-medium">
            Course time zone
          </label>
          <input
            id={`${id}-tz`}
            list={`${id}-zones`}
            value={value}
            disabled={disabled}
            onChange={(e) => setValue(e.target.value)}
            className="w-72 max-w-full rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm dark:border-stone-700 dark:bg-stone-950"
          />
          <datalist id={`${id}-zones`}>
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </div>
        <button type="submit" className={secondaryButtonClass} disabled={disabled || value === timeZone}>
          Save time zone
        </button>
        <button type="button" className={secondaryButtonClass} disabled={disabled} onClick={() => setValue(Intl.DateTimeFormat().resolvedOptions().timeZone)}>
          Use my computer&apos;s zone
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

export function ArchiveForm({ courseSlug, archived }: { courseSlug: string; archived: boolean }) {
  const router = useRouter();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  return (
    <section className={box} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="text-lg font-semibold">
        {archived ? "Restore" : "Archive"}
      </h2>
      <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
        {archived
          ? "Restoring makes the course active again: it returns to the home page, and members can post and join again."
          : "Archiving ends the term: everything stays readable for members, nothing can be posted or changed, the join code and invite links stop working, and the course moves to “Archived” on the home page. You can restore it."}
      </p>
      <button
        type="button"
        className={`${secondaryButtonClass} mt-3`}
        onClick={async () => {
          if (!archived && !window.confirm("Archive this course? It becomes read-only for everyone.")) return;
          const result = await callApi("PATCH", `/api/courses/${courseSlug}`, { archived: !archived });
          if (!result.ok) setError(result.message);
          else router.refresh();
        }}
      >
        {archived ? "Restore course" : "Archive course"}
      </button>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </section>
  );
}

export function DeleteCourseForm({ courseSlug, title }: { courseSlug: string; title: string }) {
  const router = useRouter();
  const id = useId();
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <form
      className={`${box} border-red-300 dark:border-red-900`}
      aria-labelledby={`${id}-h`}
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        const result = await callApi("DELETE", `/api/courses/${courseSlug}`, { confirmTitle: typed });
        setPending(false);
        if (!result.ok) setError(result.message);
        else {
          router.push("/");
          router.refresh();
        }
      }}
    >
      <h2 id={`${id}-h`} className="text-lg font-semibold text-red-900 dark:text-red-200">
        Delete this course
      </h2>
      <p className="mt-1 text-sm text-stone-700 dark:text-stone-300">
        Deletes the course with its readings, every discussion and every grade, for everyone. This cannot be undone — export what you need first, or archive the course instead.
      </p>
      <div className="mt-3 flex flex-col gap-1">
        <label htmlFor={`${id}-title`} className="text-sm font-medium">
          Type the course title, <strong>{title}</strong>, to confirm
        </label>
        <input
          id={`${id}-title`}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="w-full max-w-md rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm dark:border-stone-700 dark:bg-stone-950"
        />
      </div>
      <button type="submit" disabled={pending || typed.trim() !== title.trim()} className={`${buttonClass} mt-3 bg-red-700 hover:bg-red-800`}>
        {pending ? "Deleting…" : "Delete course forever"}
      </button>
      {error ? (
        <p id={`${id}-error`} role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </form>
  );
}
