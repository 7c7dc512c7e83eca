"use client";
import { useId } from "react";
import { usePostPrivacy, type VisibilityChoice } from "@/components/reading/privacy-fields";

const CHOICES: { value: VisibilityChoice; label: string; hint: string }[] = [
  { value: "class", label: "Class", hint: "Everyone in the course sees it." },
  { value: "instructors", label: "Instructors only", hint: "Only you and the instructors and TAs see it (and their answers)." },
  { value: "private", label: "Private note", hint: "Only you see it — not your classmates, not the staff." },
];

/** The main composer's "Visibility" select and, where allowed, "Post anonymously to classmates". */
export function PrivacyFields() {
  const state = usePostPrivacy();
  const id = useId();
  const hint = CHOICES.find((c) => c.value === state.visibility)!.hint;
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
      <div className="flex items-center gap-2">
        <label htmlFor={`${id}-visibility`} className="font-medium">
          Visibility
        </label>
        <select
          id={`${id}-visibility`}
          value={state.visibility}
          aria-describedby={`${id}-visibility-hint`}
          onChange={(e) => state.setVisibility(e.target.value as VisibilityChoice)}
          className="rounded-md border border-stone-300 bg-white px-2 py-1 text-sm text-stone-900 dark:border-stone-700 dark:bg-stone-950 dark:text-stone-100"
        >
          {CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      {state.anonymousAllowed && state.visibility === "class" ? (
        <AnonymousCheckbox checked={state.anonymous} onChange={state.setAnonymous} />
      ) : null}
      <p id={`${id}-visibility-hint`} className="basis-full text-xs text-stone-600 dark:text-stone-400">
        {hint}
      </p>
    </div>
  );
}

/** The reply composer's "Post anonymously to classmates" (where allowed). */
export function ReplyPrivacyFields() {
  const state = usePostPrivacy();
  if (!state.anonymousAllowed) return null;
  return (
    <div className="text-sm">
      <AnonymousCheckbox checked={state.replyAnonymous} onChange={state.setReplyAnonymous} />
    </div>
  );
}

function AnonymousCheckbox({ checked, onChange }: { checked: boolean; onChange(v: boolean): void }) {
  const id = useId();
  return (
    <span className="flex items-center gap-2">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} className="h-4 w-4 accent-accent" />
      <label htmlFor={id}>Post anonymously to classmates</label>
    </span>
  );
}
