"use client";
import { useState } from "react";
import { buttonClass } from "@/components/ui/field";
import { saveNotificationSettingsAction } from "@/app/(account)/account/notifications/actions";
import type { NotificationSettingsInput } from "@/lib/validations/notification-settings";

const KINDS: { name: "reply" | "mention" | "endorsed" | "hidden" | "readingOpen" | "readingDue"; label: string }[] = [
  { name: "reply", label: "Replies to my comments" },
  { name: "mention", label: "Mentions of me" },
  { name: "endorsed", label: "My comment was endorsed" },
  { name: "hidden", label: "My comment was hidden (with the reason)" },
  { name: "readingOpen", label: "A new reading is open" },
  { name: "readingDue", label: "A reading is due tomorrow" },
];

const FREQUENCIES: { value: NotificationSettingsInput["email"]; label: string }[] = [
  { value: "IMMEDIATE", label: "Immediately" },
  { value: "DIGEST", label: "Daily digest" },
  { value: "NEVER", label: "Never" },
];

export function NotificationSettingsForm({ initial }: { initial: NotificationSettingsInput }) {
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      reply: form.get("reply") === "on",
      mention: form.get("mention") === "on",
      endorsed: form.get("endorsed") === "on",
      hidden: form.get("hidden") === "on",
      readingOpen: form.get("readingOpen") === "on",
      readingDue: form.get("readingDue") === "on",
      email: String(form.get("email") ?? ""),
    };
    setPending(true);
    const result = await saveNotificationSettingsAction(input).catch(() => null);
    setPending(false);
    if (!result) setOutcome({ ok: false, text: "Colloquy could not be reached. Check your connection and try again." });
    else setOutcome(result.ok ? { ok: true, text: "Your notification settings are saved." } : { ok: false, text: result.message });
  }
  return (
    <form onSubmit={onSubmit} className="mt-6 flex flex-col gap-6">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 font-semibold">Tell me about</legend>
        {KINDS.map((k) => (
          <label key={k.name} className="flex items-center gap-2">
            <input type="checkbox" name={k.name} defaultChecked={initial[k.name] ?? true} className="h-4 w-4" />
            {k.label}
          </label>
        ))}
      </fieldset>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 font-semibold">Email</legend>
        {FREQUENCIES.map((f) => (
          <label key={f.value} className="flex items-center gap-2">
            <input type="radio" name="email" value={f.value} defaultChecked={initial.email === f.value} className="h-4 w-4" />
            {f.label}
          </label>
        ))}
      </fieldset>
      {outcome ? (
        <p role={outcome.ok ? "status" : "alert"} className={outcome.ok ? "rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100" : "rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"}>
          {outcome.text}
        </p>
      ) : null}
      <div>
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? "Saving…" : "Save settings"}
        </button>
      </div>
    </form>
  );
}
