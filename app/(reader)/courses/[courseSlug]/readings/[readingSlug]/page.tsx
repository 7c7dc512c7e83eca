import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireCoursePage } from "@/lib/auth/page-guard";
import { getReading } from "@/lib/readings/get-reading";
import { isAppError } from "@/lib/errors";
import { SiteHeader } from "@/components/site-header";
import { Breadcrumb } from "@/components/breadcrumb";
import { ReadingBody } from "@/components/reading/reading-body";
import { DiscussionProvider } from "@/components/reading/discussion-context";
import { DiscussionPanel } from "@/components/reading/discussion-panel";
import { DetachedComments } from "@/components/reading/detached-comments";
import { ShortcutsButton } from "@/components/reading/shortcuts-dialog";
import { listDetachedComments } from "@/lib/comments/list-detached";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ courseSlug: string; readingSlug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: (await params).readingSlug.replace(/-/g, " ") };
}

export default async function ReadingPage({ params }: Params) {
  const { courseSlug, readingSlug } = await params;
  const { user, course, role } = await requireCoursePage(courseSlug, `/courses/${courseSlug}/readings/${readingSlug}`);
  const reading = await getReading({ courseId: course.id, readingSlug }).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const detached = await listDetachedComments({ userId: user.id, readingId: reading.id });
  const isStaff = role === "INSTRUCTOR" || role === "TA";

  return (
    <>
      <SiteHeader
        user={user}
        trail={<Breadcrumb steps={[{ label: course.title, href: `/courses/${course.slug}` }, { label: reading.title }]} />}
      />
      <DiscussionProvider
        readingId={reading.id}
        initialCounts={Object.fromEntries(reading.blocks.filter((b) => b.commentCount > 0).map((b) => [b.id, b.commentCount]))}
        panel={<DiscussionPanel />}
      >
        <main id="main" className="mx-auto max-w-[52rem] px-1 py-10 sm:px-4">
          <header className="mb-8 px-10 sm:px-12">
            <h1 className="font-serif text-3xl font-semibold leading-tight sm:text-4xl">{reading.title}</h1>
            {isStaff ? (
              <Link href={`/courses/${course.slug}/readings/${reading.slug}/edit`} className="no-print mt-2 inline-block font-sans text-sm text-accent hover:underline">
                Edit reading
              </Link>
            ) : null}
            <p className="mt-3 text-stone-700 dark:text-stone-300">{reading.author}</p>
            <p className="mt-1 text-sm text-stone-500 dark:text-stone-400">
              {[reading.source, reading.date].filter(Boolean).join(" · ")}
              {reading.source || reading.date ? " · " : ""}
              {reading.minutes} min read
            </p>
            <ShortcutsButton />
          </header>
          <article aria-label={reading.title} className="max-w-none">
            <ReadingBody blocks={reading.blocks} notes={reading.notes} />
          </article>
          {reading.notes.length > 0 ? (
            <section aria-labelledby="notes-heading" className="mt-12 border-t border-stone-200 px-10 pt-6 sm:px-12 dark:border-stone-800">
              <h2 id="notes-heading" className="font-sans text-lg font-semibold">
                Notes
              </h2>
              <ol className="mt-3 space-y-2 font-serif text-base leading-relaxed">
                {reading.notes.map((note) => (
                  <li key={note.label} id={`note-${encodeURIComponent(note.label)}`} className="scroll-mt-20">
                    <span className="mr-2 font-sans text-sm font-semibold">{note.label}.</span>
                    {note.text}
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
          {detached.length > 0 ? (
            <DetachedComments
              comments={detached}
              canReattach={isStaff}
              paragraphs={reading.blocks
                .filter((b) => b.number !== null)
                .map((b) => ({ id: b.id, number: b.number!, excerpt: b.text.length > 60 ? `${b.text.slice(0, 57)}…` : b.text }))}
            />
          ) : null}
        </main>
      </DiscussionProvider>
    </>
  );
}
