import { z } from "zod";
import { cleanText, idSchema, SLUG_PATTERN } from "@/lib/validations/text";

/** Longest search the app runs: a sentence or a quoted phrase, not a pasted essay. */
export const SEARCH_MAX = 200;

export const SEARCH_SHOW = ["all", "questions", "unanswered"] as const;

/** Pages of results one can step through (20 of each kind each): 1,000 matches in all. */
export const SEARCH_PAGES = 50;

/**
 * A search as it arrives in the page's address (?q=…&reading=…&author=…&show=…&mine=1).
 * Anything odd in the filters is dropped rather than refused (a hand-edited address still
 * searches); only the query itself is judged: cleaned of control characters, and a query
 * over SEARCH_MAX characters is answered with a message, not run.
 */
export const searchParamsSchema = z.object({
  q: z
    .string()
    .max(1_000_000)
    .transform((s) => cleanText(s).replace(/\s+/g, " ").trim())
    .catch(""),
  reading: z.string().regex(SLUG_PATTERN).optional().catch(undefined),
  author: idSchema("author").optional().catch(undefined),
  show: z.enum(SEARCH_SHOW).catch("all"),
  mine: z
    .enum(["1", "true", "on"])
    .transform(() => true)
    .optional()
    .catch(undefined),
  /** Which page of results (20 of each kind a page); past SEARCH_PAGES a search should be refined. */
  page: z.coerce.number().int().min(1).max(SEARCH_PAGES).catch(1),
});
export type SearchParams = z.output<typeof searchParamsSchema>;

/** One value per key from Next's searchParams (a repeated key takes its first value). */
export function firstValues(raw: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(raw)) out[k] = Array.isArray(v) ? v[0] : v;
  return out;
}
