import type { Metadata } from "next";
import Link from "next/link";
import { MessageSquare } from "lucide-react";
import { requireCoursePage } from "@/lib/auth/page-guard";
import { listCourseReadings } from "@/lib/readings/list-course-readings";
import { SiteHeader } from "@/components/site-header";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ courseSlug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: (await params).courseSlug.replace(/-/g, " ") };
}

export default async function CoursePage({ params }: Params) {
  const { courseSlug } = await params;
  const { user, course, role } = await requireCoursePage(courseSlug, `/courses/${courseSlug}`);
  const readings = await listCourseReadings({ courseId: course.id });
  const isStaff = role === "INSTRUCTOR" || role === "TA";

  return (
    <>
      <SiteHeader user={user} trail={<span>{course.title}</span>} />
      <main id="main" className="mx-auto max-w-4xl px-4 py-10">
        <h1 className="text-3xl font-semibold">{course.title}</h1>
        {course.term ? <p className="mt-1 text-stone-600 dark:text-stone-400">{course.term}</p> : null}
        {isStaff ? (
          <p className="mt-4 rounded-md border border-stone-200 bg-white px-4 py-3 text-sm dark:border-stone-800 dark:bg-stone-900">
            Students join with the code <strong className="font-mono text-base tracking-wider">{course.joinCode}</strong>
          </p>
        ) : null}
        <div className="mt-10 flex items-center justify-between gap-4">
          <h2 className="text-xl font-semibold">Readings</h2>
          {isStaff ? (
            <Link href={`/courses/${course.slug}/readings/new`} className="rounded-md bg-accent px-3 py-1.5 text-sm font-semibold text-white hover:bg-accent-strong">
              Add a reading
            </Link>
          ) : null}
        </div>
        {readings.length === 0 ? (
          <p className="mt-3 text-stone-600 dark:text-stone-400">No readings yet.</p>
        ) : (
          <ol className="mt-4 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900">
            {readings.map((r) => (
              <li key={r.id} className="flex items-start gap-4 px-4 py-4">
                <div className="min-w-0 flex-1">
                  <Link href={`/courses/${course.slug}/readings/${r.slug}`} className="font-serif text-lg font-semibold text-stone-900 hover:text-accent hover:underline dark:text-stone-100">
                    {r.title}
                  </Link>
                  <p className="text-sm text-stone-600 dark:text-stone-400">{[r.author, r.source, r.date].filter(Boolean).join(" · ")}</p>
                </div>
                <span className="inline-flex shrink-0 items-center gap-1 text-sm text-stone-600 dark:text-stone-400" aria-label={`${r.commentCount} comments`}>
                  <MessageSquare aria-hidden className="h-4 w-4" />
                  {r.commentCount}
                </span>
              </li>
            ))}
          </ol>
        )}
      </main>
    </>
  );
}
