import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { afterInsert, afterMerge, afterRemove, afterSplit, editText, mergeWithNext, remapReport, retype, splitAt, type IndexMap } from "@/lib/editor/block-ops";
import { textWithMarkers, type ImportedBlock } from "@/lib/import/types";

const p = (text: string, extra: Partial<ImportedBlock> = {}): ImportedBlock => ({ kind: "paragraph", text, ...extra });

describe("editing a draft's blocks", () => {
  test("merging joins the text with one space and carries the second block's note markers along", () => {
    const blocks = [p("The text probably has its gaps", { noteRefs: [{ label: "1", offset: 8 }] }), p("and here and there.", { noteRefs: [{ label: "2", offset: 19 }] })];
    const [merged] = mergeWithNext(blocks, 0);
    expect(merged!.text).toBe("The text probably has its gaps and here and there.");
    expect(textWithMarkers(merged!)).toBe("The text[1] probably has its gaps and here and there.[2]");
  });

  test("splitting at a sentence boundary makes two blocks whose markers stay by their words", () => {
    const block = p("First sentence. Second sentence.", { noteRefs: [{ label: "a", offset: 15 }, { label: "b", offset: 32 }] });
    const [left, right] = splitAt([block], 0, 15);
    expect(textWithMarkers(left!)).toBe("First sentence.[a]");
    expect(textWithMarkers(right!)).toBe("Second sentence.[b]");
  });

  test("split then merge gives back the text (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("Stalin", "Tito", "party", "the", "of", "Moscow", "speech."), { minLength: 2, maxLength: 40 }), fc.nat(), (words, k) => {
        const text = words.join(" ");
        const spaces = [...text.matchAll(/ /g)].map((m) => m.index!);
        const at = spaces[k % spaces.length]!;
        const split = splitAt([p(text)], 0, at);
        expect(split).toHaveLength(2);
        expect(mergeWithNext(split, 0)[0]!.text).toBe(text);
      }),
    );
  });

  test("comment counts shown on the edit page: a merge adds them up, a split shows them once", () => {
    const merged = mergeWithNext([{ ...p("One."), comments: 2 }, { ...p("Two."), comments: 3 }], 0);
    expect(merged[0]!.comments).toBe(5);
    const [left, right] = splitAt([{ ...p("First sentence. Second sentence."), comments: 4 }], 0, 15);
    expect(left!.comments).toBe(4);
    expect(right!.comments).toBeUndefined();
  });

  test("retyping to a note moves the block to the notes list", () => {
    const r = retype([p("Body."), p("A stray footnote.")], [{ label: "1", text: "First note." }], 1, "note");
    expect(r.blocks.map((b) => b.text)).toEqual(["Body."]);
    expect(r.notes).toEqual([{ label: "1", text: "First note." }, { label: "2", text: "A stray footnote." }]);
    expect(retype([p("Part One")], [], 0, "heading").blocks[0]).toMatchObject({ kind: "heading", level: 2 });
  });

  test("a typo fix before a note marker keeps the marker after the same word", () => {
    const [fixed] = editText([p("Krushchev spoke.", { noteRefs: [{ label: "1", offset: 16 }] })], 0, "Khrushchev spoke.");
    expect(textWithMarkers(fixed!)).toBe("Khrushchev spoke.[1]");
  });
});

describe("the import report follows the blocks through edits", () => {
  const report = [0, 1, 2, 3].map((block) => ({ rule: "join-page-break", block, before: "", after: "" }));
  const at = (map: IndexMap) => remapReport([...report, { rule: "metadata-title", block: null, before: "", after: "" }], map).map((e) => e.block);

  test("a merge points the second block's repairs at the merged block", () => {
    expect(at(afterMerge(1))).toEqual([0, 1, 1, 2, null]);
  });
  test("a split keeps repairs on the first half and moves the rest down", () => {
    expect(at(afterSplit(1))).toEqual([0, 1, 3, 4, null]);
  });
  test("a block removed: its repairs point at the block that took its place (the last one: the one before)", () => {
    expect(at(afterRemove(1, 3))).toEqual([0, 1, 1, 2, null]);
    expect(at(afterRemove(3, 3))).toEqual([0, 1, 2, 2, null]);
    expect(remapReport([{ block: 0 }], afterRemove(0, 0))).toEqual([{ block: null }]);
  });
  test("a block put in moves the ones from there down", () => {
    expect(at(afterInsert(2))).toEqual([0, 1, 3, 4, null]);
  });
});
