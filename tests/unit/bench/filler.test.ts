import { describe, expect, it } from "vitest";
import { benchFiller, MAX_FILLER_BYTES, parseFillerBytes } from "@/lib/bench/filler";

describe("the static comparison page's filler", () => {
  it("is exactly the asked number of bytes, in paragraphs of about 600 characters", () => {
    for (const bytes of [1, 7, 599, 600, 601, 12_345, 99_063]) {
      const paragraphs = benchFiller(bytes);
      expect(Buffer.byteLength(paragraphs.join(""))).toBe(bytes);
      for (const p of paragraphs) expect(p.length).toBeLessThan(620);
      expect(paragraphs.every((p) => p.length > 0 && p.trim() === p)).toBe(true);
    }
  });

  it("is the same text every time (a prerendered page must not change)", () => {
    expect(benchFiller(5000)).toEqual(benchFiller(5000));
  });

  it("accepts only canonical sizes up to the limit, so one page has one URL", () => {
    expect(parseFillerBytes("1")).toBe(1);
    expect(parseFillerBytes(String(MAX_FILLER_BYTES))).toBe(MAX_FILLER_BYTES);
    for (const bad of ["0", "0100", "-5", "1e5", "12a", "", " 12", String(MAX_FILLER_BYTES + 1), "99999999"]) {
      expect(parseFillerBytes(bad), bad).toBeNull();
    }
  });
});
