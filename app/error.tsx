"use client";

import { READS_BUSY_DIGEST, READS_BUSY_MESSAGE } from "@/lib/net/admission";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  // A page refused a turn when the instance was saturated (503, lib/net/read-turn.ts).
  const busy = error.digest === READS_BUSY_DIGEST;
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">{busy ? "Colloquy is busy right now" : "Something went wrong on our side"}</h1>
      <p className="mt-3 text-stone-600 dark:text-stone-400">{busy ? READS_BUSY_MESSAGE : "Nothing you saved was lost. Try again in a moment."}</p>
      <button type="button" onClick={busy ? () => window.location.reload() : reset} className="mt-6 rounded-md bg-accent px-4 py-2 font-semibold text-white">
        Try again
      </button>
    </main>
  );
}
