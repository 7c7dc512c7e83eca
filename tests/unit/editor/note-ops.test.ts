/** Notes fixed by hand in the preview (issue 11, item 3): retyping blocks as notes, adding, editing, deleting, markers. */
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import {
  addNote, blockToNote, checkNote, deleteNote, editNote, freeLabel, insertMarker, linkNote, noteLinks, noteToBlock, removeMarker, sortNotes, wordsBefore, type NotesDraft,
} from "@/lib/editor/note-ops";
import { retype, type DraftBlock } from "@/lib/editor/block-ops";
import { textWithMarkers } from "@/lib/import/types";

const p = (text: string, extra: Partial<DraftBlock> = {}): DraftBlock => ({ kind: "paragraph", text, ...extra });
const shown = (d: NotesDraft) => d.blocks.map(textWithMarkers);

/** The report: a JSTOR-style import whose three notes came out as body blocks, markers glued to words. */
const BODY = [
  p("The winter after Stalin's death changed the weather of cultural life.1"),
  p("Editors who had waited for a signal found one in the journals of 1957.2"),
  p("Not everyone welcomed the change, as one editor remembered it.3 The quarrel lasted a decade."),
];
const NOTE_BLOCKS = [p("1 Ilya Ehrenburg, The Thaw (Moscow, 1954)."), p("2. See the editorial in Novyi mir, no. 4."), p("3 Interview with the author, Moscow, 1991.")];
const imported = (): NotesDraft => ({ blocks: [...BODY, ...NOTE_BLOCKS], notes: [] });

/** Retype the block whose text is `text` as a note, wherever it now stands. */
function retypeByText(d: NotesDraft, text: string): NotesDraft {
  const i = d.blocks.findIndex((b) => b.text === text);
  expect(i).toBeGreaterThanOrEqual(0);
  return blockToNote(d, i);
}

describe("retyping blocks as notes", () => {
  test("bottom up: notes in document order, labels from their leading numbers, no doubled numbers, markers linked", () => {
    let d = imported();
    for (const b of [...NOTE_BLOCKS].reverse()) d = retypeByText(d, b.text);
    expect(d.notes).toEqual([
      { label: "1", text: "Ilya Ehrenburg, The Thaw (Moscow, 1954)." },
      { label: "2", text: "See the editorial in Novyi mir, no. 4." },
      { label: "3", text: "Interview with the author, Moscow, 1991." },
    ]);
    expect(shown(d)).toEqual([
      "The winter after Stalin's death changed the weather of cultural life.[1]",
      "Editors who had waited for a signal found one in the journals of 1957.[2]",
      "Not everyone welcomed the change, as one editor remembered it.[3] The quarrel lasted a decade.",
    ]);
    const links = noteLinks(d);
    expect(links.unreferenced).toEqual([]);
    expect(links.dangling).toEqual([]);
    expect(links.referencedFrom.get("2")).toEqual([1]);
  });

  test("in any order the instructor retypes them, the result is the same (property)", () => {
    const expected = (() => {
      let d = imported();
      for (const b of NOTE_BLOCKS) d = retypeByText(d, b.text);
      return d;
    })();
    fc.assert(
      fc.property(fc.shuffledSubarray(NOTE_BLOCKS, { minLength: 3, maxLength: 3 }), (order) => {
        let d = imported();
        for (const b of order) d = retypeByText(d, b.text);
        expect({ blocks: d.blocks, notes: d.notes }).toEqual({ blocks: expected.blocks, notes: expected.notes });
      }),
    );
  });

  test("the result says which label the note got and whether a marker now points at it", () => {
    const r = blockToNote(imported(), 4);
    expect(r).toMatchObject({ label: "2", linked: true });
    expect(r.blocks).toHaveLength(5);
    expect(blockToNote({ blocks: [p("Body."), p("A stray remark with no number.")], notes: [] }, 1)).toMatchObject({
      label: "1",
      linked: false,
      notes: [{ label: "1", text: "A stray remark with no number." }],
    });
  });

  test("a symbol label links a symbol marker, and symbol notes sort by where their markers stand", () => {
    let d: NotesDraft = { blocks: [p("The first translation,* made in exile."), p("A second version,† printed later."), p("† Printed in Paris."), p("* Translated by the author.")], notes: [] };
    d = blockToNote(d, 2);
    d = blockToNote(d, 2);
    expect(d.notes.map((n) => n.label)).toEqual(["*", "†"]);
    expect(shown(d)).toEqual(["The first translation,[*] made in exile.", "A second version,[†] printed later."]);
  });

  test("a second note with a number already used gets the next label for that number, listed after it", () => {
    const d = blockToNote({ blocks: [p("Body."), p("2 A second note two.")], notes: [{ label: "2", text: "Note two." }, { label: "3", text: "Note three." }] }, 1);
    expect(d.label).toBe("2-2");
    expect(d.notes.map((n) => n.label)).toEqual(["2", "2-2", "3"]);
  });

  test("a marker OCR read as a letter ('life.l') is linked to note 1", () => {
    const d = blockToNote({ blocks: [p("It changed cultural life.l Then came spring."), p("1 Ehrenburg, The Thaw.")], notes: [] }, 1);
    expect(shown(d)).toEqual(["It changed cultural life.[1] Then came spring."]);
  });

  test("block-ops' retype to a note goes through the same path", () => {
    const r = retype(imported().blocks, [], 3, "note");
    expect(r.notes).toEqual([{ label: "1", text: "Ilya Ehrenburg, The Thaw (Moscow, 1954)." }]);
    expect(textWithMarkers(r.blocks[0]!)).toMatch(/life\.\[1\]$/);
  });
});

