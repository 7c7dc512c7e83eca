import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describeSelectors } from "@/lib/anchoring";
import type { AnchorBlock, CommentAnchor } from "@/lib/anchoring";

const SEED_DIR = path.resolve(__dirname, "../../../seed/readings");

/** A seed reading as blocks: blank-line separated paragraphs; short lines without a full stop are headings. */
export function seedBlocks(index: number, prefix = "b"): AnchorBlock[] {
  const file = readdirSync(SEED_DIR)
    .filter((f) => f.endsWith(".txt"))
    .sort()[index]!;
  const text = readFileSync(path.join(SEED_DIR, file), "utf8");
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter(Boolean)
    .map((t, i) => ({ id: `${prefix}${i}`, text: t, commentable: !(t.length < 60 && !/[.!?:;]$/.test(t)) }));
}

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

/** Tiny deterministic PRNG (mulberry32) for fixtures that need "random" but reproducible text. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
