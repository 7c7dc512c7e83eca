import "server-only";
import { db } from "@/lib/db";
import { parseReadingDraft } from "@/lib/readings/parse-reading-draft";
import { storeReading } from "@/lib/readings/store-reading";

/** Publish a previewed (and possibly edited) import as a new reading of the course. */
export async function publishReading(options: { userId: string; courseId: string; input: unknown }) {
  const draft = parseReadingDraft(options.input);
  return storeReading(db, {
    courseId: options.courseId,
    imported: { ...draft, title: draft.title },
    title: draft.title,
    author: draft.author,
    source: draft.source,
    date: draft.date,
    createdById: options.userId,
  });
}
