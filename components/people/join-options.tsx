"use client";
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { secondaryButtonClass, quietButtonClass } from "@/components/ui/field";
import { CopyButton, absoluteUrl } from "@/components/ui/copy-button";
import { callApi } from "@/lib/api-client";

/** The join code (with "New code") and the shared invite link (on with an expiry, or off). */
export function JoinOptions({
  courseSlug,
  joinCode,
  link,
  expiresLabel,
}: {
  courseSlug: string;
  joinCode: string;
  link: { token: string; expired: boolean } | null;
  /** "Sun 14 Mar, 23:59", formatted on the server in the course's time zone. */
  expiresLabel: string | null;
}) {
  const router = useRouter();
  const id = useId();
  const [days, setDays] = useState("14");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function run(method: "POST" | "DELETE", url: string, body?: unknown, confirm?: string) {
    if (confirm && !window.confirm(confirm)) return;
    setPending(true);
    setError(null);
    const result = await callApi(method, url, body);
    setPending(false);
    if (!result.ok) setError(result.message);
    else router.refresh();
  }

  const url = link ? absoluteUrl(`/invite/${link.token}`) : "";
  return (
    <div className="grid gap-6 sm:grid-cols-2">
      <div>
        <h3 className="text-sm font-semibold">Join code</h3>
        <p className="mt-1 flex flex-wrap items-center gap-2">
          <strong className="font-mono text-lg tracking-wider">{joinCode}</strong>
          <CopyButton text={joinCode} label="Copy code" />
          <button
            type="button"
            className={quietButtonClass}
            disabled={pending}
            onClick={() => void run("POST", `/api/courses/${courseSlug}/join-code`, undefined, "Make a new join code? The current one stops working at once; members stay members.")}
          >
            New code
          </button>
        </p>
        <p className="mt-1 text-xs text-stone-600 dark:text-stone-400">Anyone with an account who types it on the home page joins as a student.</p>
      </div>
      <div>
        <h3 className="text-sm font-semibold">Invite link</h3>
        {link && !link.expired ? (
          <>
            <div className="mt-1 flex flex-wrap items-center gap-2">
              <input readOnly value={url} aria-label="Invite link" onFocus={(e) => e.currentTarget.select()} className="min-w-0 flex-1 rounded border border-stone-300 bg-white px-2 py-1 font-mono text-xs dark:border-stone-700 dark:bg-stone-950" />
              <CopyButton text={url} label="Copy link" />
            </div>
            <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-stone-600 dark:text-stone-400">
              Works until {expiresLabel} for anyone signed in (they join as students).
              <button type="button" className={quietButtonClass} disabled={pending} onClick={() => void run("DELETE", `/api/courses/${courseSlug}/invite-link`, undefined, "Turn the invite link off? It stops working at once.")}>
                Turn off
              </button>
            </p>
          </>
        ) : (
          <p className="mt-1 text-xs text-stone-600 dark:text-stone-400">{link?.expired ? `The last link expired on ${expiresLabel}.` : "Off."} A link lets people join as students without typing the code.</p>
        )}
        <div className="mt-2 flex flex-wrap items-end gap-2">
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-days`} className="text-xs font-medium">
              Link works for
            </label>
            <select id={`${id}-days`} value={days} onChange={(e) => setDays(e.target.value)} className="rounded border border-stone-300 bg-white px-1.5 py-1 text-sm dark:border-stone-700 dark:bg-stone-900">
              {[1, 7, 14, 30, 90, 180].map((d) => (
                <option key={d} value={d}>
                  {d === 1 ? "1 day" : `${d} days`}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className={secondaryButtonClass}
            disabled={pending}
            onClick={() =>
              void run("POST", `/api/courses/${courseSlug}/invite-link`, { days: Number(days) }, link && !link.expired ? "Make a new link? The current one stops working." : undefined)
            }
          >
            {link && !link.expired ? "New link" : "Create invite link"}
          </button>
        </div>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700 sm:col-span-2 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
