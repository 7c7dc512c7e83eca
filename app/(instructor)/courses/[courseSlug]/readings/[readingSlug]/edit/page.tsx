import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireCoursePage } from "@/lib/auth/page-guard";
import { getReading } from "@/lib/readings/get-reading";
import { getReadingDiscussion } from "@/lib/comments/get-reading-discussion";
import { isAppError } from "@/lib/errors";
import { SiteHeader } from "@/components/site-header";
import { Breadcrumb } from "@/components/breadcrumb";
import { ReadingEditor } from "@/components/editor/reading-editor";
import type { Draft } from "@/components/editor/draft-editor";

export const metadata: Metadata = { title: "Edit reading" };
export const dynamic = "force-dynamic";

const KIND = { HEADING: "heading", PARAGRAPH: "paragraph", QUOTE: "quote", LIST: "list" } as const;

export default async function EditReadingPage({ params }: { params: Promise<{ courseSlug: string; readingSlug: string }> }) {
  const { courseSlug, readingSlug } = await params;
  const { user, course, role } = await requireCoursePage(courseSlug, `/courses/${courseSlug}/readings/${readingSlug}/edit`);
  if (role === "STUDENT") notFound();
  const reading = await getReading({ courseId: course.id, readingSlug, role }).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const discussion = await getReadingDiscussion({ viewer: { userId: user.id, role }, readingId: reading.id });
  const draft: Draft = {
    title: reading.title,
    author: reading.author,
    source: reading.source,
    date: reading.date,
    format: "text",
    blocks: reading.blocks.map((b) => ({
      kind: KIND[b.kind],
      text: b.text,
      ...(b.level ? { level: b.level } : {}),
      ...(b.noteRefs.length ? { noteRefs: b.noteRefs } : {}),
      ...(b.marks.length ? { marks: b.marks } : {}),
      ...(discussion.counts[b.id]?.total ? { comments: discussion.counts[b.id]!.total } : {}),
    })),
    notes: reading.notes,
    report: [],
  };
  return (
    <>
      <SiteHeader
        user={user}
        trail={
          <Breadcrumb
            steps={[
              { label: course.title, href: `/courses/${course.slug}` },
              { label: reading.title, href: `/courses/${course.slug}/readings/${reading.slug}` },
              { label: "Edit" },
            ]}
          />
        }
      />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        <h1 className="text-2xl font-semibold">Edit “{reading.title}”</h1>
        <p className="mt-1 text-stone-600 dark:text-stone-400">Comments follow their text. Anything Colloquy cannot place goes to “Detached comments” on the reading — never deleted.</p>
        <div className="mt-6">
          <ReadingEditor courseSlug={course.slug} readingSlug={reading.slug} initial={draft} />
        </div>
      </main>
    </>
  );
}
