/**
 * The participation rubric: what earns a reading's points, and the arithmetic, in one
 * place, pure (unit-tested; the pages print `describeRubric` so students and instructors
 * read the same rule the code applies).
 *
 *   needed = minComments + minReplies
 *   met    = min(qualifying comments, minComments) + min(qualifying replies, minReplies)
 *   proportional:    score = points × met ÷ needed
 *   all-or-nothing:  score = points if met = needed, else 0
 *
 * A comment qualifies with at least `minCommentWords` words, a reply with `minReplyWords`,
 * posted before the deadline (the reading's due date, its close date, or any time; a
 * reading without that date counts everything). With nothing required (needed = 0), any
 * post earns the points. Scores are rounded to 2 decimals.
 */
export type RubricDeadline = "DUE" | "CLOSE" | "NONE";
export type RubricCredit = "PROPORTIONAL" | "ALL_OR_NOTHING";

export interface Rubric {
  points: number;
  minComments: number;
  minCommentWords: number;
  minReplies: number;
  minReplyWords: number;
  deadline: RubricDeadline;
  credit: RubricCredit;
}

export const DEFAULT_RUBRIC: Rubric = {
  points: 10,
  minComments: 2,
  minCommentWords: 30,
  minReplies: 1,
  minReplyWords: 0,
  deadline: "DUE",
  credit: "PROPORTIONAL",
};

export interface QualifyingCounts {
  /** Comments (not replies) that meet the word minimum and the deadline. */
  comments: number;
  replies: number;
  /** Every post, qualifying or not (for "any post earns the points" when nothing is required). */
  posts: number;
}

export interface SuggestedScore {
  score: number;
  max: number;
  explanation: string;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
export const formatScore = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, ""));

const DEADLINE_WORDS: Record<RubricDeadline, string> = {
  DUE: "before the reading's due date",
  CLOSE: "before the reading's discussion closes",
  NONE: "at any time",
};

/** The rule in a sentence, e.g. "10 points per reading for at least 2 comments of 30 words
 *  or more and 1 reply, posted before the reading's due date; partial credit in proportion." */
export function describeRubric(r: Rubric): string {
  const parts: string[] = [];
  if (r.minComments > 0) parts.push(`${plural(r.minComments, "comment")}${r.minCommentWords > 0 ? ` of ${r.minCommentWords} words or more` : ""}`);
  if (r.minReplies > 0) parts.push(`${plural(r.minReplies, "reply", "replies")}${r.minReplyWords > 0 ? ` of ${r.minReplyWords} words or more` : ""}`);
  const what = parts.length ? `at least ${parts.join(" and ")}` : "any comment or reply";
  const credit =
    parts.length === 0 ? "" : r.credit === "PROPORTIONAL" ? "; partial credit in proportion to what is met" : "; all or nothing";
  return `${plural(r.points, "point")} per reading for ${what}, posted ${DEADLINE_WORDS[r.deadline]}${credit}.`;
}

export function suggestScore(r: Rubric, counts: QualifyingCounts): SuggestedScore {
  const needed = r.minComments + r.minReplies;
  if (needed === 0) {
    const score = counts.posts > 0 ? r.points : 0;
    return { score, max: r.points, explanation: `${counts.posts > 0 ? "Took part" : "No posts"} → ${formatScore(score)} / ${r.points}` };
  }
  const c = Math.min(counts.comments, r.minComments);
  const rep = Math.min(counts.replies, r.minReplies);
  const met = c + rep;
  const score = r.credit === "ALL_OR_NOTHING" ? (met === needed ? r.points : 0) : round2((r.points * met) / needed);
  const parts: string[] = [];
  if (r.minComments > 0) parts.push(`${c} of ${r.minComments} ${r.minComments === 1 ? "comment" : "comments"}`);
  if (r.minReplies > 0) parts.push(`${rep} of ${r.minReplies} ${r.minReplies === 1 ? "reply" : "replies"}`);
  return { score, max: r.points, explanation: `${parts.join(" + ")} → ${formatScore(score)} / ${r.points}` };
}
