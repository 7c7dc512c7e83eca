/**
 * A document model for property tests: every character remembers where it came from (old block id and
 * offset, or null for text the editor typed), so after any edit script we know, independently of the
 * engine, which new block holds which old paragraph's text and where each quoted passage went.
 */
import fc from "fast-check";
import { describeSelectors, type AnchorBlock, type CommentAnchor } from "@/lib/anchoring";

export interface Origin {
  b: string;
  i: number;
}
export interface Ch {
  c: string;
  o: Origin | null;
}
export interface MBlock {
  id: string;
  chars: Ch[];
  commentable: boolean;
}

// Realistic-ish prose with a deliberately small, heavily shared vocabulary.
export const VOCAB = [
  "the", "party", "congress", "Moscow", "Belgrade", "Tito", "Tito's", "Stalin's", "Khrushchev", "leaders",
  "delegates", "report", "secret", "speech", "of", "and", "to", "in", "was", "had", "not", "that", "his",
  "their", "Soviet", "Yugoslav", "Communist", "government", "policy", "heretic", "Pope", "apology", "revolution",
  "state", "cult", "individual", "power", "years", "October", "February", "demanded", "denounced", "accepted",
  "refused", "quietly", "openly", "—", "however,", "indeed,", "without", "doubt",
];

export const sentenceArb = fc
  .array(fc.constantFrom(...VOCAB), { minLength: 4, maxLength: 12 })
  .map((ws) => {
    const s = ws.join(" ").replace(/ — $/, "");
    return s.charAt(0).toUpperCase() + s.slice(1) + ".";
  });

export const paragraphArb = fc.array(sentenceArb, { minLength: 1, maxLength: 4 }).map((ss) => ss.join(" "));

export const docArb = fc.array(
  fc.oneof({ weight: 9, arbitrary: paragraphArb.map((t) => ({ t, commentable: true })) }, { weight: 1, arbitrary: fc.nat(20).map((n) => ({ t: `Part ${n}`, commentable: false })) }),
  { minLength: 2, maxLength: 12 },
);

export function toModel(doc: Array<{ t: string; commentable: boolean }>): MBlock[] {
  return doc.map(({ t, commentable }, k) => {
    const id = `o${k}`;
    return { id, commentable, chars: Array.from(t).map((c, i) => ({ c, o: { b: id, i } })) };
  });
}

export function toBlocks(m: MBlock[]): AnchorBlock[] {
  return m.map((b) => ({ id: b.id, text: b.chars.map((x) => x.c).join(""), commentable: b.commentable }));
}

const typed = (s: string): Ch[] => Array.from(s).map((c) => ({ c, o: null }));

export type Op =
  | { kind: "insertChar" | "deleteChar" | "replaceChar"; block: number; pos: number; ch: string }
  | { kind: "deleteBlock" | "mergeNext" | "split"; block: number; pos: number }
  | { kind: "move"; block: number; to: number }
  | { kind: "insertBlock"; at: number; text: string }
  | { kind: "normalise" };

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constantFrom("insertChar", "deleteChar", "replaceChar"), block: fc.nat(), pos: fc.nat(), ch: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz ,.") }) as fc.Arbitrary<Op>,
  fc.record({ kind: fc.constantFrom("deleteBlock", "mergeNext", "split"), block: fc.nat(), pos: fc.nat() }) as fc.Arbitrary<Op>,
  fc.record({ kind: fc.constant("move"), block: fc.nat(), to: fc.nat() }) as fc.Arbitrary<Op>,
  fc.record({ kind: fc.constant("insertBlock"), at: fc.nat(), text: paragraphArb }) as fc.Arbitrary<Op>,
  fc.constant({ kind: "normalise" }) as fc.Arbitrary<Op>,
);

