/** One paragraph numbering for the reading page, the stored blocks and the preview (and its report). */
import { describe, expect, test } from "vitest";
import { blockLabel, numberBlocks } from "@/lib/editor/paragraph-numbers";
import type { BlockKind } from "@/lib/import/types";

const blocks: { kind: BlockKind; text: string }[] = [
  { kind: "heading", text: "The Thaw and Its Discontents" },
  { kind: "paragraph", text: "First." },
  { kind: "quote", text: "A quoted speech." },
  { kind: "heading", text: "A fresh gust of wind from the west, and the journals that felt it first" },
  { kind: "list", text: "An item." },
  { kind: "paragraph", text: "Last." },
];

describe("paragraph numbers", () => {
  test("paragraphs, quotes and list items are numbered; headings are not", () => {
    expect(numberBlocks(blocks).map((b) => b.number)).toEqual([null, 1, 2, null, 3, 4]);
    expect(numberBlocks([])).toEqual([]);
  });

  test("the preview names a block by the number the reading page will show", () => {
    expect(blockLabel(blocks, 1)).toBe("¶ 1");
    expect(blockLabel(blocks, 4)).toBe("¶ 3");
    expect(blockLabel(blocks, 5)).toBe("¶ 4");
    expect(blockLabel(blocks, 0)).toBe("the heading “The Thaw and Its Discontents”");
    expect(blockLabel(blocks, 3)).toBe("the heading “A fresh gust of wind from the west, and…”");
    expect(blockLabel(blocks, 9)).toBe("");
  });

  test("blockLabel agrees with numberBlocks everywhere", () => {
    const numbered = numberBlocks(blocks);
    numbered.forEach((b, i) => {
      if (b.number !== null) expect(blockLabel(blocks, i)).toBe(`¶ ${b.number}`);
    });
  });
});
