import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireCoursePage } from "@/lib/auth/page-guard";
import { STAFF_ROLES } from "@/lib/auth/membership";
import { getStudentParticipation } from "@/lib/participation/get-student-participation";
import { formatScore } from "@/lib/participation/rubric";
import { formatDateTime } from "@/lib/dates";
import { isAppError } from "@/lib/errors";
import { SiteHeader } from "@/components/site-header";
import { Breadcrumb } from "@/components/breadcrumb";
import { CourseHeader } from "@/components/course/course-header";
import { DataTable } from "@/components/ui/data-table";
import { ActivityChart } from "@/components/participation/activity-chart";
import { GRADE_COLUMNS, STAT_COLUMNS, gradeCells, statCells } from "@/components/participation/stat-columns";

export const metadata: Metadata = { title: "Student participation" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ courseSlug: string; studentId: string }> };

/** One student across every reading (instructors and TAs). */
export default async function StudentParticipationPage({ params }: Props) {
  const { courseSlug, studentId } = await params;
  const { user, course, role } = await requireCoursePage(courseSlug, `/courses/${courseSlug}/participation/${studentId}`, STAFF_ROLES);
  const now = new Date();
  const p = await getStudentParticipation({ userId: user.id, courseSlug, studentId, now }).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const s = p.student;
  const tz = course.timeZone;
  const titleOf = new Map(p.readings.map((r) => [r.id, r]));

  return (
    <>
      <SiteHeader
        user={user}
        trail={
          <Breadcrumb
            steps={[{ label: course.title, href: `/courses/${course.slug}` }, { label: "Participation", href: `/courses/${course.slug}/participation` }, { label: s.name }]}
          />
        }
      />
      <main id="main" className="mx-auto max-w-7xl px-4 py-8">
        <CourseHeader course={course} role={role} current="participation" title={s.name} />
        <p className="mt-2 text-sm text-stone-600 dark:text-stone-400">
          {s.email} · joined {formatDateTime(s.joinedAt, tz, now)} · score <strong className="text-stone-900 dark:text-stone-100">{formatScore(s.score)}</strong> / {s.maxScore} over the readings open so far
        </p>

        <section aria-labelledby="by-reading" className="mt-6">
          <h2 id="by-reading" className="mb-3 text-lg font-semibold">
            By reading
          </h2>
          <DataTable
            caption={`${s.name}'s participation by reading`}
            columns={[{ key: "reading", label: "Reading" }, { key: "due", label: "Due" }, ...STAT_COLUMNS, ...GRADE_COLUMNS]}
            rows={p.readings.map((r, i) => {
              const { stats, grade } = s.byReading[r.id]!;
              const stat = statCells(stats, tz, now);
              return {
                id: r.id,
                sort: [i, r.dueAt?.getTime() ?? null, ...stat.sort, grade.suggested.score, grade.final],
                cells: [
                  <span key="t">
                    <Link href={`/courses/${course.slug}/readings/${r.slug}`} className="font-medium text-accent dark:text-sky-300 hover:underline">
                      {r.title}
                    </Link>
                    {r.counted ? null : <span className="block text-xs text-stone-500 dark:text-stone-400">not open to students — not in the total</span>}
                  </span>,
                  r.dueAt ? formatDateTime(r.dueAt, tz, now) : "—",
                  ...stat.cells,
                  ...gradeCells({ courseSlug: course.slug, reading: r, student: { id: s.id, name: s.name }, grade, canEdit: !course.archivedAt }),
                ],
              };
            })}
          />
        </section>

        <section aria-labelledby="activity" className="mt-6">
          <h2 id="activity" className="text-lg font-semibold">
            Activity
          </h2>
          {p.daily.length ? <ActivityChart days={p.daily} label={`${s.name}'s posts per day`} /> : <p className="text-sm text-stone-600 dark:text-stone-400">No posts yet.</p>}
        </section>

        <section aria-labelledby="posts" className="mt-6">
          <h2 id="posts" className="text-lg font-semibold">
            Posts <span className="font-normal text-stone-600 dark:text-stone-400">({p.posts.length}{p.posts.length === 500 ? ", the latest" : ""})</span>
          </h2>
          {p.posts.length === 0 ? (
            <p className="text-sm text-stone-600 dark:text-stone-400">Nothing written yet.</p>
          ) : (
            <ol className="mt-2 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900">
              {p.posts.map((post) => {
                const r = titleOf.get(post.readingId);
                return (
                  <li key={post.id} className="px-4 py-3 text-sm">
                    <p className="text-xs text-stone-600 dark:text-stone-400">
                      {post.isReply ? "Reply" : "Comment"} on{" "}
                      {r ? (
                        <Link href={`/courses/${course.slug}/readings/${r.slug}${post.paragraph ? `#p-${post.paragraph}` : ""}`} className="text-accent dark:text-sky-300 hover:underline">
                          {r.title}
                          {post.paragraph ? `, ¶ ${post.paragraph}` : " (detached)"}
                        </Link>
                      ) : null}{" "}
                      · <time dateTime={post.createdAt.toISOString()}>{formatDateTime(post.createdAt, tz, now)}</time> · {post.words} words
                      {post.status !== "VISIBLE" ? <span className="ml-1 rounded bg-stone-200 px-1 dark:bg-stone-800">{post.status.toLowerCase()}</span> : null}
                    </p>
                    <p className="mt-1 whitespace-pre-line">{post.excerpt}</p>
                  </li>
                );
              })}
            </ol>
          )}
        </section>
      </main>
    </>
  );
}
