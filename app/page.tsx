import Link from "next/link";
import { BookOpen, Users } from "lucide-react";
import { getCurrentUser } from "@/lib/auth/session";
import { listMyCourses } from "@/lib/courses/list-my-courses";
import { SiteHeader } from "@/components/site-header";
import { CourseForms } from "@/components/course-forms";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const user = await getCurrentUser();
  if (!user) {
    return (
      <>
        <SiteHeader user={null} />
        <main id="main" className="mx-auto max-w-3xl px-4 py-16">
          <h1 className="font-serif text-4xl font-semibold">Read together. Discuss closely.</h1>
          <p className="mt-4 max-w-prose text-lg text-stone-700 dark:text-stone-300">
            Colloquy puts your seminar readings online and lets the class discuss them paragraph by paragraph.
          </p>
          <div className="mt-8 flex gap-3">
            <Link href="/signin" className="rounded-md bg-accent px-4 py-2 font-semibold text-white hover:bg-accent-strong">
              Sign in
            </Link>
            <Link href="/signup" className="rounded-md border border-stone-300 px-4 py-2 font-semibold hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-900">
              Create an account
            </Link>
          </div>
        </main>
      </>
    );
  }

  const courses = await listMyCourses({ userId: user.id });
  return (
    <>
      <SiteHeader user={user} />
      <main id="main" className="mx-auto max-w-5xl px-4 py-10">
        <h1 className="text-2xl font-semibold">Your courses</h1>
        {courses.length === 0 ? (
          <p className="mt-4 text-stone-600 dark:text-stone-400">You are not in any course yet. Join one with the code your instructor gave you, or create your own.</p>
        ) : (
          <ul className="mt-6 grid gap-4 sm:grid-cols-2" aria-label="Your courses">
            {courses.map((course) => (
              <li key={course.id}>
                <Link
                  href={`/courses/${course.slug}`}
                  className="block h-full rounded-lg border border-stone-200 bg-white p-5 shadow-sm hover:border-accent dark:border-stone-800 dark:bg-stone-900"
                >
                  <h2 className="text-lg font-semibold">{course.title}</h2>
                  {course.term ? <p className="text-sm text-stone-600 dark:text-stone-400">{course.term}</p> : null}
                  <p className="mt-3 flex gap-4 text-sm text-stone-600 dark:text-stone-400">
                    <span className="inline-flex items-center gap-1">
                      <BookOpen aria-hidden className="h-4 w-4" /> {course._count.readings} readings
                    </span>
                    <span className="inline-flex items-center gap-1">
                      <Users aria-hidden className="h-4 w-4" /> {course._count.memberships} members
                    </span>
                    <span className="capitalize">{course.role.toLowerCase()}</span>
                  </p>
                </Link>
              </li>
            ))}
          </ul>
        )}
        <CourseForms />
      </main>
    </>
  );
}
