/**
 * Word-level precision, recall and F1 of an extracted text against hand-written ground truth.
 *
 * Tokenisation (the same for both sides): Unicode NFKC, lower case; a token is a maximal run of letters,
 * combining marks and digits (`\p{L}\p{M}\p{N}`), so punctuation, symbols and whitespace only separate
 * tokens ("don't" → "don", "t"; "e-mail" → "e", "mail"). Scripts written without spaces between words
 * (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar) count one token per character, so a Chinese or
 * Thai page weighs by its characters rather than by whole sentences.
 *
 * Scores compare the two texts as bags (multisets) of tokens: a token matches as many times as it occurs
 * on both sides. precision = matched / extracted tokens, recall = matched / truth tokens,
 * F1 = 2PR / (P + R). Order is not scored: the corpus' pages have one article each, so what matters is
 * which text is kept or dropped.
 */

const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of text.normalize("NFKC").toLowerCase().matchAll(WORD)) {
    const run = m[0];
    if (!UNSPACED.test(run)) { out.push(run); continue; }
    // split runs of unspaced scripts into characters; keep spaced-script stretches inside them whole
    let word = "";
    for (const ch of run) {
      if (UNSPACED.test(ch)) {
        if (word) { out.push(word); word = ""; }
        out.push(ch);
      } else if (/\p{M}/u.test(ch) && out.length && !word) {
        out[out.length - 1] += ch; // a combining mark belongs to the character before it (Thai vowels, tones)
      } else word += ch;
    }
    if (word) out.push(word);
  }
  return out;
}

export interface Score {
  precision: number;
  recall: number;
  f1: number;
  /** tokens on each side and tokens matched */
  extracted: number;
  truth: number;
  matched: number;
}

function bag(tokens: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of tokens) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

export function scoreTokens(extracted: string[], truth: string[]): Score {
  const t = bag(truth);
  let matched = 0;
  for (const [tok, n] of bag(extracted)) matched += Math.min(n, t.get(tok) ?? 0);
  const precision = extracted.length ? matched / extracted.length : truth.length ? 0 : 1;
  const recall = truth.length ? matched / truth.length : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, extracted: extracted.length, truth: truth.length, matched };
}

export function scoreText(extracted: string, truth: string): Score {
  return scoreTokens(tokenize(extracted), tokenize(truth));
}

/** Sum several scores' counts (micro average: every token of the corpus weighs the same). */
export function microAverage(scores: Score[]): Score {
  const extracted = scores.reduce((s, x) => s + x.extracted, 0);
  const truth = scores.reduce((s, x) => s + x.truth, 0);
  const matched = scores.reduce((s, x) => s + x.matched, 0);
  const precision = extracted ? matched / extracted : 0;
  const recall = truth ? matched / truth : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, extracted, truth, matched };
}

/** Mean of per-page precision, recall and F1 (macro average: every page weighs the same). */
export function macroAverage(scores: Score[]): { precision: number; recall: number; f1: number } {
  const n = scores.length || 1;
  return {
    precision: scores.reduce((s, x) => s + x.precision, 0) / n,
    recall: scores.reduce((s, x) => s + x.recall, 0) / n,
    f1: scores.reduce((s, x) => s + x.f1, 0) / n,
  };
}

export type TruthKind = "heading" | "paragraph" | "quote" | "list" | "note";

export interface TruthBlock {
  kind: TruthKind;
  text: string;
  level?: number;
  label?: string;
}

/**
 * A ground-truth file: blocks separated by blank lines; `#`…`######` headings, `> ` block quotes, `- `
 * list items, `[^label]: ` notes; anything else is a paragraph. Inline text is plain (no emphasis marks).
 */
export function parseTruth(md: string): TruthBlock[] {
  const blocks: TruthBlock[] = [];
  for (const raw of md.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    let text = raw.replace(/\s+/g, " ").trim();
    if (!text) continue;
    const note = text.match(/^\[\^([^\]]+)\]:\s*(.*)$/);
    if (note) { blocks.push({ kind: "note", label: note[1]!, text: note[2]! }); continue; }
    let kind: TruthKind = "paragraph";
    let level: number | undefined;
    if (/^(?:>\s?)+/.test(text)) { kind = "quote"; text = text.replace(/^(?:>\s?)+/, ""); }
    const h = text.match(/^(#{1,6})\s+(.*)$/);
    if (h) { if (kind !== "quote") { kind = "heading"; level = h[1]!.length; } text = h[2]!; }
    else if (/^-\s+/.test(text)) { if (kind !== "quote") kind = "list"; text = text.replace(/^-\s+/, ""); }
    blocks.push(level ? { kind, text, level } : { kind, text });
  }
  return blocks;
}

export function truthText(blocks: TruthBlock[]): string {
  return blocks.map((b) => b.text).join("\n");
}
