import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireCoursePage } from "@/lib/auth/page-guard";
import { STAFF_ROLES } from "@/lib/auth/membership";
import { listModerationQueue, type QueueTab } from "@/lib/moderation/list-moderation-queue";
import { formatDateTime } from "@/lib/dates";
import { isAppError } from "@/lib/errors";
import { SiteHeader } from "@/components/site-header";
import { Breadcrumb } from "@/components/breadcrumb";
import { CourseHeader } from "@/components/course/course-header";
import { QueueActions } from "@/components/moderation/queue-actions";

export const metadata: Metadata = { title: "Moderation" };
export const dynamic = "force-dynamic";

const ACTION_LABEL: Record<string, string> = {
  hide: "Hid",
  unhide: "Unhid",
  pin: "Pinned",
  unpin: "Unpinned",
  endorse: "Endorsed",
  unendorse: "Removed the endorsement of",
  lock: "Locked",
  unlock: "Unlocked",
  approve: "Approved",
  dismiss: "Dismissed the reports on",
};

/** The course's moderation queue (instructors and TAs): reported comments in context with
 *  one-click decisions, and the audit log of what staff did. */
export default async function ModerationPage({ params, searchParams }: { params: Promise<{ courseSlug: string }>; searchParams: Promise<{ tab?: string | string[] }> }) {
  const { courseSlug } = await params;
  const tab: QueueTab = (await searchParams).tab === "actioned" ? "actioned" : "reported";
  const { user, course, role } = await requireCoursePage(courseSlug, `/courses/${courseSlug}/moderation`, STAFF_ROLES);
  const queue = await listModerationQueue({ userId: user.id, courseSlug, tab }).catch((e: unknown) => {
    if (isAppError(e) && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) notFound();
    throw e;
  });
  const base = `/courses/${course.slug}/moderation`;
  const tabs = [
    { key: "reported", label: "Reported", href: base, count: queue.counts.reported },
    { key: "actioned", label: "Recently actioned", href: `${base}?tab=actioned`, count: queue.counts.actioned },
  ];

  return (
    <>
      <SiteHeader user={user} trail={<Breadcrumb steps={[{ label: course.title, href: `/courses/${course.slug}` }, { label: "Moderation" }]} />} />
      <main id="main" className="mx-auto max-w-4xl px-4 py-8">
        <CourseHeader course={course} role={role} current="moderation" title="Moderation" badges={{ moderation: queue.counts.reported }} />
        <nav aria-label="Queues" className="mt-6">
          <ul className="flex gap-2 text-sm">
            {tabs.map((t) => (
              <li key={t.key}>
                <Link
                  href={t.href}
                  aria-current={t.key === tab ? "page" : undefined}
                  className={`inline-block rounded-full border px-3 py-1 font-medium ${t.key === tab ? "border-accent bg-accent/10" : "border-stone-300 dark:border-stone-700"}`}
                >
                  {t.label} ({t.count})
                </Link>
              </li>
            ))}
          </ul>
        </nav>

        {tab === "reported" ? (
          queue.items.length === 0 ? (
            <p className="mt-6 text-stone-600 dark:text-stone-400">Nothing is reported. Students can report a comment from its thread.</p>
          ) : (
            <ul aria-label="Reported comments" className="mt-6 space-y-4">
              {queue.items.map((item) => {
                const author = item.comment.author?.name ?? "Unknown";
                const link = `/courses/${course.slug}/readings/${item.reading.slug}#c-${item.comment.id}`;
                return (
                  <li key={item.comment.id}>
                    <article aria-label={`Reported comment by ${author}`} className="rounded-lg border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
                      <p className="text-sm text-stone-600 dark:text-stone-400">
                        {item.reading.title} ·{" "}
                        <Link href={link} className="font-medium text-accent underline">
                          {item.paragraph !== null ? `¶ ${item.paragraph}` : "Detached"}
                        </Link>{" "}
                        · <span className="font-semibold text-stone-900 dark:text-stone-100">{author}</span> · {formatDateTime(new Date(item.comment.createdAt), course.timeZone)}
                        {item.comment.state === "hidden" ? " · hidden" : ""}
                      </p>
                      {item.comment.passage ? <blockquote className="mt-2 border-l-2 border-amber-400 pl-2 font-serif text-sm italic">“{item.comment.passage.quote}”</blockquote> : null}
                      <div className="comment-body mt-2" dangerouslySetInnerHTML={{ __html: item.comment.html ?? "" }} />
                      <h3 className="mt-3 text-sm font-semibold">
                        {item.reports.length} {item.reports.length === 1 ? "report" : "reports"}
                      </h3>
                      <ul className="mt-1 list-disc pl-5 text-sm">
                        {item.reports.map((r) => (
                          <li key={r.id}>
                            “{r.reason}” — {r.reporter}, {formatDateTime(new Date(r.createdAt), course.timeZone)}
                          </li>
                        ))}
                      </ul>
                      {course.archivedAt ? null : <QueueActions commentId={item.comment.id} author={author} />}
                    </article>
                  </li>
                );
              })}
            </ul>
          )
        ) : queue.log.length === 0 ? (
          <p className="mt-6 text-stone-600 dark:text-stone-400">No moderation actions yet.</p>
        ) : (
          <ol aria-label="Moderation log" className="mt-6 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white text-sm dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900">
            {queue.log.map((e) => (
              <li key={e.id} className="p-3">
                <p>
                  <strong>{e.actor ?? "A former member"}</strong> {ACTION_LABEL[e.action] ?? e.action}{" "}
                  <Link href={`/courses/${course.slug}/readings/${e.comment.readingSlug}#c-${e.comment.id}`} className="text-accent underline">
                    a comment in {e.comment.readingTitle}
                  </Link>
                  {e.fromStatus !== e.toStatus ? ` (${e.fromStatus.toLowerCase()} → ${e.toStatus.toLowerCase()})` : ""} · <time dateTime={e.createdAt}>{formatDateTime(new Date(e.createdAt), course.timeZone)}</time>
                </p>
                {e.reason ? <p className="mt-1 text-stone-600 dark:text-stone-400">Reason: {e.reason}</p> : null}
                <p className="mt-1 truncate text-stone-500 dark:text-stone-400">“{e.comment.excerpt}”</p>
              </li>
            ))}
          </ol>
        )}
      </main>
    </>
  );
}
