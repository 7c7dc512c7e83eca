import type { Metadata } from "next";
import Link from "next/link";
import { requireCoursePage } from "@/lib/auth/page-guard";
import { STAFF_ROLES } from "@/lib/auth/membership";
import { getParticipation } from "@/lib/participation/get-participation";
import { describeRubric, formatScore } from "@/lib/participation/rubric";
import { SiteHeader } from "@/components/site-header";
import { Breadcrumb } from "@/components/breadcrumb";
import { CourseHeader } from "@/components/course/course-header";
import { DataTable } from "@/components/ui/data-table";
import { secondaryButtonClass } from "@/components/ui/field";
import { ActivityChart } from "@/components/participation/activity-chart";
import { RubricForm } from "@/components/participation/rubric-form";
import { Sparkline } from "@/components/participation/sparkline";
import { ExportLinks } from "@/components/participation/export-links";
import { GRADE_COLUMNS, STAT_COLUMNS, gradeCells, statCells } from "@/components/participation/stat-columns";

export const metadata: Metadata = { title: "Participation" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ courseSlug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Who took part, and the scores to grade from (instructors and TAs). */
export default async function ParticipationPage({ params, searchParams }: Props) {
  const { courseSlug } = await params;
  const { user, course, role } = await requireCoursePage(courseSlug, `/courses/${courseSlug}/participation`, STAFF_ROLES);
  const now = new Date();
  const p = await getParticipation({ userId: user.id, courseSlug, now });
  const wanted = (await searchParams).reading;
  const reading = typeof wanted === "string" ? (p.readings.find((r) => r.slug === wanted) ?? null) : null;
  const tz = course.timeZone;
  const canGrade = !course.archivedAt;
  const studentHref = (id: string) => `/courses/${course.slug}/participation/${id}`;

  return (
    <>
      <SiteHeader user={user} trail={<Breadcrumb steps={[{ label: course.title, href: `/courses/${course.slug}` }, { label: "Participation" }]} />} />
      <main id="main" className="mx-auto max-w-7xl px-4 py-8">
        <CourseHeader course={course} role={role} current="participation" title="Participation" />

        <section aria-labelledby="rubric-heading" className="mt-6 rounded-lg border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="min-w-0 flex-1">
              <h2 id="rubric-heading" className="text-lg font-semibold">
                Rubric
              </h2>
              <p className="mt-1 text-sm">{describeRubric(p.rubric)}</p>
              <p className="mt-1 text-xs text-stone-600 dark:text-stone-400">
                Counted: visible comments and replies (not hidden, deleted, pending or private ones). The score is a suggestion; set one by hand with a reason, and the reason shows beside it.
                Totals cover the readings students can see so far.
              </p>
            </div>
            <ExportLinks courseSlug={course.slug} />
          </div>
          {role === "INSTRUCTOR" && !course.archivedAt ? (
            <details className="mt-3">
              <summary className="cursor-pointer text-sm font-medium text-accent dark:text-sky-300">Change the rubric</summary>
              <RubricForm courseSlug={course.slug} rubric={p.rubric} />
            </details>
          ) : null}
        </section>

        <section aria-labelledby="activity-heading" className="mt-6">
          <h2 id="activity-heading" className="text-lg font-semibold">
            Activity
          </h2>
          {p.daily.length ? <ActivityChart days={p.daily} label="Students' posts per day" /> : <p className="text-sm text-stone-600 dark:text-stone-400">No posts by students yet.</p>}
        </section>

        <section aria-labelledby="table-heading" className="mt-6">
          <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
            <h2 id="table-heading" className="text-lg font-semibold">
              {reading ? `Students on “${reading.title}”` : "Students across all readings"}
            </h2>
            <form method="get" className="flex flex-wrap items-end gap-2">
              <div className="flex flex-col gap-1">
                <label htmlFor="reading-view" className="text-sm font-medium">
                  Show
                </label>
                <select id="reading-view" name="reading" defaultValue={reading?.slug ?? ""} className="max-w-xs rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm dark:border-stone-700 dark:bg-stone-900">
                  <option value="">All readings (totals)</option>
                  {p.readings.map((r) => (
                    <option key={r.id} value={r.slug}>
                      {r.title}
                      {r.counted ? "" : " (not open to students)"}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className={secondaryButtonClass}>
                Show
              </button>
            </form>
          </div>
          {reading ? (
            <DataTable
              caption={`Participation on ${reading.title}`}
              filterLabel="Filter students"
              initialSort={{ column: 0, direction: "asc" }}
              columns={[{ key: "student", label: "Student" }, ...STAT_COLUMNS, ...GRADE_COLUMNS]}
              rows={p.students.map((s) => {
                const { stats, grade } = s.byReading[reading.id]!;
                const stat = statCells(stats, tz, now);
                return {
                  id: s.id,
                  text: `${s.name} ${s.email}`,
                  sort: [s.name, ...stat.sort, grade.suggested.score, grade.final],
                  cells: [
                    <Link key="n" href={studentHref(s.id)} className="font-medium text-accent dark:text-sky-300 hover:underline">
                      {s.name}
                    </Link>,
                    ...stat.cells,
                    ...gradeCells({ courseSlug: course.slug, reading, student: { id: s.id, name: s.name }, grade, canEdit: canGrade }),
                  ],
                };
              })}
              empty="No students in this course yet."
            />
          ) : (
            <DataTable
              caption="Participation across all readings"
              filterLabel="Filter students"
              initialSort={{ column: 0, direction: "asc" }}
              columns={[
                { key: "student", label: "Student" },
                ...STAT_COLUMNS,
                { key: "weeks", label: "Last 12 weeks", sortable: false },
                { key: "score", label: "Score", numeric: true, title: "Sum of final scores over the readings open so far" },
              ]}
              rows={p.students.map((s) => {
                const stat = statCells(s.totals, tz, now);
                const weekly = p.weekly[s.id] ?? [];
                const overridden = p.readings.filter((r) => s.byReading[r.id]!.grade.override).length;
                return {
                  id: s.id,
                  text: `${s.name} ${s.email}`,
                  sort: [s.name, ...stat.sort, null, s.score],
                  cells: [
                    <Link key="n" href={studentHref(s.id)} className="font-medium text-accent dark:text-sky-300 hover:underline">
                      {s.name}
                    </Link>,
                    ...stat.cells,
                    <Sparkline key="w" counts={weekly} label={`${s.name}: ${weekly.join(", ")} posts per week, oldest first`} />,
                    <span key="s" className="whitespace-nowrap">
                      <strong className="tabular-nums">{formatScore(s.score)}</strong>
                      <span className="text-stone-500 dark:text-stone-400"> / {s.maxScore}</span>
                      {overridden ? <span className="block text-xs text-violet-800 dark:text-violet-300">{overridden} set by hand</span> : null}
                    </span>,
                  ],
                };
              })}
              empty="No students in this course yet."
            />
          )}
        </section>
      </main>
    </>
  );
}
