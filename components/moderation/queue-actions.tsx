"use client";
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { callApi } from "@/components/reading/client-api";
import { buttonClass, secondaryButtonClass } from "@/components/ui/field";

/**
 * One-click decisions on a reported comment in the moderation queue: Approve (the reports
 * were wrong; the comment stays), Hide (asks for the reason its author will see), Dismiss
 * (close the reports without a verdict). The server checks the role again on each call;
 * the page then reloads its list.
 */
export function QueueActions({ commentId, author, pending = false }: { commentId: string; author: string; pending?: boolean }) {
  const router = useRouter();
  const reasonId = useId();
  const [hiding, setHiding] = useState(false);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  async function decide(action: "approve" | "hide" | "dismiss" | "delete", done: string) {
    setBusy(true);
    setMessage(null);
    const r = await callApi(`/api/comments/${commentId}/moderation`, { method: "POST", json: action === "hide" ? { action, reason } : { action } });
    setBusy(false);
    if (!r.ok) return setMessage({ error: true, text: r.message });
    setMessage({ error: false, text: done });
    setHiding(false);
    router.refresh();
  }

  return (
    <div className="mt-3">
      {hiding ? (
        <form
          aria-label={`Hide the comment by ${author}`}
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            void decide("hide", "Hidden. Its author sees the reason.");
          }}
        >
          <label htmlFor={reasonId} className="block text-sm font-medium">
            Reason
          </label>
          <textarea id={reasonId} required maxLength={500} rows={2} autoFocus value={reason} onChange={(e) => setReason(e.target.value)} className="w-full rounded border border-stone-300 bg-white p-2 text-sm dark:border-stone-700 dark:bg-stone-900" />
          <div className="flex gap-2">
            <button type="submit" className={buttonClass} disabled={busy}>
              Hide comment
            </button>
            <button type="button" className={secondaryButtonClass} onClick={() => setHiding(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div role="group" aria-label={`Decide on the comment by ${author}`} className="flex flex-wrap gap-2">
          <button type="button" className={secondaryButtonClass} disabled={busy} onClick={() => void decide("approve", pending ? "Approved: the class can see it now." : "Approved: the comment stays and its reports are closed.")}>
            Approve
          </button>
          <button type="button" className={buttonClass} disabled={busy} onClick={() => setHiding(true)}>
            Hide…
          </button>
          {pending ? (
            <button
              type="button"
              className={secondaryButtonClass}
              disabled={busy}
              onClick={() => {
                if (window.confirm(`Delete the comment by ${author}? Its text stays in History for staff.`)) void decide("delete", "Deleted.");
              }}
            >
              Delete
            </button>
          ) : (
            <button type="button" className={secondaryButtonClass} disabled={busy} onClick={() => void decide("dismiss", "Reports dismissed.")}>
              Dismiss
            </button>
          )}
        </div>
      )}
      <p role={message?.error ? "alert" : "status"} className={`mt-2 text-sm ${message?.error ? "text-red-700 dark:text-red-400" : "text-stone-600 dark:text-stone-400"}`}>
        {message?.text ?? ""}
      </p>
    </div>
  );
}
