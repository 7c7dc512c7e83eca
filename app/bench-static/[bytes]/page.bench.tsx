import type { Metadata } from "next";
import { FillerPage } from "@/components/bench/filler-page";

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

export default FillerPage;
