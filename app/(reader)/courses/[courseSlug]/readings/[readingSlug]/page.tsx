import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { headers } from "next/headers";
import { requireCoursePage } from "@/lib/auth/page-guard";
import { getReading } from "@/lib/readings/get-reading";
import { getReadingDiscussion } from "@/lib/comments/get-reading-discussion";
import { listDetachedThreads } from "@/lib/comments/list-detached";
import { isAppError } from "@/lib/errors";
import { isStaffRole } from "@/lib/auth/membership";
import { SiteHeader } from "@/components/site-header";
import { Breadcrumb } from "@/components/breadcrumb";
import { StaticArticle } from "@/components/reading/static-article";
import { stashArticle } from "@/components/reading/article-handoff";
import { articleHtml, articleVersion } from "@/lib/readings/article-html";
import { DiscussionProvider } from "@/components/reading/discussion-context";
import { LazyDetachedComments, LazyDiscussionPanel } from "@/components/reading/lazy-discussion";
import { SelectionCommenter } from "@/components/reading/selection-commenter";
import { HighlightTips } from "@/components/reading/highlight-tips";
import { ShortcutsButton } from "@/components/reading/shortcuts-dialog";
import { discussionClosedReason, readingPhase } from "@/lib/readings/schedule";
import { closedReasonOf } from "@/lib/moderation/posting-policy";
import { formatDateTime } from "@/lib/dates";
import { HeatStrip } from "@/components/participation/heat-strip";
import { PostPrivacyProvider } from "@/components/reading/privacy-fields";
import { SearchBox } from "@/components/search/search-box";
import { canPostAnonymously } from "@/lib/comments/anonymity";
import { takePageTurn } from "@/lib/net/read-turn";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ courseSlug: string; readingSlug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: (await params).readingSlug.replace(/-/g, " ") };
}

export default async function ReadingPage({ params }: Params) {
  await takePageTurn(); // a turn at the reads gate, given back when the response is done (lib/net/read-turn.ts)
  const { courseSlug, readingSlug } = await params;
  const { user, course, role, member } = await requireCoursePage(courseSlug, `/courses/${courseSlug}/readings/${readingSlug}`);
  const reading = await getReading({ courseId: course.id, readingSlug, role }).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const viewer = { userId: user.id, role };
  // Highlights without their tips: the browser loads those after the page (components/reading/highlight-tips.tsx).
  const discussion = await getReadingDiscussion({ viewer, readingId: reading.id, tips: false });
  const detached = discussion.detachedCount > 0 ? await listDetachedThreads({ userId: user.id, readingId: reading.id }) : null;
  const isStaff = isStaffRole(role);
  const readingPath = `/courses/${course.slug}/readings/${reading.slug}`;
  // Moderation: a mute or a locked discussion takes the composer's place too (lib/moderation/posting-policy.ts).
  const closedReason = discussionClosedReason({ role, reading, archivedAt: course.archivedAt, timeZone: course.timeZone }) ?? closedReasonOf(member, reading, course.timeZone);
  const phase = readingPhase(reading);
  // The text goes into the HTML once, outside the RSC payload (components/reading/article-handoff.ts).
  // A client-side navigation asks for the payload only: the browser then loads the text itself.
  const source = { title: reading.title, content: reading.content };
  const flightOnly = (await headers()).get("rsc") === "1";
  const article = flightOnly ? { html: "", version: articleVersion(source, discussion.highlights) } : articleHtml(source, discussion.highlights, discussion.counts);
  const token = flightOnly ? null : stashArticle(article.html);

  return (
    <>
      <SiteHeader user={user} trail={<Breadcrumb steps={[{ label: course.title, href: `/courses/${course.slug}` }, { label: reading.title }]} />} />
      <DiscussionProvider
        readingId={reading.id}
        readingPath={readingPath}
        viewerId={user.id}
        closedReason={closedReason}
        initialCounts={discussion.counts}
        livePosition={discussion.livePosition}
        panel={
          <PostPrivacyProvider anonymousAllowed={canPostAnonymously(course, role, reading)}>
            <LazyDiscussionPanel />
          </PostPrivacyProvider>
        }
      >
        <main id="main" className="mx-auto max-w-[52rem] px-1 py-10 sm:px-4">
          <header className="mb-8 px-10 sm:px-12">
            <h1 className="font-serif text-3xl font-semibold leading-tight sm:text-4xl">{reading.title}</h1>
            {isStaff ? (
              <Link href={`${readingPath}/edit`} className="no-print mt-2 inline-block font-sans text-sm text-accent hover:underline">
                Edit reading
              </Link>
            ) : null}
            <p className="mt-3 text-stone-700 dark:text-stone-300">{reading.author}</p>
            <p className="mt-1 text-sm text-stone-500 dark:text-stone-400">
              {[reading.source, reading.date].filter(Boolean).join(" · ")}
              {reading.source || reading.date ? " · " : ""}
              {reading.minutes} min read
            </p>
            {reading.dueAt || phase === "draft" || phase === "upcoming" ? (
              <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
                {phase === "draft" ? "Draft — only staff can see this reading. " : null}
                {phase === "upcoming" && reading.opensAt ? `Students see it from ${formatDateTime(reading.opensAt, course.timeZone)}. ` : null}
                {reading.dueAt ? `Due ${formatDateTime(reading.dueAt, course.timeZone)}.` : null}
              </p>
            ) : null}
            {closedReason ? (
              <p role="note" className="mt-3 rounded-md bg-stone-100 px-3 py-2 font-sans text-sm text-stone-700 dark:bg-stone-900 dark:text-stone-300">
                {closedReason}
              </p>
            ) : null}
            {isStaff ? <HeatStrip paragraphs={reading.blocks.filter((b) => b.number !== null).map((b) => ({ number: b.number!, comments: discussion.counts[b.id]?.total ?? 0 }))} /> : null}
            <ShortcutsButton />
            <SearchBox courseSlug={course.slug} className="mt-4" />
          </header>
          <StaticArticle readingId={reading.id} version={article.version} token={token} />
          {detached && detached.threads.length > 0 ? (
            <LazyDetachedComments
              readingId={reading.id}
              readingPath={readingPath}
              initial={detached}
              total={discussion.detachedCount}
              canReattach={isStaff}
              paragraphs={isStaff ? reading.blocks.filter((b) => b.number !== null).map((b) => ({ id: b.id, number: b.number!, excerpt: b.text.length > 60 ? `${b.text.slice(0, 57)}…` : b.text })) : []}
            />
          ) : null}
        </main>
        <SelectionCommenter />
        <HighlightTips />
      </DiscussionProvider>
    </>
  );
}
