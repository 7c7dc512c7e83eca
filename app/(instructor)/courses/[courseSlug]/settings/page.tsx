import type { Metadata } from "next";
import { requireCoursePage } from "@/lib/auth/page-guard";
import { SiteHeader } from "@/components/site-header";
import { Breadcrumb } from "@/components/breadcrumb";
import { CourseHeader } from "@/components/course/course-header";
import { ArchiveForm, DeleteCourseForm, TimeZoneForm } from "@/components/course/course-settings-forms";
import { CourseModerationForm } from "@/components/moderation/settings-controls";
import { loadModerationSettings } from "@/lib/moderation/list-settings";
import { AnonymityForm } from "@/components/course/anonymity-form";

export const metadata: Metadata = { title: "Course settings" };
export const dynamic = "force-dynamic";

/** Time zone, archive/restore, delete (instructors only). */
export default async function SettingsPage({ params }: { params: Promise<{ courseSlug: string }> }) {
  const { courseSlug } = await params;
  const { user, course, role } = await requireCoursePage(courseSlug, `/courses/${courseSlug}/settings`, ["INSTRUCTOR"]);
  const moderation = await loadModerationSettings({ userId: user.id, courseId: course.id });
  return (
    <>
      <SiteHeader user={user} trail={<Breadcrumb steps={[{ label: course.title, href: `/courses/${course.slug}` }, { label: "Settings" }]} />} />
      <main id="main" className="mx-auto max-w-3xl px-4 py-8">
        <CourseHeader course={course} role={role} current="settings" title="Settings" />
        <div className="mt-6 flex flex-col gap-6">
          <TimeZoneForm courseSlug={course.slug} timeZone={course.timeZone} zones={Intl.supportedValuesOf("timeZone")} disabled={Boolean(course.archivedAt)} />
          <CourseModerationForm courseSlug={course.slug} premoderated={moderation.premoderated} wordList={moderation.wordList} disabled={Boolean(course.archivedAt)} />
          <AnonymityForm courseSlug={course.slug} allowAnonymous={course.allowAnonymous} disabled={Boolean(course.archivedAt)} />
          <ArchiveForm courseSlug={course.slug} archived={Boolean(course.archivedAt)} />
          <p className="text-sm text-stone-600 dark:text-stone-400">
            Before deleting: download every comment (
            <a href={`/api/courses/${course.slug}/exports/comments?format=csv`} className="text-accent dark:text-sky-300 underline" download>
              CSV
            </a>
            ,{" "}
            <a href={`/api/courses/${course.slug}/exports/comments?format=json`} className="text-accent dark:text-sky-300 underline" download>
              JSON
            </a>
            ) and the{" "}
            <a href={`/api/courses/${course.slug}/exports/participation?layout=grades`} className="text-accent dark:text-sky-300 underline" download>
              grades
            </a>
            .
          </p>
          <DeleteCourseForm courseSlug={course.slug} title={course.title} />
        </div>
      </main>
    </>
  );
}
