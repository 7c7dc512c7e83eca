import type { BlockKind } from "@/lib/import/types";

/**
 * Paragraph numbers count commentable blocks (paragraphs, quotes, list items), not headings. The one
 * numbering: the reading page, the stored blocks and the preview (whose report names blocks by it).
 */
export function numberBlocks<T extends { kind: BlockKind }>(blocks: T[]): (T & { number: number | null })[] {
  let n = 0;
  return blocks.map((b) => ({ ...b, number: b.kind === "heading" ? null : ++n }));
}

/** How the preview names block `i`: "¶ 5" for a paragraph, "the heading “A fresh gust of wind”" for a heading. */
export function blockLabel(blocks: { kind: BlockKind; text: string }[], i: number): string {
  const b = blocks[i];
  if (!b) return "";
  if (b.kind === "heading") return `the heading “${b.text.length > 40 ? b.text.slice(0, 39) + "…" : b.text}”`;
  let n = 0;
  for (let k = 0; k <= i; k++) if (blocks[k]!.kind !== "heading") n++;
  return `¶ ${n}`;
}
