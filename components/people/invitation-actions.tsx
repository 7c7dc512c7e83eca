"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { quietButtonClass } from "@/components/ui/field";
import { CopyButton, absoluteUrl } from "@/components/ui/copy-button";
import { callApi } from "@/lib/api-client";

/** For a pending invitation: a fresh link (the old one stops working; links are stored
 *  only as hashes, so they cannot be shown again) or withdraw it. */
export function InvitationActions({ courseSlug, invitation }: { courseSlug: string; invitation: { id: string; email: string } }) {
  const router = useRouter();
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const url = `/api/courses/${courseSlug}/invitations/${invitation.id}`;

  async function renew() {
    const result = await callApi<{ path: string }>("POST", url);
    if (!result.ok) return setError(result.message);
    setLink(absoluteUrl(result.data.path));
    router.refresh();
  }
  async function withdraw() {
    if (!window.confirm(`Withdraw the invitation for ${invitation.email}? Its link stops working.`)) return;
    const result = await callApi("DELETE", url);
    if (!result.ok) return setError(result.message);
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap gap-1">
        <button type="button" className={quietButtonClass} onClick={() => void renew()} aria-label={`New invitation link for ${invitation.email}`}>
          New link
        </button>
        <button type="button" className={`${quietButtonClass} text-red-800 dark:text-red-300`} onClick={() => void withdraw()} aria-label={`Withdraw the invitation for ${invitation.email}`}>
          Withdraw
        </button>
      </div>
      {link ? (
        <div className="flex flex-wrap items-center gap-1">
          <input readOnly value={link} aria-label={`Invitation link for ${invitation.email}`} onFocus={(e) => e.currentTarget.select()} className="w-56 rounded border border-stone-300 bg-white px-1 py-0.5 font-mono text-xs dark:border-stone-700 dark:bg-stone-950" />
          <CopyButton text={link} label="Copy" />
        </div>
      ) : null}
      {error ? (
        <span role="alert" className="text-xs text-red-700 dark:text-red-400">
          {error}
        </span>
      ) : null}
    </div>
  );
}
