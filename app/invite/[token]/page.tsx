import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { findInvitation } from "@/lib/courses/find-invitation";
import { formatDate } from "@/lib/dates";
import { SiteHeader } from "@/components/site-header";
import { AcceptInvitationButton } from "@/components/invite/accept-invitation-button";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

const ROLE_WORDS = { STUDENT: "a student", TA: "a TA", INSTRUCTOR: "an instructor" } as const;
const STATE_WORDS = {
  expired: "This invitation has expired.",
  used: "This invitation has already been used.",
  withdrawn: "This invitation was withdrawn.",
  archived: "This course is archived and no longer takes new members.",
} as const;

/**
 * Where an invitation link leads. Signed out: create an account (or sign in) and come back
 * here. Signed in: one button joins. Joining is a POST — a link preview or prefetch that
 * opens this page never joins anyone.
 */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await getCurrentUser();
  const invitation = await findInvitation({ token, userId: user?.id });
  const back = `/invite/${encodeURIComponent(token)}`;

  return (
    <>
      <SiteHeader user={user} />
      <main id="main" className="mx-auto flex max-w-md flex-col gap-5 px-4 py-14">
        {!invitation ? (
          <>
            <h1 className="text-2xl font-semibold">This invitation link does not work</h1>
            <p className="text-stone-700 dark:text-stone-300">It may have been mistyped, replaced by a newer link, or turned off. Ask your instructor for a new one — or join with the course&apos;s code on the home page.</p>
            <Link href="/" className="text-accent dark:text-sky-300 hover:underline">
              Go to the home page
            </Link>
          </>
        ) : (
          <>
            <div>
              <p className="text-sm text-stone-600 dark:text-stone-400">You are invited to join</p>
              <h1 className="text-2xl font-semibold">{invitation.course.title}</h1>
              {invitation.course.term ? <p className="text-stone-600 dark:text-stone-400">{invitation.course.term}</p> : null}
            </div>
            {invitation.alreadyMember ? (
              <p className="text-stone-700 dark:text-stone-300">
                You are already in this course.{" "}
                <Link href={`/courses/${invitation.course.slug}`} className="font-medium text-accent underline dark:text-sky-300">
                  Open it
                </Link>
              </p>
            ) : invitation.state !== "valid" ? (
              <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-amber-950 dark:bg-amber-950 dark:text-amber-100">
                {STATE_WORDS[invitation.state]} Ask your instructor for a new link.
              </p>
            ) : (
              <>
                <p className="text-stone-700 dark:text-stone-300">
                  as {ROLE_WORDS[invitation.role]}
                  {invitation.maskedEmail ? <> — this invitation is for {invitation.maskedEmail}</> : null}. The link works until {formatDate(invitation.expiresAt, invitation.course.timeZone)}.
                </p>
                {user ? (
                  <>
                    <p className="text-sm text-stone-600 dark:text-stone-400">Signed in as {user.email}.</p>
                    <AcceptInvitationButton token={token} courseTitle={invitation.course.title} />
                  </>
                ) : (
                  <div className="flex flex-col gap-3">
                    <p className="text-stone-700 dark:text-stone-300">
                      {invitation.maskedEmail ? "Create your account with the invited address, then join with one click." : "Create an account or sign in, then join with one click."}
                    </p>
                    <div className="flex flex-wrap gap-3">
                      <Link href={`/signup?callbackUrl=${encodeURIComponent(back)}`} className="rounded-md bg-accent px-4 py-2 font-semibold text-white hover:bg-accent-strong">
                        Create an account
                      </Link>
                      <Link href={`/signin?callbackUrl=${encodeURIComponent(back)}`} className="rounded-md border border-stone-300 px-4 py-2 font-semibold hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-900">
                        Sign in
                      </Link>
                    </div>
                  </div>
                )}
              </>
            )}
          </>
        )}
      </main>
    </>
  );
}
