import Link from "next/link";
import { BookOpenTextIcon } from "@/components/ui/icons";
import type { CurrentUser } from "@/lib/auth/session";
import { SignOutButton } from "@/components/sign-out-button";
import { NotificationBell } from "@/components/notifications/notification-bell";

export function SiteHeader({ user, trail }: { user: CurrentUser | null; trail?: React.ReactNode }) {
  return (
    <header className="no-print sticky top-0 z-30 border-b border-stone-200 bg-stone-50/90 backdrop-blur dark:border-stone-800 dark:bg-stone-950/90">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-3 px-4">
        <Link href="/" className="flex items-center gap-2 font-semibold text-stone-900 dark:text-stone-100">
          <BookOpenTextIcon className="h-5 w-5 text-accent" />
          Colloquy
        </Link>
        {trail ? <nav aria-label="Breadcrumb" className="min-w-0 flex-1 truncate text-sm text-stone-600 dark:text-stone-400">{trail}</nav> : <div className="flex-1" />}
        {user ? (
          <div className="flex items-center gap-3 text-sm">
            <NotificationBell userId={user.id} />
            <Link href="/account" className="rounded-md px-2 py-1 text-stone-700 hover:bg-stone-200 dark:text-stone-300 dark:hover:bg-stone-800">
              <span className="sr-only">Your account: </span>
              <span className="hidden sm:inline">{user.name}</span>
              <span className="sm:hidden">Account</span>
            </Link>
            <SignOutButton />
          </div>
        ) : (
          <Link href="/signin" className="text-sm font-medium text-accent hover:underline">
            Sign in
          </Link>
        )}
      </div>
    </header>
  );
}
