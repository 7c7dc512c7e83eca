import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { getNotificationSettings } from "@/lib/notifications/settings";
import { SiteHeader } from "@/components/site-header";
import { NotificationSettingsForm } from "@/components/notifications/settings-form";

export const metadata: Metadata = { title: "Notification settings" };
export const dynamic = "force-dynamic";

export default async function NotificationSettingsPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/signin?callbackUrl=%2Faccount%2Fnotifications");
  const settings = await getNotificationSettings({ userId: user.id });
  return (
    <>
      <SiteHeader user={user} trail={<span>Notification settings</span>} />
      <main id="main" className="mx-auto max-w-2xl px-4 py-10">
        <h1 className="text-2xl font-semibold">Notification settings</h1>
        <p className="mt-1 text-stone-600 dark:text-stone-400">
          What Colloquy tells you about, in <Link href="/notifications" className="text-accent underline">your notifications</Link>, and when it mails you. A daily digest comes
          at 07:00 UTC with everything since the last one.
        </p>
        <NotificationSettingsForm initial={settings} />
      </main>
    </>
  );
}
