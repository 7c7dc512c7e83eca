"use client";
import { useState } from "react";

/**
 * Signs out through next-auth's own endpoints — a CSRF token from GET /api/auth/csrf, then
 * POST /api/auth/signout — which is all next-auth/react's `signOut` does here, without that
 * package's ~12 KB gzip of client code on every page (issue 9). Should a call fail, the
 * browser goes to next-auth's sign-out page, which asks once more and signs out there.
 */
export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  async function signOut() {
    setBusy(true);
    try {
      const csrf = (await (await fetch("/api/auth/csrf", { cache: "no-store" })).json()) as { csrfToken?: unknown };
      if (typeof csrf.csrfToken !== "string") throw new Error("no CSRF token");
      const answer = await fetch("/api/auth/signout", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl: "/signin", json: "true" }),
      });
      if (!answer.ok) throw new Error(`sign-out answered ${answer.status}`);
      const { url } = (await answer.json().catch(() => ({}))) as { url?: unknown };
      // next-auth answers with the callback URL, made absolute; stay on this origin. A full
      // page load, as next-auth does: nothing of the signed-in app stays in memory.
      const next = typeof url === "string" && new URL(url, location.href).origin === location.origin ? url : "/signin";
      window.location.href = next;
    } catch {
      // (an API route of next-auth, not a page of the app: a full navigation)
      window.location.href = new URL("/api/auth/signout", location.origin).href;
    }
  }
  return (
    <button
      type="button"
      onClick={() => void signOut()}
      disabled={busy}
      className="rounded-md px-2 py-1 text-stone-700 hover:bg-stone-200 dark:text-stone-300 dark:hover:bg-stone-800"
    >
      Sign out
    </button>
  );
}
