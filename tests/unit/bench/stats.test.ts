import { describe, expect, it } from "vitest";
import { describeRuns, median, percentile, round } from "@/scripts/bench/stats";

describe("bench statistics", () => {
  it("percentile is nearest-rank over unsorted values", () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 90)).toBe(9);
    expect(percentile(values, 99)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([42], 99)).toBe(42);
    expect(percentile([], 50)).toBeNaN();
  });

  it("p99 of 1,000 samples is the 990th smallest, so ten slow requests show", () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i < 990 ? 10 : 5000));
    expect(percentile(values, 99)).toBe(10);
    values[989] = 5000;
    expect(percentile(values, 99)).toBe(5000);
  });

  it("median of odd and even counts", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });

  it("rounds small ratios to three decimals and lists runs beside the median", () => {
    expect(round(0.02734)).toBe(0.027);
    expect(round(123.456)).toBe(123.5);
    expect(describeRuns([3, 1, 2], "ms")).toBe("2 ms (median of 3: 3, 1, 2)");
    expect(describeRuns([7])).toBe("7");
  });
});
