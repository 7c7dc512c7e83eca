"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { secondaryButtonClass } from "@/components/ui/field";
import { markAllNotificationsReadAction } from "@/app/(account)/notifications/actions";

/** "Mark all read": runs the action, then refreshes the page (list and bell). */
export function MarkAllReadButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function onClick() {
    setPending(true);
    setError(null);
    const result = await markAllNotificationsReadAction().catch(() => null);
    setPending(false);
    if (!result) setError("Colloquy could not be reached. Check your connection and try again.");
    else if (!result.ok) setError(result.message);
    else router.refresh();
  }
  return (
    <div className="flex flex-col items-end gap-2">
      <button type="button" onClick={() => void onClick()} disabled={pending} className={secondaryButtonClass}>
        {pending ? "Marking…" : "Mark all read"}
      </button>
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {error}
        </p>
      ) : null}
    </div>
  );
}
