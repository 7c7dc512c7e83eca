import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">Not found, or not yours to see</h1>
      <p className="mt-3 text-stone-600 dark:text-stone-400">
        This page does not exist, or it belongs to a course you are not a member of. If your instructor gave you a join code, join the course from your home page.
      </p>
      <Link href="/" className="mt-6 inline-block font-medium text-accent hover:underline">
        Go to your courses
      </Link>
    </main>
  );
}