describe("notes added, edited, deleted and linked by hand", () => {
  const linked = (): NotesDraft => {
    let d = imported();
    for (const b of NOTE_BLOCKS) d = retypeByText(d, b.text);
    return { blocks: d.blocks, notes: d.notes };
  };

  test("checkNote names what is wrong with a typed note", () => {
    const notes = [{ label: "1", text: "One." }];
    expect(checkNote(notes, { label: "", text: "x" })).toMatch(/label/);
    expect(checkNote(notes, { label: "1", text: "x" })).toMatch(/already a note 1/);
    expect(checkNote(notes, { label: "1", text: "x" }, "1")).toBeNull();
    expect(checkNote(notes, { label: "2 a", text: "x" })).toMatch(/spaces/);
    expect(checkNote(notes, { label: "[2]", text: "x" })).toMatch(/brackets/);
    expect(checkNote(notes, { label: "x".repeat(21), text: "x" })).toMatch(/20 characters/);
    expect(checkNote(notes, { label: "2", text: "   " })).toMatch(/empty/);
    expect(checkNote(notes, { label: " 2 ", text: "Two." })).toBeNull();
  });

  test("a note added by hand links the first unlinked marker for it and takes its place in order", () => {
    const d: NotesDraft = { blocks: [p("First claim.1"), p("Second claim.2")], notes: [{ label: "2", text: "Two." }] };
    const withTwo = linkNote(d, "2");
    expect(withTwo.linkedAt).toBe(1);
    const r = addNote(withTwo, { label: " 1 ", text: " One. " });
    expect(r).toMatchObject({ label: "1", linkedAt: 0 });
    expect(r.notes).toEqual([{ label: "1", text: "One." }, { label: "2", text: "Two." }]);
    expect(shown(r)).toEqual(["First claim.[1]", "Second claim.[2]"]);
    const lone = addNote(d, { label: "9", text: "Nothing points here." });
    expect(lone.linkedAt).toBeNull();
    expect(noteLinks(lone).unreferenced).toContain("9");
  });

  test("editing a note's text keeps its markers; a new label carries them along and re-sorts the list", () => {
    const d = linked();
    const edited = editNote(d, "2", { label: "2", text: "See the editorial in Novyi mir, no. 4 (April 1957)." });
    expect(edited.notes[1]).toEqual({ label: "2", text: "See the editorial in Novyi mir, no. 4 (April 1957)." });
    expect(edited.blocks).toBe(d.blocks);
    const renamed = editNote(d, "1", { label: "4", text: "Ilya Ehrenburg, The Thaw." });
    expect(renamed.notes.map((n) => n.label)).toEqual(["2", "3", "4"]);
    expect(shown(renamed)[0]).toMatch(/life\.\[4\]$/);
    expect(noteLinks(renamed).dangling).toEqual([]);
    expect(editNote(d, "nope", { label: "5", text: "x" })).toBe(d);
  });

  test("deleting a note deletes its markers (and says how many); the text stays", () => {
    const d = linked();
    const r = deleteNote(d, "3");
    expect(r.markers).toBe(1);
    expect(r.notes.map((n) => n.label)).toEqual(["1", "2"]);
    expect(shown(r)[2]).toBe("Not everyone welcomed the change, as one editor remembered it. The quarrel lasted a decade.");
    expect(noteLinks(r).dangling).toEqual([]);
    expect(deleteNote(d, "7")).toMatchObject({ markers: 0, notes: d.notes });
  });

  test("a note goes back into the text after the paragraph that pointed at it, its label written out, its markers kept in the text, unlinked (issue 11)", () => {
    const d = linked();
    const r = noteToBlock(d, "2");
    expect(r.at).toBe(2);
    expect(r.blocks.map((b) => b.text)[2]).toBe("2. See the editorial in Novyi mir, no. 4.");
    expect(r.blocks[1]!.text).toBe("Editors who had waited for a signal found one in the journals of 1957.[2]");
    expect(r.blocks[1]!.noteRefs ?? []).toEqual([]);
    expect(noteLinks(r).dangling).toEqual([]);
    expect(r.notes.map((n) => n.label)).toEqual(["1", "3"]);
    // retyped again, it comes back as note 2, linked to the marker it left in the text
    const again = blockToNote(r, 2);
    expect(again).toMatchObject({ label: "2", linked: true });
    expect(shown(again)).toEqual(shown(d));
    expect(again.notes).toEqual(d.notes);
    // several notes put back land in document order, whatever order they were put back in
    const two = noteToBlock(noteToBlock(d, "3"), "1");
    expect(two.blocks.map((b) => b.text).filter((t) => /^\d\. /.test(t))).toEqual(["1. Ilya Ehrenburg, The Thaw (Moscow, 1954).", "3. Interview with the author, Moscow, 1991."]);
    const same = noteToBlock(noteToBlock({ blocks: [p("One sentence. Another.", { noteRefs: [{ label: "1", offset: 13 }, { label: "2", offset: 22 }] })], notes: [{ label: "1", text: "A." }, { label: "2", text: "B." }] }, "2"), "1");
    expect(same.blocks.map((b) => b.text)).toEqual(["One sentence.[1] Another.[2]", "1. A.", "2. B."]);
    // a note nothing pointed at goes to the end
    const lone = noteToBlock({ blocks: [p("Body.")], notes: [{ label: "*", text: "Aside." }] }, "*");
    expect(lone.at).toBe(1);
    expect(lone.blocks.map((b) => b.text)).toEqual(["Body.", "*. Aside."]);
    expect(noteToBlock(d, "nope").at).toBeNull();
  });

  test("markers put in and taken out of one block by hand", () => {
    const b = p("Stalin died in March. The thaw began.");
    const one = insertMarker(b, "1", 21);
    const two = insertMarker(one, "2", 999); // clamped to the end
    expect(textWithMarkers(two)).toBe("Stalin died in March.[1] The thaw began.[2]");
    expect(textWithMarkers(insertMarker(two, "*", 0))).toBe("[*]Stalin died in March.[1] The thaw began.[2]");
    expect(textWithMarkers(removeMarker(two, 0))).toBe("Stalin died in March. The thaw began.[2]");
    expect(removeMarker(removeMarker(two, 1), 0).noteRefs).toBeUndefined();
    expect(removeMarker(two, 5)).toBe(two);
  });

  test("noteLinks finds markers with no note and notes with no marker", () => {
    const links = noteLinks({ blocks: [p("A.", { noteRefs: [{ label: "1", offset: 2 }, { label: "5", offset: 2 }] }), p("B.", { noteRefs: [{ label: "1", offset: 2 }] })], notes: [{ label: "1", text: "x" }, { label: "2", text: "y" }] });
    expect(links.referencedFrom.get("1")).toEqual([0, 1]);
    expect(links.unreferenced).toEqual(["2"]);
    expect(links.dangling).toEqual([{ block: 0, label: "5" }]);
  });

  test("free labels and ordering", () => {
    expect(freeLabel([{ label: "1", text: "" }, { label: "3", text: "" }], null)).toBe("4");
    expect(freeLabel([{ label: "1", text: "" }, { label: "2", text: "" }], null)).toBe("3");
    expect(freeLabel([{ label: "a", text: "" }], "a")).toBe("a-2");
    expect(sortNotes([], [{ label: "10", text: "" }, { label: "9", text: "" }, { label: "9-2", text: "" }]).map((n) => n.label)).toEqual(["9", "9-2", "10"]);
  });

  test("wordsBefore names where a marker stands", () => {
    expect(wordsBefore("Stalin died.", 0)).toBe("the start");
    expect(wordsBefore("Stalin died.", 12)).toBe("“Stalin died.”");
    expect(wordsBefore("The winter after Stalin's death changed the weather of cultural life.", 69)).toBe("“…the weather of cultural life.”");
  });
});
