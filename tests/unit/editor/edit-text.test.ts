/** A block's text retyped by hand: note markers and emphasis stay by the words they belong to. */
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { editText, nonEmpty } from "@/lib/editor/edit-text";
import { textWithMarkers } from "@/lib/import/types";
import type { DraftBlock } from "@/lib/editor/block-ops";

const p = (text: string, extra: Partial<DraftBlock> = {}): DraftBlock => ({ kind: "paragraph", text, ...extra });

describe("editText", () => {
  test("a word fixed before a marker moves the marker with the words after it", () => {
    const [b] = editText([p("Krushchev spoke in 1956. He was heard.", { noteRefs: [{ label: "1", offset: 24 }] })], 0, "Khrushchev spoke in 1956. He was heard.");
    expect(textWithMarkers(b!)).toBe("Khrushchev spoke in 1956.[1] He was heard.");
  });

  test("an edit after a marker leaves it where it was", () => {
    const [b] = editText([p("Stalin died. The thaw began.", { noteRefs: [{ label: "1", offset: 12 }] })], 0, "Stalin died. The thaw began slowly.");
    expect(textWithMarkers(b!)).toBe("Stalin died.[1] The thaw began slowly.");
  });

  test("emphasis follows its words; emphasis whose words were deleted goes", () => {
    const block = p("A very long speech was read.", { marks: [{ start: 7, end: 11, kind: "em" }, { start: 12, end: 18, kind: "strong" }] });
    const [shorter] = editText([block], 0, "A long speech was read.");
    expect(shorter!.marks!.map((m) => shorter!.text.slice(m.start, m.end))).toEqual(["long", "speech"]);
    const [gone] = editText([p("Read it.", { marks: [{ start: 5, end: 8, kind: "em" }] })], 0, "Read");
    expect(gone!.marks).toBeUndefined();
  });

  test("a word retyped under emphasis stays emphasised; a marker inside a retyped word goes after it", () => {
    const [b] = editText([p("A very long speech.", { marks: [{ start: 7, end: 11, kind: "em" }] })], 0, "A very lengthy speech.");
    expect(b!.text.slice(b!.marks![0]!.start, b!.marks![0]!.end)).toBe("lengthy");
    const [m] = editText([p("In lg57 he spoke.", { noteRefs: [{ label: "1", offset: 4 }] })], 0, "In 1957 he spoke.");
    expect(textWithMarkers(m!)).toBe("In 19[1]57 he spoke.");
    const [r] = editText([p("It was Krushchv who spoke.", { noteRefs: [{ label: "1", offset: 12 }] })], 0, "It was Khrushchev who spoke.");
    expect(textWithMarkers(r!)).toBe("It was Khrushche[1]v who spoke.");
  });

  test("markers past a shortened end are clamped to it", () => {
    const [b] = editText([p("One two three.", { noteRefs: [{ label: "1", offset: 14 }] })], 0, "One two");
    expect(b!.noteRefs).toEqual([{ label: "1", offset: 7 }]);
  });

  test("other blocks and an index out of range are left alone", () => {
    const blocks = [p("One."), p("Two.")];
    const edited = editText(blocks, 1, "Deux.");
    expect(edited[0]).toBe(blocks[0]);
    expect(editText(blocks, 5, "x")).toBe(blocks);
  });

  test("a marker never leaves its block's text (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }), fc.array(fc.nat(), { maxLength: 5 }), (before, after, offsets) => {
        const refs = offsets.map((o, k) => ({ label: String(k + 1), offset: o % (before.length + 1) }));
        const [b] = editText([p(before, { noteRefs: nonEmpty(refs) })], 0, after);
        expect(b!.text).toBe(after);
        for (const r of b!.noteRefs ?? []) {
          expect(r.offset).toBeGreaterThanOrEqual(0);
          expect(r.offset).toBeLessThanOrEqual(after.length);
        }
        expect(b!.noteRefs?.length ?? 0).toBe(refs.length);
      }),
    );
  });

  test("nonEmpty turns an empty list into undefined", () => {
    expect(nonEmpty([])).toBeUndefined();
    expect(nonEmpty(undefined)).toBeUndefined();
    expect(nonEmpty([1])).toEqual([1]);
  });
});
