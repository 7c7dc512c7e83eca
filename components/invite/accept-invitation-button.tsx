"use client";
import { useState } from "react";
import { buttonClass } from "@/components/ui/field";
import { callApi } from "@/lib/api-client";

export function AcceptInvitationButton({ token, courseTitle }: { token: string; courseTitle: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <div className="flex flex-col gap-3">
      <button
        type="button"
        className={buttonClass}
        disabled={pending}
        onClick={async () => {
          setPending(true);
          setError(null);
          const result = await callApi<{ url: string }>("POST", `/api/invitations/${encodeURIComponent(token)}`);
          if (!result.ok) {
            setPending(false);
            setError(result.message);
            return;
          }
          window.location.assign(result.data.url);
        }}
      >
        {pending ? "Joining…" : `Join ${courseTitle}`}
      </button>
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {error}
        </p>
      ) : null}
    </div>
  );
}
