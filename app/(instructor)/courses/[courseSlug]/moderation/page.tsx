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
  delete: "Deleted",
  hold: "Held",
  "premoderate-course": "Turned on pre-moderation for the course",
  "unpremoderate-course": "Turned off pre-moderation for the course",
  "word-list": "Changed the course word list",
  "premoderate-reading": "Turned on pre-moderation for",
  "unpremoderate-reading": "Turned off pre-moderation for",
  "lock-reading": "Locked the discussion of",
  "unlock-reading": "Unlocked the discussion of",
  "premoderate-student": "Turned on pre-moderation for",
  "unpremoderate-student": "Turned off pre-moderation for",
  mute: "Muted",
  unmute: "Unmuted",
};

/** The course's moderation queue (instructors and TAs): reported comments in context with
 *  one-click decisions, and the audit log of what staff did. */
export default async function ModerationPage({ params, searchParams }: { params: Promise<{ courseSlug: string }>; searchParams: Promise<{ tab?: string | string[]; action?: string | string[] }> }) {
  const { courseSlug } = await params;
  const query = await searchParams;
  const tab: QueueTab = query.tab === "actioned" ? "actioned" : query.tab === "pending" ? "pending" : "reported";
  const actionFilter = typeof query.action === "string" && query.action in ACTION_LABEL ? query.action : null;
  const { user, course, role } = await requireCoursePage(courseSlug, `/courses/${courseSlug}/moderation`, STAFF_ROLES);
  const queue = await listModerationQueue({ userId: user.id, courseSlug, tab, action: actionFilter }).catch((e: unknown) => {
    if (isAppError(e) && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) notFound();
    throw e;
  });
  const base = `/courses/${course.slug}/moderation`;
  const tabs = [
    { key: "reported", label: "Reported", href: base, count: queue.counts.reported },
    { key: "pending", label: "Pending", href: `${base}?tab=pending`, count: queue.counts.pending },
    { key: "actioned", label: "Recently actioned", href: `${base}?tab=actioned`, count: queue.counts.actioned },
  ];

  return (
    <>
      <SiteHeader user={user} trail={<Breadcrumb steps={[{ label: course.title, href: `/courses/${course.slug}` }, { label: "Moderation" }]} />} />
      <main id="main" className="mx-auto max-w-4xl px-4 py-8">
        <CourseHeader course={course} role={role} current="moderation" title="Moderation" badges={{ moderation: queue.counts.reported + queue.counts.pending }} />
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

        {tab !== "actioned" ? (
          queue.items.length === 0 ? (
            <p className="mt-6 text-stone-600 dark:text-stone-400">
              {tab === "pending" ? "Nothing is waiting for approval. Pre-moderation and the word list are set on the course's Settings, Schedule and People pages." : "Nothing is reported. Students can report a comment from its thread."}
            </p>
          ) : (
            <ul aria-label={tab === "pending" ? "Comments waiting for approval" : "Reported comments"} className="mt-6 space-y-4">
              {queue.items.map((item) => {
                const author = item.comment.author?.name ?? "Unknown";
                const link = `/courses/${course.slug}/readings/${item.reading.slug}#c-${item.comment.id}`;
                return (
                  <li key={item.comment.id}>
                    <article aria-label={`${tab === "pending" ? "Pending" : "Reported"} comment by ${author}`} className="rounded-lg border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
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
                      {tab === "pending" ? (
                        <p className="mt-3 text-sm text-stone-700 dark:text-stone-300">Held because {item.heldBecause ?? "it waits for approval"}.</p>
                      ) : (
                        <>
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
                        </>
                      )}
                      {course.archivedAt ? null : <QueueActions commentId={item.comment.id} author={author} pending={tab === "pending"} />}
                    </article>
                  </li>
                );
              })}
            </ul>
          )
        ) : (
          <>
          <form method="get" action={base} className="mt-6 flex flex-wrap items-end gap-2 text-sm">
            <input type="hidden" name="tab" value="actioned" />
            <label className="flex flex-col gap-1 font-medium">
              Show
              <select name="action" defaultValue={actionFilter ?? ""} className="rounded border border-stone-300 bg-white px-2 py-1 font-normal dark:border-stone-700 dark:bg-stone-900">
                <option value="">All actions</option>
                {Object.keys(ACTION_LABEL).map((key) => (
                  <option key={key} value={key}>
                    {key.replace(/-/g, " ")}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="rounded-md border border-stone-300 px-3 py-1 font-medium dark:border-stone-700">
              Filter
            </button>
          </form>
          {queue.log.length === 0 ? (
          <p className="mt-6 text-stone-600 dark:text-stone-400">{actionFilter ? "No actions of this kind yet." : "No moderation actions yet."}</p>
        ) : (
          <ol aria-label="Moderation log" className="mt-6 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white text-sm dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900">
            {queue.log.map((e) => (
              <li key={e.id} className="p-3">
                <p>
                  <strong>{e.actor ?? (e.action === "hold" ? "Colloquy" : "A former member")}</strong> {ACTION_LABEL[e.action] ?? e.action}{" "}
                  {e.comment ? (
                    <Link href={`/courses/${course.slug}/readings/${e.comment.readingSlug}#c-${e.comment.id}`} className="text-accent underline">
                      a comment in {e.comment.readingTitle}
                    </Link>
                  ) : e.reading ? (
                    <Link href={`/courses/${course.slug}/readings/${e.reading.slug}`} className="text-accent underline">
                      {e.reading.title}
                    </Link>
                  ) : e.action.endsWith("-student") || e.action === "mute" || e.action === "unmute" ? (
                    <span className="font-medium">{e.subject ?? "a former member"}</span>
                  ) : null}
                  {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? ` (${e.fromStatus.toLowerCase()} → ${e.toStatus.toLowerCase()})` : e.toStatus && !e.fromStatus ? ` (${e.toStatus.toLowerCase()})` : ""} ·{" "}
                  <time dateTime={e.createdAt}>{formatDateTime(new Date(e.createdAt), course.timeZone)}</time>
                </p>
                {e.reason ? <p className="mt-1 text-stone-600 dark:text-stone-400">{e.action === "hold" ? "Because" : "Reason"}: {e.reason}</p> : null}
                {e.comment ? <p className="mt-1 truncate text-stone-500 dark:text-stone-400">“{e.comment.excerpt}”</p> : null}
              </li>
            ))}
          </ol>
          )}
          </>
        )}
      </main>
    </>
  );
}
