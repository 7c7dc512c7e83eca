import Link from "next/link";
import { BookOpen, CalendarClock, Users } from "lucide-react";
import { getCurrentUser } from "@/lib/auth/session";
import { listMyCourses } from "@/lib/courses/list-my-courses";
import { SiteHeader } from "@/components/site-header";
import { CourseForms } from "@/components/course-forms";
import { formatDateTime, formatRelative } from "@/lib/dates";
import { countModerationQueues } from "@/lib/moderation/count-open-reports";

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

  const now = new Date();
  const { active, archived } = await listMyCourses({ userId: user.id, now });
  const moderation = await countModerationQueues({ userId: user.id, courseIds: active.map((c) => c.id) });
  return (
    <>
      <SiteHeader user={user} />
      <main id="main" className="mx-auto max-w-5xl px-4 py-10">
        <h1 className="text-2xl font-semibold">Your courses</h1>
        {active.length === 0 ? (
          <p className="mt-4 text-stone-600 dark:text-stone-400">
            {archived.length ? "You have no active courses." : "You are not in any course yet."} Join one with the code your instructor gave you, or create your own.
          </p>
        ) : (
          <ul className="mt-6 grid gap-4 sm:grid-cols-2" aria-label="Your courses">
            {active.map((course) => (
              <li key={course.id}>
                <CourseCard course={course} now={now} />
                {moderation.has(course.id) ? (
                  // Named "Moderation (N)", described by the course's title (the card's heading).
                  <Link href={`/courses/${course.slug}/moderation`} aria-describedby={`course-title-${course.id}`} className="mt-1 inline-block text-sm font-medium text-accent underline">
                    Moderation ({moderation.get(course.id)})
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {archived.length ? (
          <details className="mt-8">
            <summary className="cursor-pointer text-sm font-medium text-stone-700 dark:text-stone-300">Archived ({archived.length})</summary>
            <ul className="mt-3 grid gap-4 sm:grid-cols-2" aria-label="Archived courses">
              {archived.map((course) => (
                <li key={course.id}>
                  <CourseCard course={course} now={now} />
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        <CourseForms />
      </main>
    </>
  );
}

type Card = Awaited<ReturnType<typeof listMyCourses>>["active"][number];

function CourseCard({ course, now }: { course: Card; now: Date }) {
  return (
    <Link
      href={`/courses/${course.slug}`}
      className="block h-full rounded-lg border border-stone-200 bg-white p-5 shadow-sm hover:border-accent dark:border-stone-800 dark:bg-stone-900"
    >
      <h2 id={`course-title-${course.id}`} className="text-lg font-semibold">
        {course.title}
      </h2>
      {course.term ? <p className="text-sm text-stone-600 dark:text-stone-400">{course.term}</p> : null}
      {course.nextDue ? (
        <p className="mt-3 flex items-start gap-1.5 text-sm text-stone-800 dark:text-stone-200">
          <CalendarClock aria-hidden className="mt-0.5 h-4 w-4 shrink-0 text-accent" />
          <span>
            Next due: <span className="font-medium">{course.nextDue.title}</span> — {formatDateTime(course.nextDue.dueAt, course.timeZone, now)} ({formatRelative(course.nextDue.dueAt, now)})
          </span>
        </p>
      ) : null}
      <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm text-stone-600 dark:text-stone-400">
        <span className="inline-flex items-center gap-1">
          <BookOpen aria-hidden className="h-4 w-4" /> {course.readingCount} {course.readingCount === 1 ? "reading" : "readings"}
        </span>
        <span className="inline-flex items-center gap-1">
          <Users aria-hidden className="h-4 w-4" /> {course.memberCount} {course.memberCount === 1 ? "member" : "members"}
        </span>
        <span>{course.role === "TA" ? "TA" : course.role === "INSTRUCTOR" ? "Instructor" : "Student"}</span>
      </p>
    </Link>
  );
}
