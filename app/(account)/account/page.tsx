import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { SiteHeader } from "@/components/site-header";
import { NameForm, PasswordForm, OtherSessionsForm } from "@/components/account/account-forms";

export const metadata: Metadata = { title: "Your account" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/signin?callbackUrl=%2Faccount");
  return (
    <>
      <SiteHeader user={user} trail={<span>Your account</span>} />
      <main id="main" className="mx-auto max-w-2xl px-4 py-10">
        <h1 className="text-2xl font-semibold">Your account</h1>
        <p className="mt-1 text-stone-600 dark:text-stone-400">
          Signed in as <span className="font-medium text-stone-800 dark:text-stone-200">{user.email}</span>. Classmates see your name, never your email.
        </p>
        <section aria-labelledby="name-heading" className="mt-10 border-t border-stone-200 pt-6 dark:border-stone-800">
          <h2 id="name-heading" className="text-lg font-semibold">
            Display name
          </h2>
          <NameForm name={user.name} />
        </section>
        <section aria-labelledby="password-heading" className="mt-10 border-t border-stone-200 pt-6 dark:border-stone-800">
          <h2 id="password-heading" className="text-lg font-semibold">
            Password
          </h2>
          <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">Changing it signs you out everywhere else; you stay signed in here.</p>
          <PasswordForm />
        </section>
        <section aria-labelledby="sessions-heading" className="mt-10 border-t border-stone-200 pt-6 dark:border-stone-800">
          <h2 id="sessions-heading" className="text-lg font-semibold">
            Other devices
          </h2>
          <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
            Signed in on a shared computer, or lost a phone? End every session except this one.
          </p>
          <OtherSessionsForm />
        </section>
      </main>
    </>
  );
}
