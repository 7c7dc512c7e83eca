import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { findListedWord, normalizeWord } from "@/lib/moderation/word-list";
import { wordListSchema } from "@/lib/validations/moderation-settings";

// Words of letters from several scripts (Latin with accents, Greek, Cyrillic, CJK).
const letters = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzéüçøαβγδλωжзийкл日本語".split(""));
const word = fc.array(letters, { minLength: 1, maxLength: 12 }).map((a) => a.join(""));
// Text around a match: anything, joined to the word by a non-word character.
const separator = fc.constantFrom(" ", "\n", ".", ",", "!", "?", "—", "(", ")", "\"", "'", "«", "»", "\t");
const text = fc.string({ maxLength: 40 });
// Case changes that keep the length (so simple Unicode case folding applies).
const recase = (w: string, flips: boolean[]) =>
  [...w].map((ch, i) => {
    const up = ch.toUpperCase();
    return flips[i % flips.length] && up.length === ch.length && up.toLowerCase() === ch ? up : ch;
  }).join("");

/** A reference model: split the text into runs of word characters and compare whole runs. */
const tokens = (s: string) => s.normalize("NFC").split(/[^\p{L}\p{M}\p{N}\p{Pc}]+/u).filter(Boolean);

describe("the course word list matcher", () => {
  test("a listed word standing alone matches, in any case, wherever it is", () => {
    fc.assert(
      fc.property(text, separator, word, separator, text, fc.array(fc.boolean(), { minLength: 1 }), (before, s1, w, s2, after, flips) => {
        expect(findListedWord(`${before}${s1}${recase(w, flips)}${s2}${after}`, [w])).not.toBeNull();
        expect(findListedWord(recase(w, flips), [w])).not.toBeNull();
      }),
    );
  });

  test("a listed word inside a longer word does not match", () => {
    fc.assert(
      fc.property(word, word, word, (prefix, w, suffix) => {
        expect(findListedWord(`${prefix}${w}`, [w])).toBeNull();
        expect(findListedWord(`${w}${suffix}`, [w])).toBeNull();
        expect(findListedWord(`${prefix}${w}${suffix}`, [w])).toBeNull();
      }),
    );
  });

  test("agrees with splitting the text into words, for lists of single words", () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 6 }), fc.array(fc.oneof(word, separator, fc.string({ maxLength: 3 })), { maxLength: 20 }), (list, parts) => {
        const body = parts.join("");
        const lower = new Set(list.map((w) => w.toLowerCase()));
        const expected = tokens(body).some((t) => lower.has(t.toLowerCase()));
        expect(findListedWord(body, list) !== null).toBe(expected);
      }),
    );
  });

  test("special characters in entries are taken literally; phrases match across any whitespace", () => {
    expect(findListedWord("a.b", ["a*b"])).toBeNull();
    expect(findListedWord("use c++ here", ["c++"])).toBe("c++");
    expect(findListedWord("see (x) here", ["(x)"])).toBe("(x)");
    expect(findListedWord("you   ABSOLUTE\nfool", ["absolute fool"])).toBe("ABSOLUTE\nfool");
    expect(findListedWord("anything", [])).toBeNull();
    // NFC: a decomposed é in the comment matches a composed one in the list.
    expect(findListedWord("cafe\u0301", ["café"])).not.toBeNull();
    expect(normalizeWord("  two \t words ")).toBe("two words");
  });

  test("the schema bounds the list and cleans it", () => {
    expect(wordListSchema.parse("one\n\nTwo\n two \n")).toEqual(["one", "Two"]);
    expect(wordListSchema.safeParse(Array.from({ length: 201 }, (_, i) => `w${i}`)).success).toBe(false);
    expect(wordListSchema.safeParse(["x".repeat(65)]).success).toBe(false);
    expect(wordListSchema.safeParse("x".repeat(1_000_000)).success).toBe(false);
    expect(wordListSchema.safeParse([1, 2]).success).toBe(false);
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 80 }), { maxLength: 250 }), (input) => {
        const r = wordListSchema.safeParse(input);
        if (r.success) {
          expect(r.data.length).toBeLessThanOrEqual(200);
          for (const w of r.data) expect(w.length).toBeLessThanOrEqual(64);
        }
      }),
    );
  });
});
