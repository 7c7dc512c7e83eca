import type { Metadata } from "next";
import Link from "next/link";
import { CalendarClock } from "lucide-react";
import { requireCoursePage } from "@/lib/auth/page-guard";
import { isStaffRole } from "@/lib/auth/membership";
import { listCourseReadings } from "@/lib/readings/list-course-readings";
import { nextDue } from "@/lib/readings/schedule";
import { formatDateTime, formatRelative } from "@/lib/dates";
import { countUnreadByReading } from "@/lib/comments/count-unread";
import { countModerationQueue } from "@/lib/moderation/count-open-reports";
import { SiteHeader } from "@/components/site-header";
import { CourseHeader } from "@/components/course/course-header";
import { ReadingScheduleList } from "@/components/course/reading-schedule-list";
import { SearchBox } from "@/components/search/search-box";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ courseSlug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: (await params).courseSlug.replace(/-/g, " ") };
}

export default async function CoursePage({ params }: Params) {
  const { courseSlug } = await params;
  const { user, course, role } = await requireCoursePage(courseSlug, `/courses/${courseSlug}`);
  const now = new Date();
  const isStaff = isStaffRole(role);
  const [readings, unread, reported] = await Promise.all([
    listCourseReadings({ courseId: course.id, role, userId: user.id, now }),
    countUnreadByReading({ userId: user.id, courseId: course.id }),
    isStaff ? countModerationQueue({ userId: user.id, courseId: course.id }) : 0,
  ]);
  const due = nextDue(readings.filter((r) => r.phase !== "draft"), now);
  const writable = !course.archivedAt;

  return (
    <>
      <SiteHeader user={user} trail={<span>{course.title}</span>} />
      <main id="main" className="mx-auto max-w-4xl px-4 py-8 sm:py-10">
        <CourseHeader course={course} role={role} current="readings" badges={{ moderation: reported }} />
        <SearchBox courseSlug={course.slug} className="mt-4" />
        {isStaff && writable ? (
          <p className="mt-4 rounded-md border border-stone-200 bg-white px-4 py-3 text-sm dark:border-stone-800 dark:bg-stone-900">
            Students join with the code <strong className="font-mono text-base tracking-wider">{course.joinCode}</strong>
          </p>
        ) : null}
        {due ? (
          <p className="mt-4 flex items-start gap-2 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-900 dark:bg-amber-950/50 dark:text-amber-100">
            <CalendarClock aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
            <span>
              Due next:{" "}
              <Link href={`/courses/${course.slug}/readings/${due.slug}`} className="font-semibold underline">
                {due.title}
              </Link>{" "}
              — {formatDateTime(due.dueAt!, course.timeZone, now)} ({formatRelative(due.dueAt!, now)})
            </span>
          </p>
        ) : null}
        <div className="mt-8 flex items-center justify-between gap-4">
          <h2 className="text-xl font-semibold">Readings</h2>
          {isStaff && writable ? (
            <Link href={`/courses/${course.slug}/readings/new`} className="rounded-md bg-accent px-3 py-1.5 text-sm font-semibold text-white hover:bg-accent-strong">
              Add a reading
            </Link>
          ) : null}
        </div>
        {readings.length === 0 ? (
          <p className="mt-3 text-stone-600 dark:text-stone-400">{isStaff ? "No readings yet." : "No readings are open yet."}</p>
        ) : (
          <ReadingScheduleList
            courseSlug={course.slug}
            readings={readings}
            timeZone={course.timeZone}
            showProgress={!isStaff}
            nextDueId={due?.id ?? null}
            now={now}
            unread={unread}
          />
        )}
        {readings.some((r) => r.dueAt || r.opensAt || r.closesAt) ? (
          <p className="mt-3 text-xs text-stone-500 dark:text-stone-400">Times are in {course.timeZone.replace(/_/g, " ")}.</p>
        ) : null}
      </main>
    </>
  );
}
