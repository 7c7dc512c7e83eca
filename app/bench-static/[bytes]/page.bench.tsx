import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { benchFiller, parseFillerBytes } from "@/lib/bench/filler";

/**
 * The benchmark's yardstick: a page of filler text that Next renders once, on its first
 * request, and then serves from its own cache as a prerendered page (no params are built
 * ahead, params not built are allowed, never revalidated). `npm run bench` compares the
 * signed-in reading page with this page at the same HTML byte size, served by the same
 * server. It holds nothing but generated filler, and it exists only in the build that the
 * browser tests and the bench share (`.bench.tsx` is a page extension only when
 * COLLOQUY_BENCH_PAGES=1, see next.config.js): every distinct URL here becomes a cached file,
 * so a production server must not have the route at all.
 */
export const dynamicParams = true;
export const revalidate = false;

export function generateStaticParams(): { bytes: string }[] {
  return [];
}

export const metadata: Metadata = { title: "Benchmark filler", robots: { index: false, follow: false } };

export default async function BenchStaticPage({ params }: { params: Promise<{ bytes: string }> }) {
  const bytes = parseFillerBytes((await params).bytes);
  if (bytes === null) notFound();
  return (
    <main id="main" className="mx-auto max-w-[52rem] px-4 py-10 font-serif text-lg leading-relaxed">
      {benchFiller(bytes).map((paragraph, i) => (
        <p key={i} className="mb-4">
          {paragraph}
        </p>
      ))}
    </main>
  );
}
