import type { Metadata } from "next";
import { notFound } from "next/navigation";
import Link from "next/link";
import { requireCoursePage } from "@/lib/auth/page-guard";
import { SiteHeader } from "@/components/site-header";
import { ImportWizard } from "@/components/editor/import-wizard";

export const metadata: Metadata = { title: "Add a reading" };
export const dynamic = "force-dynamic";

export default async function NewReadingPage({ params }: { params: Promise<{ courseSlug: string }> }) {
  const { courseSlug } = await params;
  const { user, course, role } = await requireCoursePage(courseSlug, `/courses/${courseSlug}/readings/new`);
  if (role === "STUDENT") notFound();
  return (
    <>
      <SiteHeader user={user} trail={<Link href={`/courses/${course.slug}`} className="hover:underline">{course.title}</Link>} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        <h1 className="text-2xl font-semibold">Add a reading</h1>
        <p className="mt-1 text-stone-600 dark:text-stone-400">
          Colloquy repairs what scanning and copying break — page breaks, running headers, footnotes — and shows you every repair before anything is published.
        </p>
        <div className="mt-6">
          <ImportWizard courseSlug={course.slug} />
        </div>
      </main>
    </>
  );
}
