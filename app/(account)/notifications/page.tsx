import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { commentIdSchema } from "@/lib/validations/comment";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { formatRelative } from "@/lib/dates";
import { SiteHeader } from "@/components/site-header";
import { MarkAllReadButton } from "@/components/notifications/mark-all-read-button";
import { NotificationLink } from "@/components/notifications/notification-link";

export const metadata: Metadata = { title: "Notifications" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The inbox: newest first, a page at a time ("Older" follows the last item's id). Each
 *  item links to the comment's deep link; a click marks it read first. */
export default async function NotificationsPage({ searchParams }: Props) {
  const user = await getCurrentUser();
  if (!user) redirect("/signin?callbackUrl=%2Fnotifications");
  const raw = (await searchParams).before;
  const before = commentIdSchema.safeParse(typeof raw === "string" ? raw : undefined);
  const { items, nextBefore } = await listNotifications({ userId: user.id, before: before.success ? before.data : null });
  const now = new Date();
  const unread = items.some((i) => !i.read);
  return (
    <>
      <SiteHeader user={user} trail={<span>Notifications</span>} />
      <main id="main" className="mx-auto max-w-2xl px-4 py-10">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <h1 className="text-2xl font-semibold">Notifications</h1>
          {unread ? <MarkAllReadButton /> : null}
        </div>
        {items.length === 0 ? (
          <p className="mt-6 text-stone-600 dark:text-stone-400">{before.success ? "No older notifications." : "Nothing yet. When someone replies to you or staff act on your comment, it shows here."}</p>
        ) : (
          <ul className="mt-6 divide-y divide-stone-200 rounded-md border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900">
            {items.map((item) => (
              <li key={item.id}>
                <NotificationLink id={item.id} href={item.href} read={item.read} className="flex flex-col gap-1 px-4 py-3 hover:bg-stone-50 dark:hover:bg-stone-800">
                  <span className={item.read ? "text-stone-700 dark:text-stone-300" : "font-semibold text-stone-900 dark:text-stone-100"}>
                    {item.text}
                    {item.read ? null : <span className="sr-only"> (unread)</span>}
                  </span>
                  <span className="text-sm text-stone-600 dark:text-stone-400">
                    {item.readingTitle ? `${item.readingTitle} · ` : ""}
                    {item.courseTitle} · <time dateTime={item.createdAt.toISOString()}>{formatRelative(item.createdAt, now)}</time>
                  </span>
                </NotificationLink>
              </li>
            ))}
          </ul>
        )}
        <p className="mt-8 text-sm text-stone-600 dark:text-stone-400">
          <Link href="/account/notifications" className="text-accent hover:underline">
            Notification settings
          </Link>{" "}
          ·{" "}
          <Link href="/outbox" className="text-accent hover:underline">
            Mail Colloquy sent you
          </Link>
        </p>
        {nextBefore ? (
          <p className="mt-4">
            <Link href={`/notifications?before=${encodeURIComponent(nextBefore)}`} className="text-accent hover:underline">
              Older notifications
            </Link>
          </p>
        ) : null}
      </main>
    </>
  );
}
