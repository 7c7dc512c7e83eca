import { requireUser } from "@/lib/auth/session";
import { findDiscussableReading } from "@/lib/comments/access";
import { getReadingDiscussion } from "@/lib/comments/get-reading-discussion";
import { idParam } from "@/lib/comments/route-params";
import { errorResponse } from "@/lib/http";
import { getReadingContent } from "@/lib/readings/get-reading";
import { articleHtml } from "@/lib/readings/article-html";

export const dynamic = "force-dynamic";

/** GET /api/readings/:id/article — the reading's text as the page shows it to this viewer
 *  (their passage highlights and counts) and those counts, for a page that has no server HTML of it (reached
 *  by a client-side navigation) or whose highlights changed: components/reading/static-article.tsx. */
export async function GET(_request: Request, { params }: { params: Promise<{ readingId: string }> }) {
  try {
    const user = await requireUser();
    const { reading, viewer } = await findDiscussableReading(user.id, idParam((await params).readingId));
    const [content, discussion] = await Promise.all([getReadingContent(reading), getReadingDiscussion({ viewer, readingId: reading.id, tips: false })]);
    const article = articleHtml({ title: reading.title, content }, discussion.highlights, discussion.counts);
    // The counts too: the page takes them (a post-before-you-see paragraph the reader just opened up by posting counts all its comments now).
    return Response.json({ ...article, counts: discussion.counts }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/readings/:id/article");
  }
}
