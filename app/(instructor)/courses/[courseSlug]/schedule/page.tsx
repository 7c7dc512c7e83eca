import type { Metadata } from "next";
import { requireCoursePage } from "@/lib/auth/page-guard";
import { STAFF_ROLES } from "@/lib/auth/membership";
import { listCourseReadings } from "@/lib/readings/list-course-readings";
import { formatDateTime, toZonedInput } from "@/lib/dates";
import { SiteHeader } from "@/components/site-header";
import { Breadcrumb } from "@/components/breadcrumb";
import { CourseHeader } from "@/components/course/course-header";
import { ScheduleEditor } from "@/components/schedule/schedule-editor";
import { DataTable } from "@/components/ui/data-table";
import { ReadingModerationControls } from "@/components/moderation/settings-controls";
import { ReadingPeopleControls } from "@/components/moderation/reading-people-controls";
import { loadModerationSettings } from "@/lib/moderation/list-settings";

export const metadata: Metadata = { title: "Schedule" };
export const dynamic = "force-dynamic";

const PHASE_LABEL = { draft: "Draft", upcoming: "Not open yet", open: null, closed: "Closed" } as const;

/** Open, due and close dates, drafts and order (instructors edit; TAs read). */
export default async function SchedulePage({ params }: { params: Promise<{ courseSlug: string }> }) {
  const { courseSlug } = await params;
  const { user, course, role } = await requireCoursePage(courseSlug, `/courses/${courseSlug}/schedule`, STAFF_ROLES);
  const now = new Date();
  const readings = await listCourseReadings({ courseId: course.id, role, userId: user.id, now });
  const tz = course.timeZone;
  const editable = role === "INSTRUCTOR" && !course.archivedAt;
  const when = (d: Date | null) => (d ? formatDateTime(d, tz, now) : "—");
  const moderation = course.archivedAt ? null : await loadModerationSettings({ userId: user.id, courseId: course.id, now });

  return (
    <>
      <SiteHeader user={user} trail={<Breadcrumb steps={[{ label: course.title, href: `/courses/${course.slug}` }, { label: "Schedule" }]} />} />
      <main id="main" className="mx-auto max-w-4xl px-4 py-8">
        <CourseHeader course={course} role={role} current="schedule" title="Schedule" />
        <div className="mt-6">
          {readings.length === 0 ? (
            <p className="text-stone-600 dark:text-stone-400">No readings yet. Add one from the course page.</p>
          ) : editable ? (
            <ScheduleEditor
              courseSlug={course.slug}
              timeZone={tz}
              rows={readings.map((r) => ({
                id: r.id,
                slug: r.slug,
                title: r.title,
                phaseLabel: PHASE_LABEL[r.phase],
                draft: r.phase === "draft",
                opensAt: toZonedInput(r.opensAt, tz),
                dueAt: toZonedInput(r.dueAt, tz),
                closesAt: toZonedInput(r.closesAt, tz),
                comments: r.commentCount,
              }))}
            />
          ) : (
            <>
              <p className="mb-3 text-sm text-stone-600 dark:text-stone-400">
                Times are in {tz.replace(/_/g, " ")}. {role === "TA" ? "Only instructors change the schedule." : ""}
              </p>
              <DataTable
                caption="Schedule"
                columns={[
                  { key: "title", label: "Reading", sortable: false },
                  { key: "state", label: "State", sortable: false },
                  { key: "opens", label: "Opens", sortable: false },
                  { key: "due", label: "Due", sortable: false },
                  { key: "closes", label: "Closes", sortable: false },
                ]}
                rows={readings.map((r) => ({
                  id: r.id,
                  sort: [],
                  cells: [r.title, PHASE_LABEL[r.phase] ?? "Open", when(r.opensAt), when(r.dueAt), when(r.closesAt)],
                }))}
              />
            </>
          )}
        </div>
        {moderation && moderation.readings.length > 0 ? (
          <section aria-labelledby="reading-moderation-heading" className="mt-8">
            <h2 id="reading-moderation-heading" className="text-lg font-semibold">
              Discussion moderation
            </h2>
            <p className="mb-3 text-sm text-stone-600 dark:text-stone-400">
              Pre-moderated: students&apos; new comments on the reading wait for approval in the Moderation queue. Locked: nobody can post new comments or replies; everything stays readable. Post before you see: a student sees classmates&apos; comments on a paragraph once they have posted there. Anonymity: whether students may post anonymously to classmates on the reading.
            </p>
            <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900">
              {moderation.readings.map((r) => (
                <li key={r.id} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-start sm:justify-between">
                  <span className="font-medium">{r.title}</span>
                  <ReadingModerationControls courseSlug={course.slug} reading={r} />
                  <ReadingPeopleControls courseSlug={course.slug} reading={r} />
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </main>
    </>
  );
}
