import type { Metadata } from "next";
import { FillerPage } from "@/components/bench/filler-page";

/**
 * The same filler page as app/bench-static, rendered on every request (and, like every page
 * of the app, through proxy.ts's per-request CSP nonce): the floor of a dynamic page of this
 * size on this server — no session, no database. `npm run bench` measures it beside the
 * reading page and the prerendered page, to show how much of the reading page's cost is
 * rendering per request at all and how much is its own work. Bench builds only (see
 * app/bench-static).
 */
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Benchmark filler (dynamic)", robots: { index: false, follow: false } };

export default FillerPage;
