"use client";
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { buttonClass, secondaryButtonClass } from "@/components/ui/field";
import { callApi } from "@/lib/api-client";

/**
 * The moderation settings' controls (docs/MODERATION.md): course-wide pre-moderation and
 * the word list (Settings page), a reading's pre-moderation and lock (Schedule page), a
 * student's pre-moderation and mute (People page). Each is one POST; the server checks
 * the role again, logs the change, and the page reloads its data.
 */

const box = "rounded-lg border border-stone-200 bg-white p-4 sm:p-5 dark:border-stone-800 dark:bg-stone-900";
export const inputClass = "rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm dark:border-stone-700 dark:bg-stone-950";

type Message = { text: string; error: boolean } | null;

export function Status({ message }: { message: Message }) {
  return (
    <p role={message?.error ? "alert" : "status"} className={`text-sm ${message?.error ? "text-red-700 dark:text-red-400" : "text-stone-600 dark:text-stone-400"}`}>
      {message?.text ?? ""}
    </p>
  );
}

export function usePost(url: string) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  async function post(body: unknown, done: string): Promise<boolean> {
    setBusy(true);
    setMessage(null);
    const r = await callApi("POST", url, body);
    setBusy(false);
    setMessage(r.ok ? { text: done, error: false } : { text: r.message, error: true });
    if (r.ok) router.refresh();
    return r.ok;
  }
  return { busy, message, post };
}

/** A checkbox that shows its new state at once and goes back if the server refuses. */
export function Toggle({ checked, disabled, onToggle, children }: { checked: boolean; disabled?: boolean; onToggle: (on: boolean) => Promise<boolean>; children: React.ReactNode }) {
  const [on, setOn] = useState(checked);
  const [seen, setSeen] = useState(checked);
  if (seen !== checked) {
    // The page reloaded its data: follow it.
    setSeen(checked);
    setOn(checked);
  }
  return (
    <label className="flex items-center gap-2 text-sm">
      <input
        type="checkbox"
        checked={on}
        disabled={disabled}
        onChange={async (e) => {
          const next = e.target.checked;
          setOn(next);
          if (!(await onToggle(next))) setOn(!next);
        }}
      />
      {children}
    </label>
  );
}

export function CourseModerationForm({ courseSlug, premoderated, wordList, disabled }: { courseSlug: string; premoderated: boolean; wordList: string[]; disabled: boolean }) {
  const id = useId();
  const { busy, message, post } = usePost(`/api/courses/${courseSlug}/moderation`);
  const [words, setWords] = useState(wordList.join("\n"));
  return (
    <section className={box} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="text-lg font-semibold">
        Moderation
      </h2>
      <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
        Held comments wait in the Moderation queue&apos;s Pending tab; their authors see them marked “Waiting for approval”, nobody else sees them. Instructors&apos; and TAs&apos; comments are never held. Readings and students can be pre-moderated one by one on the Schedule and People pages.
      </p>
      <div className="mt-3 font-medium">
        <Toggle checked={premoderated} disabled={disabled || busy} onToggle={(on) => post({ action: on ? "premoderate-course" : "unpremoderate-course" }, on ? "Students' new comments now wait for approval." : "Pre-moderation is off for the course.")}>
          Hold every student&apos;s new comment for approval
        </Toggle>
      </div>
      <form
        className="mt-4 flex flex-col gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void post({ action: "word-list", words }, "Word list saved.");
        }}
      >
        <label htmlFor={`${id}-words`} className="text-sm font-medium">
          Word list
        </label>
        <p id={`${id}-hint`} className="text-xs text-stone-600 dark:text-stone-400">
          One word or phrase per line (at most 200, each under 64 characters). A comment that contains one as a whole word, in any case, waits for approval.
        </p>
        <textarea id={`${id}-words`} aria-describedby={`${id}-hint`} rows={5} value={words} disabled={disabled} onChange={(e) => setWords(e.target.value)} className={`${inputClass} font-mono`} />
        <div>
          <button type="submit" className={secondaryButtonClass} disabled={disabled || busy}>
            Save word list
          </button>
        </div>
      </form>
      <Status message={message} />
    </section>
  );
}