let fresh = 0;
/** Apply one edit to a copy of the model. Blocks the editor creates get ids `e<n>`. */
export function apply(m: MBlock[], op: Op): MBlock[] {
  const doc = m.map((b) => ({ ...b, chars: [...b.chars] }));
  if (doc.length === 0) return doc;
  switch (op.kind) {
    case "insertChar":
    case "deleteChar":
    case "replaceChar": {
      const b = doc[op.block % doc.length]!;
      if (!b.commentable || b.chars.length === 0) return doc;
      const pos = op.pos % (b.chars.length + (op.kind === "insertChar" ? 1 : 0));
      if (op.kind === "insertChar") b.chars.splice(pos, 0, { c: op.ch, o: null });
      else if (op.kind === "deleteChar") b.chars.splice(pos, 1);
      else b.chars.splice(pos, 1, { c: op.ch, o: null });
      return doc;
    }
    case "deleteBlock":
      if (doc.length > 1) doc.splice(op.block % doc.length, 1);
      return doc;
    case "mergeNext": {
      const k = op.block % doc.length;
      const a = doc[k];
      const b = doc[k + 1];
      if (!a || !b || !a.commentable || !b.commentable) return doc;
      a.chars = [...a.chars, ...typed(" "), ...b.chars];
      doc.splice(k + 1, 1);
      return doc;
    }
    case "split": {
      const k = op.block % doc.length;
      const b = doc[k]!;
      if (!b.commentable) return doc;
      const text = b.chars.map((x) => x.c).join("");
      const cuts: number[] = [];
      for (let i = 0; i + 1 < text.length; i++) if (text[i] === "." && text[i + 1] === " ") cuts.push(i + 1);
      if (cuts.length === 0) return doc;
      const cut = cuts[op.pos % cuts.length]!;
      const second: MBlock = { id: `e${fresh++}`, commentable: true, chars: b.chars.slice(cut + 1) };
      b.chars = b.chars.slice(0, cut);
      doc.splice(k + 1, 0, second);
      return doc;
    }
    case "move": {
      const [b] = doc.splice(op.block % doc.length, 1);
      doc.splice(op.to % (doc.length + 1), 0, b!);
      return doc;
    }
    case "insertBlock":
      doc.splice(op.at % (doc.length + 1), 0, { id: `e${fresh++}`, commentable: true, chars: typed(op.text) });
      return doc;
    case "normalise":
      // What a re-import through another converter does: typographic apostrophes and dashes.
      for (const b of doc) {
        const out: Ch[] = [];
        for (const x of b.chars) {
          if (x.c === "'") out.push({ c: "\u2019", o: x.o });
          else if (x.c === "\u2014") out.push({ c: "-", o: x.o }, { c: "-", o: null });
          else out.push(x);
        }
        b.chars = out;
      }
      return doc;
  }
}

/** Give the new version its own ids (as a re-import would) or keep the old ones (in-place edit). */
export function renumber(m: MBlock[], keepIds: boolean): MBlock[] {
  if (keepIds) {
    const seen = new Set<string>();
    return m.map((b) => {
      if (seen.has(b.id)) return { ...b, id: `e${fresh++}` };
      seen.add(b.id);
      return b;
    });
  }
  return m.map((b, k) => ({ ...b, id: `n${k}` }));
}

export type CommentSpec = { block: number; passage: boolean; start: number; len: number };
export const commentSpecArb: fc.Arbitrary<CommentSpec> = fc.record({
  block: fc.nat(),
  passage: fc.boolean(),
  start: fc.nat(),
  len: fc.integer({ min: 1, max: 60 }),
});

export function makeComments(old: AnchorBlock[], specs: CommentSpec[]): CommentAnchor[] {
  const targets = old.filter((b) => b.commentable && b.text.length > 0);
  if (targets.length === 0) return [];
  return specs.map((s, k) => {
    const b = targets[s.block % targets.length]!;
    if (!s.passage) return { id: `c${k}`, blockId: b.id };
    const start = s.start % b.text.length;
    const end = Math.min(b.text.length, start + s.len);
    return { id: `c${k}`, blockId: b.id, ...describeSelectors(b.text, start, end) };
  });
}

/** Characters of block `nb` that came from old block `oldId` (optionally only from [from, to)). */
export function fromOld(nb: MBlock, oldId: string, from = 0, to = Infinity, s = 0, e = nb.chars.length): number {
  let n = 0;
  for (let k = s; k < e; k++) {
    const o = nb.chars[k]!.o;
    if (o && o.b === oldId && o.i >= from && o.i < to) n++;
  }
  return n;
}

export function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}
