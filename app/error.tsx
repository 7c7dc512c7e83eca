"use client";

import { READS_BUSY_DIGEST, READS_BUSY_MESSAGE, READS_TOO_MANY_DIGEST, READS_TOO_MANY_PAGE_TEXT, READS_TOO_MANY_TITLE } from "@/lib/net/admission";

/** What the page says, by why it failed: refused a read turn (503, lib/net/read-turn.ts), or
 *  its account had too many pages loading at once (429), or anything else. */
function describe(digest: string | undefined) {
  if (digest === READS_BUSY_DIGEST) return { title: "Colloquy is busy right now", text: READS_BUSY_MESSAGE, reload: true };
  if (digest === READS_TOO_MANY_DIGEST) return { title: READS_TOO_MANY_TITLE, text: READS_TOO_MANY_PAGE_TEXT, reload: true };
  return { title: "Something went wrong on our side", text: "Nothing you saved was lost. Try again in a moment.", reload: false };
}

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const { title, text, reload } = describe(error.digest);
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="mt-3 text-stone-600 dark:text-stone-400">{text}</p>
      <button type="button" onClick={reload ? () => window.location.reload() : reset} className="mt-6 rounded-md bg-accent px-4 py-2 font-semibold text-white">
        Try again
      </button>
    </main>
  );
}
