import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireCoursePage } from "@/lib/auth/page-guard";
import { STAFF_ROLES } from "@/lib/auth/membership";
import { listRoster } from "@/lib/courses/list-roster";
import { formatDate, formatDateTime } from "@/lib/dates";
import { isAppError } from "@/lib/errors";
import { SiteHeader } from "@/components/site-header";
import { Breadcrumb } from "@/components/breadcrumb";
import { CourseHeader } from "@/components/course/course-header";
import { DataTable } from "@/components/ui/data-table";
import { AddPeopleForm } from "@/components/people/add-people-form";
import { JoinOptions } from "@/components/people/join-options";
import { MemberRoleSelect, RemoveMemberButton } from "@/components/people/member-actions";
import { InvitationActions } from "@/components/people/invitation-actions";
import { MemberModerationControls } from "@/components/moderation/settings-controls";
import { loadModerationSettings } from "@/lib/moderation/list-settings";

export const metadata: Metadata = { title: "People" };
export const dynamic = "force-dynamic";

const ROLE_LABEL = { STUDENT: "Student", TA: "TA", INSTRUCTOR: "Instructor" } as const;
const section = "mt-8 rounded-lg border border-stone-200 bg-white p-4 sm:p-5 dark:border-stone-800 dark:bg-stone-900";

