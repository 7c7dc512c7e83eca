import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { segmentInline, type Segment } from "@/lib/readings/segment-inline";

const text = (segments: Segment[]) => segments.map((s) => (s.type === "text" ? s.text : "")).join("");

describe("inline segmentation (emphasis, notes, passage highlights)", () => {
  test("emphasis and a note marker", () => {
    const s = segmentInline("Stalin was dead.", [{ start: 0, end: 6, kind: "em" }], [{ label: "1", offset: 16 }], []);
    expect(s).toEqual([
      { type: "text", text: "Stalin", em: true, strong: false, threads: [], anchors: [] },
      { type: "text", text: " was dead.", em: false, strong: false, threads: [], anchors: [] },
      { type: "note", label: "1" },
    ]);
  });

  test("overlapping highlights: one piece lists both threads, each thread's first piece is its anchor", () => {
    const s = segmentInline("abcdefghij", [], [], [
      { threadId: "A", start: 2, end: 6 },
      { threadId: "B", start: 4, end: 8 },
    ]);
    expect(s.map((x) => x.type === "text" && [x.text, x.threads.join("+"), x.anchors.join("+")])).toEqual([
      ["ab", "", ""],
      ["cd", "A", "A"],
      ["ef", "A+B", "B"],
      ["gh", "B", ""],
      ["ij", "", ""],
    ]);
  });

  test("emphasis inside a highlight splits the piece but the highlight has one anchor", () => {
    const s = segmentInline("one two three", [{ start: 4, end: 7, kind: "strong" }], [], [{ threadId: "T", start: 0, end: 13 }]);
    expect(s.filter((x) => x.type === "text" && x.anchors.includes("T"))).toHaveLength(1);
    expect(s.filter((x) => x.type === "text" && x.threads.includes("T")).map((x) => x.type === "text" && x.text)).toEqual(["one ", "two", " three"]);
  });

  test("out-of-range and empty ranges are ignored, never thrown on", () => {
    const s = segmentInline("short", [{ start: 3, end: 99, kind: "em" }, { start: 4, end: 2, kind: "strong" }], [{ label: "x", offset: 500 }], [{ threadId: "Z", start: 10, end: 20 }]);
    expect(text(s)).toBe("short");
    expect(s.at(-1)).toEqual({ type: "note", label: "x" });
  });

  test("5,000 emphasis marks in one paragraph: linear pieces, and a sweep of a long paragraph is fast", () => {
    const words = Array.from({ length: 5000 }, (_, i) => `w${i}`);
    const para = words.join(" ");
    const marks = [];
    let at = 0;
    for (const w of words) {
      marks.push({ start: at, end: at + w.length, kind: "em" as const });
      at += w.length + 1;
    }
    const s = segmentInline(para, marks, [], [{ threadId: "T", start: 10, end: 20_000 }]);
    expect(text(s)).toBe(para);
    expect(s.length).toBeLessThanOrEqual(2 * marks.length + 3);
  });

  test("any input: the pieces spell the text, in order, and each highlight has exactly one anchor", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60 }),
        fc.array(fc.record({ start: fc.integer({ min: -5, max: 70 }), end: fc.integer({ min: -5, max: 70 }), kind: fc.constantFrom("em" as const, "strong" as const) }), { maxLength: 8 }),
        fc.array(fc.record({ threadId: fc.constantFrom("a", "b", "c", "d"), start: fc.integer({ min: 0, max: 60 }), end: fc.integer({ min: 0, max: 60 }) }), { maxLength: 4 }),
        (t, marks, hls) => {
          const unique = [...new Map(hls.map((h) => [h.threadId, h])).values()];
          const s = segmentInline(t, marks, [], unique);
          expect(text(s)).toBe(t);
          for (const h of unique) {
            const shown = Math.min(h.end, t.length) > Math.min(h.start, t.length);
            expect(s.filter((x) => x.type === "text" && x.anchors.includes(h.threadId)).length).toBe(shown ? 1 : 0);
          }
          // Each character's threads are exactly the highlights covering it.
          let pos = 0;
          for (const x of s) {
            if (x.type !== "text") continue;
            for (let i = 0; i < x.text.length; i++, pos++) {
              const covering = unique.filter((h) => h.start <= pos && pos < Math.min(h.end, t.length)).map((h) => h.threadId).sort();
              expect([...x.threads].sort()).toEqual(covering);
            }
          }
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });
});

describe("inline HTML of a block", () => {
  test("text, note labels and note text from an import are escaped; nothing else is inserted", async () => {
    const { inlineHtml } = await import("@/lib/readings/inline-html");
    const html = inlineHtml({
      text: `<script>alert("x")</script> & 'quotes'`,
      marks: [{ start: 0, end: 8, kind: "em" }],
      noteRefs: [{ label: `1"><img src=x onerror=alert(1)>`, offset: 8 }],
      notes: new Map([[`1"><img src=x onerror=alert(1)>`, `<b>note</b>`]]),
      highlights: [{ threadId: `t"x`, start: 0, end: 5 }],
      blockKey: "b",
    });
    expect(html).not.toMatch(/<script|<img|<b>|onerror=alert\(1\)>/);
    expect(html).toContain("&lt;scri");
    expect(html).toContain("alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain("&lt;b&gt;note&lt;/b&gt;");
    expect(html).toContain('data-threads="t&quot;x"');
    // The markup is the expected structure: mark > em for the highlighted start.
    expect(html.startsWith('<mark class="hl" data-threads="t&quot;x" tabindex="0"><em>&lt;scri</em></mark><em>pt&gt;</em>')).toBe(true);
  });

  test("40 paragraphs × 5,000 emphasis marks: the HTML is the text plus its tags (not tens of MB)", async () => {
    const { inlineHtml } = await import("@/lib/readings/inline-html");
    const words = Array.from({ length: 5000 }, (_, i) => `w${i}`);
    const text = words.join(" ");
    const marks = [];
    let at = 0;
    for (const w of words) {
      marks.push({ start: at, end: at + w.length, kind: "em" as const });
      at += w.length + 1;
    }
    let bytes = 0;
    for (let p = 0; p < 40; p++) bytes += inlineHtml({ text, marks, noteRefs: [], blockKey: `b${p}` }).length;
    expect(bytes).toBeLessThan(40 * (text.length + 9 * 5000) + 1);
  });
});
