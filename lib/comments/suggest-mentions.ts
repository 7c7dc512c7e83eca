import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { findDiscussableReading } from "@/lib/comments/access";

export const MENTION_SUGGESTIONS = 8;
const querySchema = z.string().max(40, "Type at most 40 characters after @.");

/**
 * Who "@…" may mean in a reading's composer: members of the reading's course (authorised
 * inside the query: the caller must be a member who may discuss the reading), whose name
 * contains the typed text, not the caller, at most MENTION_SUGGESTIONS, by name. Only ids
 * and names — never addresses.
 */
export async function suggestMentions(options: { userId: string; readingId: string; query: unknown }): Promise<{ id: string; name: string }[]> {
  const parsed = querySchema.safeParse(options.query ?? "");
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "Check the name and try again.");
  const { reading } = await findDiscussableReading(options.userId, options.readingId);
  const q = parsed.data.replace(/[\u0000-\u001f]/g, "").trim();
  const members = await db.membership.findMany({
    where: { courseId: reading.courseId, userId: { not: options.userId }, ...(q ? { user: { name: { contains: q, mode: "insensitive" } } } : {}) },
    select: { user: { select: { id: true, name: true } } },
    orderBy: { user: { name: "asc" } },
    take: MENTION_SUGGESTIONS,
  });
  return members.map((m) => m.user);
}
