"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong on our side</h1>
      <p className="mt-3 text-stone-600 dark:text-stone-400">Nothing you saved was lost. Try again in a moment.</p>
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-accent px-4 py-2 font-semibold text-white">
        Try again
      </button>
    </main>
  );
}
