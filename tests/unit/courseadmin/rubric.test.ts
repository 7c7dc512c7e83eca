import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { DEFAULT_RUBRIC, describeRubric, suggestScore, type Rubric } from "@/lib/participation/rubric";

const rubric = (over: Partial<Rubric> = {}): Rubric => ({ ...DEFAULT_RUBRIC, minComments: 3, minCommentWords: 30, minReplies: 1, ...over });

describe("the rubric's arithmetic", () => {
  test.each([
    // [comments, replies, proportional score, explanation]
    [3, 1, 10, "3 of 3 comments + 1 of 1 reply → 10 / 10"],
    [5, 4, 10, "3 of 3 comments + 1 of 1 reply → 10 / 10"],
    [2, 0, 5, "2 of 3 comments + 0 of 1 reply → 5 / 10"],
    [1, 1, 5, "1 of 3 comments + 1 of 1 reply → 5 / 10"],
    [2, 1, 7.5, "2 of 3 comments + 1 of 1 reply → 7.5 / 10"],
    [0, 0, 0, "0 of 3 comments + 0 of 1 reply → 0 / 10"],
  ])("%i comments, %i replies → %d", (comments, replies, score, explanation) => {
    expect(suggestScore(rubric(), { comments, replies, posts: comments + replies })).toEqual({ score, max: 10, explanation });
  });

  test("thirds round to two decimals; all-or-nothing gives full or none", () => {
    expect(suggestScore(rubric({ minComments: 2, minReplies: 1 }), { comments: 2, replies: 0, posts: 2 }).score).toBe(6.67);
    expect(suggestScore(rubric({ minComments: 2, minReplies: 1 }), { comments: 2, replies: 0, posts: 2 }).explanation).toBe("2 of 2 comments + 0 of 1 reply → 6.67 / 10");
    expect(suggestScore(rubric({ credit: "ALL_OR_NOTHING" }), { comments: 3, replies: 0, posts: 3 }).score).toBe(0);
    expect(suggestScore(rubric({ credit: "ALL_OR_NOTHING" }), { comments: 3, replies: 1, posts: 4 }).score).toBe(10);
  });

  test("nothing required: any post earns the points", () => {
    const r = rubric({ minComments: 0, minReplies: 0 });
    expect(suggestScore(r, { comments: 0, replies: 0, posts: 1 })).toMatchObject({ score: 10, explanation: "Took part → 10 / 10" });
    expect(suggestScore(r, { comments: 0, replies: 0, posts: 0 }).score).toBe(0);
  });

  test("properties: between 0 and the points, never less for more work, full exactly when every requirement is met", () => {
    const arbRubric = fc.record({
      points: fc.integer({ min: 1, max: 1000 }),
      minComments: fc.integer({ min: 0, max: 50 }),
      minCommentWords: fc.integer({ min: 0, max: 2000 }),
      minReplies: fc.integer({ min: 0, max: 50 }),
      minReplyWords: fc.integer({ min: 0, max: 2000 }),
      deadline: fc.constantFrom("DUE", "CLOSE", "NONE" as const),
      credit: fc.constantFrom("PROPORTIONAL", "ALL_OR_NOTHING" as const),
    }) as fc.Arbitrary<Rubric>;
    const count = fc.integer({ min: 0, max: 60 });
    fc.assert(
      fc.property(arbRubric, count, count, count, count, (r, c, rep, moreC, moreR) => {
        const a = suggestScore(r, { comments: c, replies: rep, posts: c + rep });
        const b = suggestScore(r, { comments: c + moreC, replies: rep + moreR, posts: c + rep + moreC + moreR });
        expect(a.score).toBeGreaterThanOrEqual(0);
        expect(a.score).toBeLessThanOrEqual(r.points);
        expect(b.score).toBeGreaterThanOrEqual(a.score);
        const needed = r.minComments + r.minReplies;
        const metAll = needed === 0 ? c + rep > 0 : c >= r.minComments && rep >= r.minReplies;
        expect(a.score === r.points).toBe(metAll);
      }),
      { numRuns: 500 },
    );
  });

  test("the rule in words, as the pages print it", () => {
    expect(describeRubric(rubric())).toBe(
      "10 points per reading for at least 3 comments of 30 words or more and 1 reply, posted before the reading's due date; partial credit in proportion to what is met.",
    );
    expect(describeRubric(rubric({ points: 1, minComments: 1, minCommentWords: 0, minReplies: 0, deadline: "NONE", credit: "ALL_OR_NOTHING" }))).toBe(
      "1 point per reading for at least 1 comment, posted at any time; all or nothing.",
    );
    expect(describeRubric(rubric({ minComments: 0, minReplies: 0, deadline: "CLOSE" }))).toBe(
      "10 points per reading for any comment or reply, posted before the reading's discussion closes.",
    );
  });
});
