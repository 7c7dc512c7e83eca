/**
 * Where OCR's doubtful words ended up in the repaired text. The recognised words (in reading
 * order) and the words of the final blocks are aligned with a word-level diff
 * (diff-match-patch over words encoded as characters, Diff_Timeout 0 so the result does not
 * depend on machine speed): a word in an unchanged run keeps its identity, so its offsets in
 * its block are known; words the repairs changed or removed (metadata lines, joined
 * hyphenations, debris) fall out of the equal runs and are not marked. A greedy search
 * would drift: common words ("a", "of") match ahead of their place and pull the cursor on.
 */
import DiffMatchPatch from "diff-match-patch";
import type { ImportedBlock, OcrWord, UncertainWord } from "./types";
import { UNCERTAIN_BELOW } from "./ocr";

const dmp = new DiffMatchPatch();
dmp.Diff_Timeout = 0;

export function locateUncertainWords(blocks: ImportedBlock[], words: OcrWord[]): UncertainWord[] {
  if (!words.some((w) => w.confidence < UNCERTAIN_BELOW)) return [];
  // The final text's words with where each stands.
  const target: { text: string; block: number; start: number }[] = [];
  blocks.forEach((b, block) => {
    for (const m of b.text.matchAll(/\S+/g)) target.push({ text: m[0], block, start: m.index });
  });
  const source = words.map((w) => ({ text: w.text.trim(), confidence: w.confidence })).filter((w) => w.text);

  // Each distinct word → one character (avoiding surrogates), so the diff runs on words.
  const codes = new Map<string, string>();
  let next = 0x100;
  const encode = (list: { text: string }[]) => {
    let out = "";
    for (const w of list) {
      let c = codes.get(w.text);
      if (c === undefined) {
        if (next === 0xd800) next = 0xe000;
        if (next > 0xffff) return null; // more distinct words than characters: give up marking
        c = String.fromCharCode(next++);
        codes.set(w.text, c);
      }
      out += c;
    }
    return out;
  };
  const a = encode(source);
  const b = encode(target);
  if (a === null || b === null) return [];

  const out: UncertainWord[] = [];
  let i = 0; // index into source
  let j = 0; // index into target
  for (const [op, text] of dmp.diff_main(a, b, false)) {
    if (op === DiffMatchPatch.DIFF_EQUAL) {
      for (let k = 0; k < text.length; k++) {
        const s = source[i + k]!;
        if (s.confidence < UNCERTAIN_BELOW) {
          const t = target[j + k]!;
          out.push({ block: t.block, start: t.start, end: t.start + t.text.length, text: t.text, confidence: Math.round(s.confidence) });
        }
      }
      i += text.length;
      j += text.length;
    } else if (op === DiffMatchPatch.DIFF_DELETE) i += text.length;
    else j += text.length;
  }
  return out;
}
