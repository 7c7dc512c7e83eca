/**
 * The re-anchoring scenario at scale, shared by the benchmark (`npm run bench`, which times
 * it) and the unit tests (which check its placements): 5,000 comments over a 1,000-paragraph
 * reading made of the seed readings' sentences, after an edit pass that touches many
 * paragraphs (typos, deletions, merges, splits, a moved chunk). Pure apart from reading the
 * seed texts.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describeSelectors } from "./selectors";
import { reanchor } from "./reanchor";
import type { AnchorBlock, CommentAnchor } from "./types";

const SEED_DIR = path.resolve(__dirname, "../../seed/readings");

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

function bigReading(paragraphs: number, random: () => number): AnchorBlock[] {
  const sentences = [0, 1, 2, 3, 4]
    .flatMap((i) => seedBlocks(i))
    .filter((b) => b.commentable)
    .flatMap((b) => b.text.split(/(?<=[.!?])\s+(?=[A-Z])/))
    .filter((s) => s.length > 30);
  const out: AnchorBlock[] = [];
  for (let i = 0; i < paragraphs; i++) {
    if (i % 50 === 0) out.push({ id: `h${i}`, text: `Part ${i / 50 + 1}`, commentable: false });
    const n = 3 + Math.floor(random() * 4);
    const parts: string[] = [];
    for (let k = 0; k < n; k++) parts.push(sentences[Math.floor(random() * sentences.length)]!);
    out.push({ id: `p${i}`, text: parts.join(" "), commentable: true });
  }
  return out;
}

function edit(old: AnchorBlock[], random: () => number): AnchorBlock[] {
  const out: AnchorBlock[] = [];
  for (let i = 0; i < old.length; i++) {
    const b = old[i]!;
    const id = `n${i}`;
    const r = random();
    if (!b.commentable) out.push({ ...b, id });
    else if (r < 0.02) continue; // deleted
    else if (r < 0.12) {
      const at = Math.floor(random() * b.text.length);
      out.push({ ...b, id, text: b.text.slice(0, at) + "x" + b.text.slice(at + 1) }); // typo
    } else if (r < 0.15 && old[i + 1]?.commentable) {
      out.push({ ...b, id, text: `${b.text} ${old[i + 1]!.text}` }); // merged with the next
      i++;
    } else if (r < 0.18) {
      const cut = b.text.indexOf(". ");
      if (cut > 0) out.push({ ...b, id, text: b.text.slice(0, cut + 1) }, { ...b, id: `${id}s`, text: b.text.slice(cut + 2) });
      else out.push({ ...b, id });
    } else out.push({ ...b, id });
  }
  // Move a chunk of 20 paragraphs from the middle to the end.
  const chunk = out.splice(Math.floor(out.length / 2), 20);
  return [...out, ...chunk];
}

/** The scenario `npm run bench` times (speed belongs in the benchmark, not in a timed test). */
export function anchoringAtScale() {
  {
    const random = rng(20240611);
    const old = bigReading(1000, random);
    const paras = old.filter((b) => b.commentable);
    const comments: CommentAnchor[] = [];
    for (let k = 0; k < 5000; k++) {
      const b = paras[Math.floor(random() * paras.length)]!;
      if (k % 2 === 0) comments.push({ id: `c${k}`, blockId: b.id });
      else {
        const start = Math.floor(random() * (b.text.length - 10));
        const end = Math.min(b.text.length, start + 5 + Math.floor(random() * 80));
        comments.push({ id: `c${k}`, blockId: b.id, ...describeSelectors(b.text, start, end) });
      }
    }
    const next = edit(old, random);

    reanchor(old.slice(0, 50), next.slice(0, 50), comments.slice(0, 100)); // warm up the JIT
    const t0 = performance.now();
    const placements = reanchor(old, next, comments);
    const ms = performance.now() - t0;

    const attached = placements.filter((p) => p.status === "attached").length;
    const counts = placements.reduce<Record<string, number>>((acc, p) => {
      const k = p.status === "attached" ? p.how : "detached";
      acc[k] = (acc[k] ?? 0) + 1;
      return acc;
    }, {});
    return { comments: comments.length, blocksBefore: old.length, blocksAfter: next.length, placements, attached, counts, ms };
  }
}

