import { normalize, tokenize, type NormText, type Tokens } from "./normalize";
import type { AnchorBlock } from "./types";

export interface PreparedBlock {
  index: number;
  block: AnchorBlock;
  norm: NormText;
  /** Normalised text, used as the exact-match key. */
  key: string;
  /** Computed on demand (only blocks that are not matched exactly need them). */
  tokens(): Tokens;
}

export interface PreparedDoc {
  blocks: PreparedBlock[];
  byId: Map<string, PreparedBlock>;
  /** Indices of commentable blocks, in order. */
  commentable: number[];
}

export function prepare(blocks: AnchorBlock[]): PreparedDoc {
  const prepared: PreparedBlock[] = [];
  const byId = new Map<string, PreparedBlock>();
  const commentable: number[] = [];
  blocks.forEach((block, index) => {
    const norm = normalize(block.text);
    let tokens: Tokens | undefined;
    const p: PreparedBlock = {
      index,
      block,
      norm,
      key: norm.text,
      tokens: () => (tokens ??= tokenize(norm.text)),
    };
    prepared.push(p);
    // First block wins if ids repeat (they should not).
    if (!byId.has(block.id)) byId.set(block.id, p);
    if (block.commentable) commentable.push(index);
  });
  return { blocks: prepared, byId, commentable };
}
