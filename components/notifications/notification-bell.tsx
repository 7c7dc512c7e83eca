import { countUnreadNotifications } from "@/lib/notifications/list-notifications";
import { LiveBellLink } from "@/components/notifications/live-bell-link";

/** The header's bell: a link to the inbox whose name carries the unread count
 *  ("Notifications: 2 unread"). The count is read per request, then kept current live
 *  (LiveBellLink). */
export async function NotificationBell({ userId }: { userId: string }) {
  const unread = await countUnreadNotifications({ userId }).catch((error: unknown) => {
    // The header must not take the page down with it: the bell then claims no count at
    // all (rather than a wrong "none unread").
    console.error("[notifications] could not count unread notifications:", error);
    return null;
  });
  return <LiveBellLink initial={unread} />;
}
