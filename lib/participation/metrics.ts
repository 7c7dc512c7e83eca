/**
 * Participation columns that depend on tables other work adds: "Helpful" reactions (the
 * discussion work) and endorsements (moderation) — both counted now (lib/participation/
 * load-stats.ts, the `helpful` / `endorsed` CTEs). A metric switched off here reads "—" in
 * the tables and stays empty in the CSV.
 */
export const METRICS_AVAILABLE = { helpful: true, endorsements: true } as const;

export interface ReadingStats {
  comments: number;
  replies: number;
  words: number;
  repliesReceived: number;
  /** null while the metric does not exist yet (METRICS_AVAILABLE). */
  helpfulReceived: number | null;
  endorsements: number | null;
  firstAt: Date | null;
  lastAt: Date | null;
  /** Posts that meet the rubric's word minimum and deadline. */
  qualifyingComments: number;
  qualifyingReplies: number;
}

export const emptyStats = (): ReadingStats => ({
  comments: 0,
  replies: 0,
  words: 0,
  repliesReceived: 0,
  helpfulReceived: METRICS_AVAILABLE.helpful ? 0 : null,
  endorsements: METRICS_AVAILABLE.endorsements ? 0 : null,
  firstAt: null,
  lastAt: null,
  qualifyingComments: 0,
  qualifyingReplies: 0,
});

const addNullable = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);
const minDate = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a < b ? a : b);
const maxDate = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a > b ? a : b);

/** Totals across readings. */
export function sumStats(list: ReadingStats[]): ReadingStats {
  return list.reduce(
    (t, s) => ({
      comments: t.comments + s.comments,
      replies: t.replies + s.replies,
      words: t.words + s.words,
      repliesReceived: t.repliesReceived + s.repliesReceived,
      helpfulReceived: addNullable(t.helpfulReceived, s.helpfulReceived),
      endorsements: addNullable(t.endorsements, s.endorsements),
      firstAt: minDate(t.firstAt, s.firstAt),
      lastAt: maxDate(t.lastAt, s.lastAt),
      qualifyingComments: t.qualifyingComments + s.qualifyingComments,
      qualifyingReplies: t.qualifyingReplies + s.qualifyingReplies,
    }),
    emptyStats(),
  );
}
