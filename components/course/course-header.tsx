import { Archive } from "lucide-react";
import type { Role } from "@/generated/prisma/client";
import { CourseNav } from "@/components/course/course-nav";
import { formatDate } from "@/lib/dates";

/** Title, term, the archived notice and the staff tabs: the top of every course page. */
export function CourseHeader({
  course,
  role,
  current,
  title,
  badges,
}: {
  course: { slug: string; title: string; term: string | null; archivedAt: Date | null; timeZone: string };
  role: Role;
  current: string;
  /** The page's own heading when it is not the course's title (e.g. "People"). */
  title?: string;
  /** Counts beside tabs, e.g. { moderation: 3 }. */
  badges?: Partial<Record<string, number>>;
}) {
  return (
    <header>
      {title ? (
        <>
          <p className="text-sm text-stone-600 dark:text-stone-400">
            {course.title}
            {course.term ? ` · ${course.term}` : ""}
          </p>
          <h1 className="text-2xl font-semibold sm:text-3xl">{title}</h1>
        </>
      ) : (
        <>
          <h1 className="text-2xl font-semibold sm:text-3xl">{course.title}</h1>
          {course.term ? <p className="mt-1 text-stone-600 dark:text-stone-400">{course.term}</p> : null}
        </>
      )}
      {course.archivedAt ? (
        <p role="status" className="mt-4 flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          <Archive aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
          <span>
            Archived on {formatDate(course.archivedAt, course.timeZone)}: everything stays readable, nothing can be changed.
            {role === "INSTRUCTOR" ? " You can restore it in Settings." : ""}
          </span>
        </p>
      ) : null}
      <CourseNav slug={course.slug} role={role} current={current} badges={badges} />
    </header>
  );
}
