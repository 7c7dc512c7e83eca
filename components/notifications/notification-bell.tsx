import Link from "next/link";
import { Bell } from "lucide-react";
import { countUnreadNotifications } from "@/lib/notifications/list-notifications";

/** The header's bell: a link to the inbox whose name carries the unread count
 *  ("Notifications: 2 unread"). A server component: the count is read per request. */
export async function NotificationBell({ userId }: { userId: string }) {
  const unread = await countUnreadNotifications({ userId }).catch((error: unknown) => {
    // The header must not take the page down with it: the bell then claims no count at
    // all (rather than a wrong "none unread").
    console.error("[notifications] could not count unread notifications:", error);
    return null;
  });
  const shown = unread === null ? "" : unread >= 100 ? "99+" : String(unread);
  const label = unread === null ? "Notifications" : unread > 0 ? `Notifications: ${shown} unread` : "Notifications: none unread";
  return (
    <Link href="/notifications" aria-label={label} title={label} className="relative rounded-md p-1.5 text-stone-700 hover:bg-stone-200 dark:text-stone-300 dark:hover:bg-stone-800">
      <Bell aria-hidden className="h-5 w-5" />
      {unread ? (
        <span aria-hidden className="absolute -right-1 -top-1 min-w-5 rounded-full bg-accent px-1 text-center text-xs font-semibold leading-5 text-white">
          {shown}
        </span>
      ) : null}
    </Link>
  );
}