/** The roster (instructors manage it; TAs read it). */
export default async function PeoplePage({ params }: { params: Promise<{ courseSlug: string }> }) {
  const { courseSlug } = await params;
  const { user, course, role } = await requireCoursePage(courseSlug, `/courses/${courseSlug}/people`, STAFF_ROLES);
  const roster = await listRoster({ userId: user.id, courseSlug }).catch((e: unknown) => {
    if (isAppError(e) && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) notFound();
    throw e;
  });
  const manage = role === "INSTRUCTOR" && !course.archivedAt;
  const tz = course.timeZone;
  const tas = roster.members.filter((m) => m.role === "TA").length;
  // Pre-moderation and mutes (instructors and TAs; lib/moderation/settings.ts).
  const moderation = course.archivedAt ? null : await loadModerationSettings({ userId: user.id, courseId: course.id });

  return (
    <>
      <SiteHeader user={user} trail={<Breadcrumb steps={[{ label: course.title, href: `/courses/${course.slug}` }, { label: "People" }]} />} />
      <main id="main" className="mx-auto max-w-5xl px-4 py-8">
        <CourseHeader course={course} role={role} current="people" title="People" />
        {role === "TA" ? <p className="mt-4 text-sm text-stone-600 dark:text-stone-400">Only instructors can add people or change roles.</p> : null}

        {manage ? (
          <>
            <section aria-labelledby="add-heading" className={section}>
              <h2 id="add-heading" className="text-lg font-semibold">
                Add people
              </h2>
              <div className="mt-3">
                <AddPeopleForm courseSlug={course.slug} />
              </div>
            </section>
            <section aria-labelledby="join-heading" className={section}>
              <h2 id="join-heading" className="text-lg font-semibold">
                Ways to join
              </h2>
              <div className="mt-3">
                <JoinOptions
                  courseSlug={course.slug}
                  joinCode={course.joinCode}
                  link={roster.inviteLink ? { token: roster.inviteLink.token, expired: roster.inviteLink.expired } : null}
                  expiresLabel={roster.inviteLink ? formatDateTime(roster.inviteLink.expiresAt, tz) : null}
                />
              </div>
            </section>
          </>
        ) : null}

        <section aria-labelledby="members-heading" className="mt-8">
          <h2 id="members-heading" className="text-lg font-semibold">
            Members <span className="font-normal text-stone-600 dark:text-stone-400">({roster.members.length})</span>
          </h2>
          <p className="mb-3 text-sm text-stone-600 dark:text-stone-400">
            {roster.instructorCount} {roster.instructorCount === 1 ? "instructor" : "instructors"} · {tas} {tas === 1 ? "TA" : "TAs"} ·{" "}
            {roster.members.filter((m) => m.role === "STUDENT").length} students. Removing someone keeps their comments, under their name.
          </p>
          <DataTable
            caption="Members"
            filterLabel="Filter members"
            initialSort={{ column: 2, direction: "asc" }}
            columns={[
              { key: "name", label: "Name" },
              { key: "email", label: "Email" },
              { key: "role", label: "Role" },
              { key: "joined", label: "Joined" },
              { key: "comments", label: "Comments", numeric: true },
              ...(moderation ? [{ key: "moderation", label: "Moderation", sortable: false }] : []),
              ...(manage ? [{ key: "actions", label: "Actions", sortable: false }] : []),
            ]}
            rows={roster.members.map((m) => ({
              id: m.id,
              text: `${m.name} ${m.email} ${ROLE_LABEL[m.role]}`,
              sort: [m.name, m.email, { INSTRUCTOR: 0, TA: 1, STUDENT: 2 }[m.role], m.joinedAt.getTime(), m.comments, ...(moderation ? [null] : []), null],
              cells: [
                <span key="n" className="font-medium">
                  {m.name}
                  {m.id === user.id ? <span className="text-stone-500 dark:text-stone-400"> (you)</span> : null}
                </span>,
                <span key="e" className="break-all">
                  {m.email}
                </span>,
                manage ? <MemberRoleSelect key="r" courseSlug={course.slug} member={{ id: m.id, name: m.name, role: m.role }} /> : ROLE_LABEL[m.role],
                <time key="j" dateTime={m.joinedAt.toISOString()}>
                  {formatDate(m.joinedAt, tz)}
                </time>,
                m.comments,
                ...(moderation ? [<ModerationCell key="m" courseSlug={course.slug} member={m} settings={moderation.students.get(m.id)} timeZone={tz} />] : []),
                ...(manage ? [<RemoveMemberButton key="a" courseSlug={course.slug} member={{ id: m.id, name: m.name }} isSelf={m.id === user.id} />] : []),
              ],
            }))}
          />
        </section>

        {manage && roster.invitations.length ? (
          <section aria-labelledby="invited-heading" className="mt-8">
            <h2 id="invited-heading" className="text-lg font-semibold">
              Invited, not joined yet <span className="font-normal text-stone-600 dark:text-stone-400">({roster.invitations.length})</span>
            </h2>
            <p className="mb-3 text-sm text-stone-600 dark:text-stone-400">
              Each link works once, for the account with that email. Lost a link? Make a new one — the old one stops working.
            </p>
            <DataTable
              caption="Pending invitations"
              columns={[
                { key: "email", label: "Email" },
                { key: "name", label: "Name" },
                { key: "role", label: "Role" },
                { key: "expires", label: "Link expires" },
                { key: "actions", label: "Actions", sortable: false },
              ]}
              rows={roster.invitations.map((i) => ({
                id: i.id,
                sort: [i.email, i.name, i.role, i.expiresAt.getTime(), null],
                cells: [
                  <span key="e" className="break-all">
                    {i.email}
                  </span>,
                  i.name ?? "—",
                  ROLE_LABEL[i.role],
                  i.expired ? (
                    <span key="x" className="font-medium text-red-800 dark:text-red-300">
                      Expired {formatDate(i.expiresAt, tz)}
                    </span>
                  ) : (
                    formatDateTime(i.expiresAt, tz)
                  ),
                  <InvitationActions key="a" courseSlug={course.slug} invitation={{ id: i.id, email: i.email }} />,
                ],
              }))}
            />
          </section>
        ) : null}
      </main>
    </>
  );
}

function ModerationCell({
  courseSlug,
  member,
  settings,
  timeZone,
}: {
  courseSlug: string;
  member: { id: string; name: string };
  settings: { premoderated: boolean; mutedUntil: Date | null; muteReason: string | null } | undefined;
  timeZone: string;
}) {
  if (!settings) return <span className="text-stone-500 dark:text-stone-400">—</span>;
  return (
    <MemberModerationControls
      courseSlug={courseSlug}
      member={{ id: member.id, name: member.name, premoderated: settings.premoderated, mutedLabel: settings.mutedUntil ? formatDateTime(settings.mutedUntil, timeZone) : null, muteReason: settings.muteReason }}
    />
  );
}
