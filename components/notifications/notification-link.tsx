"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { markNotificationReadAction } from "@/app/(account)/notifications/actions";

/**
 * An inbox item: a real link to the comment's deep link (copyable, opens in a new tab).
 * A plain click first marks the notification read (at most ~2 s of waiting), then goes
 * there — whether or not marking worked, the reader reaches the comment.
 */
export function NotificationLink({ id, href, read, className, children }: { id: string; href: string; read: boolean; className?: string; children: React.ReactNode }) {
  const router = useRouter();
  async function onClick(event: React.MouseEvent<HTMLAnchorElement>) {
    if (read || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    await Promise.race([markNotificationReadAction(id).catch(() => null), new Promise((resolve) => setTimeout(resolve, 2000))]);
    router.push(href);
  }
  return (
    <Link href={href} prefetch={false} onClick={(e) => void onClick(e)} className={className}>
      {children}
    </Link>
  );
}