export function ReadingModerationControls({ courseSlug, reading }: { courseSlug: string; reading: { slug: string; title: string; premoderated: boolean; locked: boolean } }) {
  const { busy, message, post } = usePost(`/api/courses/${courseSlug}/readings/${reading.slug}/moderation`);
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center gap-3">
        <Toggle
          checked={reading.premoderated}
          disabled={busy}
          onToggle={(on) => post({ action: on ? "premoderate-reading" : "unpremoderate-reading" }, on ? `New comments on “${reading.title}” now wait for approval.` : `Pre-moderation is off for “${reading.title}”.`)}
        >
          Pre-moderate<span className="sr-only"> “{reading.title}”</span>
        </Toggle>
        <button
          type="button"
          className={secondaryButtonClass}
          disabled={busy}
          onClick={() => void post({ action: reading.locked ? "unlock-reading" : "lock-reading" }, reading.locked ? "Discussion unlocked." : "Discussion locked: no new comments or replies.")}
        >
          {reading.locked ? "Unlock discussion" : "Lock discussion"}
          <span className="sr-only"> of “{reading.title}”</span>
        </button>
      </div>
      <Status message={message} />
    </div>
  );
}

export function MemberModerationControls({
  courseSlug,
  member,
}: {
  courseSlug: string;
  member: { id: string; name: string; premoderated: boolean; mutedLabel: string | null; muteReason: string | null };
}) {
  const id = useId();
  const { busy, message, post } = usePost(`/api/courses/${courseSlug}/members/${member.id}/moderation`);
  const [muting, setMuting] = useState(false);
  const [until, setUntil] = useState("");
  const [reason, setReason] = useState("");
  return (
    <div className="flex min-w-56 flex-col gap-1">
      <Toggle
        checked={member.premoderated}
        disabled={busy}
        onToggle={(on) => post({ action: on ? "premoderate-student" : "unpremoderate-student" }, on ? `${member.name}'s new comments now wait for approval.` : `${member.name}'s comments are no longer held.`)}
      >
        Pre-moderate<span className="sr-only"> {member.name}</span>
      </Toggle>
      {member.mutedLabel ? (
        <p className="text-sm">
          Muted until {member.mutedLabel}
          {member.muteReason ? `: ${member.muteReason}` : ""}{" "}
          <button type="button" className="font-medium text-accent underline" disabled={busy} onClick={() => void post({ action: "unmute" }, `${member.name} can post again.`)}>
            Unmute<span className="sr-only"> {member.name}</span>
          </button>
        </p>
      ) : muting ? (
        <form
          aria-label={`Mute ${member.name}`}
          className="flex flex-col gap-1"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await post({ action: "mute", until, reason }, `${member.name} is muted.`)) setMuting(false);
          }}
        >
          <label htmlFor={`${id}-until`} className="text-sm font-medium">
            Muted until
          </label>
          <input id={`${id}-until`} type="datetime-local" required value={until} onChange={(e) => setUntil(e.target.value)} className={inputClass} />
          <label htmlFor={`${id}-reason`} className="text-sm font-medium">
            Reason
          </label>
          <input id={`${id}-reason`} required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} className={inputClass} />
          <div className="flex gap-2">
            <button type="submit" className={buttonClass} disabled={busy}>
              Mute
            </button>
            <button type="button" className={secondaryButtonClass} onClick={() => setMuting(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div>
          <button type="button" className={secondaryButtonClass} onClick={() => setMuting(true)}>
            Mute…<span className="sr-only"> {member.name}</span>
          </button>
        </div>
      )}
      <Status message={message} />
    </div>
  );
}
