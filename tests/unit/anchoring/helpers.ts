import { describeSelectors } from "@/lib/anchoring";
import type { AnchorBlock, CommentAnchor } from "@/lib/anchoring";

// The seed-reading blocks and the PRNG live with the at-scale scenario, which the bench uses too.
export { rng, seedBlocks } from "@/lib/anchoring/bench-scale";

export function blocks(texts: string[], prefix = "b"): AnchorBlock[] {
  return texts.map((text, i) => ({ id: `${prefix}${i}`, text, commentable: true }));
}

/** A passage comment on the first occurrence (or the nth) of `quote` in `block`. */
export function passage(id: string, block: AnchorBlock, quote: string, nth = 0): CommentAnchor {
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = block.text.indexOf(quote, at + 1);
    if (at < 0) throw new Error(`"${quote}" not in block ${block.id}`);
  }
  return { id, blockId: block.id, ...describeSelectors(block.text, at, at + quote.length) };
}

export function paragraph(id: string, block: AnchorBlock): CommentAnchor {
  return { id, blockId: block.id };
}
