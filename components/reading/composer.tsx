"use client";
import { useEffect, useId, useRef, useState } from "react";
import { buttonClass, quietButtonClass } from "@/components/ui/field";
import { callApi, newRequestKey } from "@/components/reading/client-api";
import { COMMENT_MAX } from "@/lib/comments/limits";
import { useDiscussionIfAny } from "@/components/reading/discussion-context";
import { useMentions } from "@/components/reading/use-mentions";

interface Draft {
  body: string;
  /** The idempotency key of the submission this draft belongs to (reused by a retry). */
  key: string | null;
}

function readDraft(draftKey: string, initial: string): Draft {
  if (typeof window === "undefined") return { body: initial, key: null };
  const raw = localStorage.getItem(draftKey);
  if (raw === null) return { body: initial, key: null };
  try {
    const parsed = JSON.parse(raw) as Partial<Draft> & { v?: number };
    if (parsed && parsed.v === 1 && typeof parsed.body === "string") return { body: parsed.body, key: typeof parsed.key === "string" ? parsed.key : null };
  } catch {
    // a draft saved before drafts were JSON: plain text
  }
  return { body: raw, key: null };
}

function saveDraft(draftKey: string, draft: Draft, initial: string) {
  if (draft.body && draft.body !== initial) localStorage.setItem(draftKey, JSON.stringify({ v: 1, ...draft }));
  else localStorage.removeItem(draftKey);
}

/**
 * A growing textarea with a Write/Preview switch that posts on the button or Ctrl/⌘+Enter.
 * The draft (and the request key of a submission that may have reached the server) is
 * kept in localStorage until the server confirms, so a reload or a failed post never loses
 * what was typed, and a retry after a lost answer cannot post twice. Preview renders on the
 * server (the same Markdown renderer as posting), so the reading page ships no Markdown code.
 */
export function Composer({
  id: givenId,
  label,
  submitLabel,
  pendingLabel = "Posting…",
  draftKey,
  initialValue = "",
  placeholder,
  autoFocus,
  onSubmit,
  onCancel,
  extras,
}: {
  /** An id for the textarea (the reading's main composer is focused by id). */
  id?: string;
  label: string;
  submitLabel: string;
  pendingLabel?: string;
  draftKey: string;
  /** Text to start from (editing); a saved draft wins. */
  initialValue?: string;
  placeholder?: string;
  autoFocus?: boolean;
  /** Returns an error message to show, or null when done. */
  onSubmit(body: string, requestKey: string): Promise<string | null>;
  onCancel?(): void;
  /** More fields above the buttons (visibility, anonymity: privacy-fields.tsx). */
  extras?: React.ReactNode;
}) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  // Rendered only in the browser (inside the panel), so the saved draft can seed the state.
  const [draft, setDraft] = useState<Draft>(() => readDraft(draftKey, initialValue));
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [mode, setMode] = useState<"write" | "preview">("write");
  const [preview, setPreview] = useState<{ body: string; html: string | null; error: string | null } | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  const value = draft.body;
  const mentions = useMentions({ readingId: useDiscussionIfAny()?.readingId ?? null, baseId: id, ref, value, setValue: (next) => change(next) });

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, 320)}px`;
  }, [value, mode]);

  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus]);

  function change(next: string) {
    // New words are a new submission: a request key belongs to the text it was made for.
    const updated = { body: next, key: null };
    setDraft(updated);
    if (error) setError(null);
    saveDraft(draftKey, updated, initialValue);
  }

  async function showPreview() {
    setMode("preview");
    if (preview?.body === value) return;
    if (!value.trim()) return setPreview({ body: value, html: null, error: "Nothing to preview yet." });
    setPreview({ body: value, html: null, error: null });
    const r = await callApi<{ html: string }>("/api/comments/preview", { method: "POST", json: { body: value } });
    setPreview(r.ok ? { body: value, html: r.data.html, error: null } : { body: value, html: null, error: r.message });
  }

  async function submit() {
    if (pending) return;
    if (!value.trim()) {
      setError("Write something before posting.");
      setMode("write");
      requestAnimationFrame(() => ref.current?.focus());
      return;
    }
    if (value.length > COMMENT_MAX) {
      setError(`Comments can be at most ${COMMENT_MAX.toLocaleString("en")} characters — this one has ${value.length.toLocaleString("en")}.`);
      return;
    }
    const key = draft.key ?? newRequestKey();
    if (!draft.key) {
      const withKey = { body: value, key };
      setDraft(withKey);
      saveDraft(draftKey, withKey, "");
    }
    setPending(true);
    const problem = await onSubmit(value, key);
    setPending(false);
    if (problem) {
      setError(problem);
      return;
    }
    // Posted on a retry: the last attempt's message (e.g. "Colloquy is busy") no longer holds.
    setError(null);
    localStorage.removeItem(draftKey);
    setDraft({ body: "", key: null });
    setMode("write");
    setPreview(null);
  }

  const over = value.length > COMMENT_MAX;
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <div role="group" aria-label={`${label}: write or preview`} className="flex gap-1 text-xs">
          <button type="button" aria-pressed={mode === "write"} className={`${quietButtonClass} aria-pressed:bg-stone-200 dark:aria-pressed:bg-stone-800`} onClick={() => setMode("write")}>
            Write
          </button>
          <button type="button" aria-pressed={mode === "preview"} className={`${quietButtonClass} aria-pressed:bg-stone-200 dark:aria-pressed:bg-stone-800`} onClick={() => void showPreview()}>
            Preview
          </button>
        </div>
      </div>
      <textarea
        id={id}
        ref={ref}
        name="body"
        rows={3}
        value={value}
        placeholder={placeholder}
        hidden={mode === "preview"}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-help${error ? ` ${id}-error` : ""}`}
        {...mentions.textareaProps}
        onChange={(e) => {
          change(e.target.value);
          mentions.update(e.target);
        }}
        onSelect={(e) => mentions.update(e.currentTarget)}
        onKeyDown={(e) => {
          if (mentions.onKeyDown(e)) return;
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submit();
          }
        }}
        className="w-full resize-none rounded-md border border-stone-300 bg-white px-3 py-2 font-sans text-base text-stone-900 dark:border-stone-700 dark:bg-stone-950 dark:text-stone-100"
      />
      {mode === "write" ? mentions.listbox : null}
      {mode === "preview" ? (
        <div aria-live="polite" aria-label={`Preview of ${label.toLowerCase()}`} role="region" className="min-h-[4.5rem] rounded-md border border-dashed border-stone-300 px-3 py-2 dark:border-stone-700">
          {preview?.error ? (
            <p className="text-sm text-stone-600 dark:text-stone-400">{preview.error}</p>
          ) : preview?.html ? (
            <div className="comment-body" dangerouslySetInnerHTML={{ __html: preview.html }} />
          ) : (
            <p className="text-sm text-stone-500">Rendering…</p>
          )}
        </div>
      ) : null}
      <p id={`${id}-help`} className={`text-xs ${over ? "text-red-700 dark:text-red-400" : "text-stone-500 dark:text-stone-400"}`}>
        {over ? (
          `${value.length.toLocaleString("en")} / ${COMMENT_MAX.toLocaleString("en")} characters`
        ) : (
          <>
            Markdown: **bold**, *italic*, [link](https://…), &gt; quote, - list
            <span className="[@media(hover:none)]:hidden"> · Ctrl+Enter to post</span>
          </>
        )}
      </p>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      {extras}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass} disabled={pending}>
          {pending ? pendingLabel : submitLabel}
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
