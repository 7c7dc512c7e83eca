import { notFound } from "next/navigation";
import { benchFiller, parseFillerBytes } from "@/lib/bench/filler";

/** The benchmark's filler page (app/bench-static and app/bench-dynamic render the same tree):
 *  `bytes` characters of generated words in paragraphs. */
export async function FillerPage({ params }: { params: Promise<{ bytes: string }> }) {
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
