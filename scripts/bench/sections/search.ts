import { getBytes } from "../http";
import { percentile } from "../stats";
import type { BenchSection } from "../types";

/** Searches a student runs on the seeded course: a word hundreds of comments share, a
 *  quoted phrase, and a word nothing contains (the index answers alone). */
const QUERIES = [
  { key: "common", q: "argument", what: "a common word" },
  { key: "phrase", q: '"party apparatus"', what: "a quoted phrase" },
  { key: "none", q: "lamplighters", what: "a word no comment has" },
] as const;

/**
 * The search page (/courses/<slug>/search?q=…) as a student sees it: full-text search over
 * the course's comments and reading text with the visibility rule, ranking and snippets,
 * rendered on the server. Sequential requests (one at a time, so a figure is a request's
 * own time), p50 and p95 per query, on the seeded database (the course's 5,000 comments
 * and 1,000 elsewhere; `growth` runs last and alone adds a million). The figures say how
 * many comments there were; docs/PRIVACY.md has a run at a million.
 */
export const search: BenchSection = {
  id: "search",
  title: "Search: the search page for three kinds of query, one request at a time",
  needs: "app",
  keys: {
    search_comments_in_db: "comments in the whole database while measuring (they share the GIN index)",
    search_comments_in_course: "comments in the searched course",
    search_common_matches: "comments of the course matching the common word (before the 20-result cut)",
    search_common_p50_ms: "ms, p50 of the search page for a common word (argument)",
    search_common_p95_ms: "ms, p95 of the same",
    search_phrase_p50_ms: 'ms, p50 for a quoted phrase ("party apparatus")',
    search_phrase_p95_ms: "ms, p95 of the same",
    search_none_p50_ms: "ms, p50 for a word nothing contains",
    search_none_p95_ms: "ms, p95 of the same",
  },
  async run(ctx) {
    const count = async (where: string, params: unknown[] = []) => Number((await ctx.sql.query<{ n: string }>(`SELECT count(*) AS n FROM "Comment" ${where}`, params)).rows[0]!.n);
    ctx.figure("search_comments_in_db", await count(""));
    ctx.figure("search_comments_in_course", await count(`WHERE "courseId" = $1`, [ctx.volume.course.id]));
    ctx.figure(
      "search_common_matches",
      await count(`WHERE "courseId" = $1 AND "searchVector" @@ websearch_to_tsquery('english', $2)`, [ctx.volume.course.id, QUERIES[0].q]),
    );
    const cookie = await ctx.session(ctx.volume.students[0]!.email);
    const runs = ctx.quick ? 8 : 30;
    for (const query of QUERIES) {
      const url = `${ctx.baseUrl}/courses/${ctx.volume.course.slug}/search?q=${encodeURIComponent(query.q)}`;
      const times: number[] = [];
      for (let i = 0; i < runs + 2; i++) {
        const r = await getBytes(url, cookie);
        if (r.status !== 200) throw new Error(`the search page answered ${r.status} for ${query.q}`);
        if (i === 0 && query.key !== "none" && !r.body.toString("utf8").includes("<mark")) throw new Error(`no highlighted match for ${query.q}: the measured page found nothing`);
        if (i >= 2) times.push(r.ms); // two warm-up requests
      }
      const p50 = percentile(times, 50);
      const p95 = percentile(times, 95);
      ctx.line(`${query.what} (${query.q}): p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms over ${runs} requests`);
      ctx.figure(`search_${query.key}_p50_ms`, p50, times);
      ctx.figure(`search_${query.key}_p95_ms`, p95);
    }
  },
};
