"use client";
import { useEffect, useId, useRef, useState } from "react";
import { buttonClass, quietButtonClass } from "@/components/ui/field";

const MAX = 10_000;

/**
 * A growing textarea that posts on the button or Ctrl/⌘+Enter. The draft is kept in
 * localStorage until the server confirms the post, so a reload or a failed post never
 * loses what was typed.
 */
export function Composer({
  id: givenId,
  label,
  submitLabel,
  draftKey,
  placeholder,
  autoFocus,
  onSubmit,
  onCancel,
}: {
  /** An id for the textarea (the reading's main composer is focused by id). */
  id?: string;
  label: string;
  submitLabel: string;
  draftKey: string;
  placeholder?: string;
  autoFocus?: boolean;
  onSubmit(body: string): Promise<string | null>;
  onCancel?(): void;
}) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  // Rendered only in the browser (inside the panel), so the saved draft can seed the state.
  const [value, setValue] = useState(() => (typeof window === "undefined" ? "" : (localStorage.getItem(draftKey) ?? "")));
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, 320)}px`;
  }, [value]);

  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus]);

  function change(next: string) {
    setValue(next);
    if (error) setError(null);
    if (next) localStorage.setItem(draftKey, next);
    else localStorage.removeItem(draftKey);
  }

  async function submit() {
    if (pending) return;
    if (!value.trim()) {
      setError("Write something before posting.");
      ref.current?.focus();
      return;
    }
    if (value.length > MAX) {
      setError(`Comments can be at most ${MAX.toLocaleString("en")} characters — this one has ${value.length.toLocaleString("en")}.`);
      return;
    }
    setPending(true);
    const problem = await onSubmit(value);
    setPending(false);
    if (problem) {
      setError(problem);
      return;
    }
    localStorage.removeItem(draftKey);
    setValue("");
  }

  const over = value.length > MAX;
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <textarea
        id={id}
        ref={ref}
        name="body"
        rows={3}
        value={value}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-help${error ? ` ${id}-error` : ""}`}
        onChange={(e) => change(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submit();
          }
        }}
        className="w-full resize-none rounded-md border border-stone-300 bg-white px-3 py-2 font-sans text-base text-stone-900 dark:border-stone-700 dark:bg-stone-950 dark:text-stone-100"
      />
      <p id={`${id}-help`} className={`text-xs ${over ? "text-red-700 dark:text-red-400" : "text-stone-500 dark:text-stone-400"}`}>
        {over ? `${value.length.toLocaleString("en")} / ${MAX.toLocaleString("en")} characters` : <span className="[@media(hover:none)]:hidden">Ctrl+Enter to post</span>}
      </p>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass} disabled={pending}>
          {pending ? "Posting…" : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className={quietButtonClass} onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
