"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Field, buttonClass, secondaryButtonClass } from "@/components/ui/field";
import { changePasswordAction, endOtherSessionsAction, renameAction } from "@/app/(account)/account/actions";
import type { ActionResult } from "@/lib/errors";

const UNREACHABLE = "Colloquy could not be reached. Check your connection and try again.";

type Outcome = { kind: "done"; text: string } | { kind: "error"; text: string; fields: Record<string, string> } | null;

/** Runs an action and turns any answer (or none) into something to say. */
async function run<T>(action: () => Promise<ActionResult<T>>, done: string): Promise<Outcome> {
  const result = await action().catch(() => null);
  if (!result) return { kind: "error", text: UNREACHABLE, fields: {} };
  if (!result.ok) return { kind: "error", text: result.message, fields: result.fields ?? {} };
  return { kind: "done", text: done };
}

/** The outcome in words; an error that names fields is shown at the fields instead. */
function Message({ outcome }: { outcome: Outcome }) {
  if (!outcome || (outcome.kind === "error" && Object.keys(outcome.fields).length > 0)) return null;
  return outcome.kind === "done" ? (
    <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
      {outcome.text}
    </p>
  ) : (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
      {outcome.text}
    </p>
  );
}

export function NameForm({ name }: { name: string }) {
  const router = useRouter();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [pending, setPending] = useState(false);
  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("name") ?? "");
    setPending(true);
    const next = await run(() => renameAction({ name: value }), "Your name is changed.");
    setOutcome(next);
    setPending(false);
    if (next?.kind === "done") router.refresh();
  }
  const fields = outcome?.kind === "error" ? outcome.fields : {};
  return (
    <form onSubmit={onSubmit} className="mt-3 flex flex-col gap-3" noValidate>
      <Field
        label="Display name"
        name="name"
        defaultValue={name}
        autoComplete="name"
        required
        maxLength={80}
        error={fields.name}
        hint="Shown beside your comments. Instructors' and TAs' roles are shown as badges, so titles stay out of names."
      />
      <Message outcome={outcome} />
      <div>
        <button type="submit" className={buttonClass} disabled={pending}>
          {pending ? "Saving…" : "Save name"}
        </button>
      </div>
    </form>
  );
}

export function PasswordForm() {
  const router = useRouter();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [pending, setPending] = useState(false);
  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const current = String(form.get("current") ?? "");
    const next = String(form.get("next") ?? "");
    if (next !== String(form.get("repeat") ?? "")) {
      setOutcome({ kind: "error", text: "Check the highlighted fields.", fields: { repeat: "The two new passwords are different." } });
      return;
    }
    setPending(true);
    const result = await run(() => changePasswordAction({ current, next }), "Your password is changed. Every other session has been signed out.");
    setOutcome(result);
    setPending(false);
    if (result?.kind === "done") {
      formElement.reset();
      router.refresh();
    }
  }
  const fields = outcome?.kind === "error" ? outcome.fields : {};
  return (
    <form onSubmit={onSubmit} className="mt-3 flex flex-col gap-3" noValidate>
      <Field label="Current password" name="current" type="password" autoComplete="current-password" required maxLength={1000} error={fields.current} />
      <Field label="New password" name="next" type="password" autoComplete="new-password" required minLength={8} maxLength={200} error={fields.next} hint="At least 8 characters." />
      <Field label="Repeat the new password" name="repeat" type="password" autoComplete="new-password" required maxLength={200} error={fields.repeat} />
      <Message outcome={outcome} />
      <div>
        <button type="submit" className={buttonClass} disabled={pending}>
          {pending ? "Changing…" : "Change password"}
        </button>
      </div>
    </form>
  );
}

export function OtherSessionsForm() {
  const router = useRouter();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [pending, setPending] = useState(false);
  async function onClick() {
    setPending(true);
    const result = await run(() => endOtherSessionsAction(), "Every other session has been signed out. You are still signed in here.");
    setOutcome(result);
    setPending(false);
    if (result?.kind === "done") router.refresh();
  }
  return (
    <div className="mt-3 flex flex-col items-start gap-3">
      <button type="button" onClick={() => void onClick()} className={secondaryButtonClass} disabled={pending}>
        {pending ? "Signing out other sessions…" : "Sign out everywhere else"}
      </button>
      <Message outcome={outcome} />
    </div>
  );
}
