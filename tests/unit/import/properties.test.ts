/** Property tests: unwrapping restores paragraphs; importing never loses the author's words. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Report } from "@/lib/import/raw";
import { parseText } from "@/lib/import/parse/text";
import { importDocument } from "@/lib/import/index";
import { wrapLine } from "./helpers/variants";
import { loadImporterOnce } from "./helpers/seeds";

loadImporterOnce();

const word = fc.stringMatching(/^[a-z]{1,12}$/);
const capital = word.map((w) => w[0]!.toUpperCase() + w.slice(1));
const sentence = fc
  .tuple(capital, fc.array(word, { minLength: 4, maxLength: 18 }), fc.constantFrom(".", "?", "!"))
  .map(([first, rest, end]) => `${first} ${rest.join(" ")}${end}`);
const paragraph = fc.array(sentence, { minLength: 2, maxLength: 6 }).map((s) => s.join(" "));
const doc = fc.array(paragraph, { minLength: 2, maxLength: 8 });
const longDoc = fc.array(paragraph, { minLength: 6, maxLength: 12 });

function words(s: string): string[] {
  return s.toLowerCase().match(/[a-z]+/g) ?? [];
}

describe("properties", () => {
  it("unwrap(wrap(text)) gives back the paragraphs, at any width", () => {
    fc.assert(
      fc.property(doc, fc.integer({ min: 40, max: 100 }), (paras, width) => {
        const wrapped = paras.map((p) => wrapLine(p, width).join("\n")).join("\n\n");
        const blocks = parseText(wrapped, new Report()).blocks.map((b) => b.text);
        expect(blocks).toEqual(paras);
      }),
      { numRuns: 150 },
    );
  });

  it("import keeps every word of the paragraphs, in order, through page furniture", async () => {
    await fc.assert(
      fc.asyncProperty(longDoc, fc.integer({ min: 50, max: 90 }), fc.integer({ min: 4, max: 10 }), async (paras, width, pageLines) => {
        const lines: string[] = [];
        let n = 0;
        let page = 1;
        for (const p of paras) {
          for (const l of wrapLine(p, width)) {
            lines.push(l);
            if (++n % pageLines === 0) lines.push("", `RUNNING HEAD OF THE BOOK ${++page}`, "", String(page), "");
          }
          lines.push("");
        }
        fc.pre(page >= 3); // a running header is only recognisable once it has repeated
        const r = await importDocument(new TextEncoder().encode(lines.join("\n")), "book.txt");
        const got = r.blocks.flatMap((b) => words(b.text));
        const title = words(r.title ?? "");
        expect([...title, ...got]).toEqual(paras.flatMap(words));
        for (const b of r.blocks) expect(b.text).not.toMatch(/RUNNING HEAD|^\d+$/);
      }),
      { numRuns: 60 },
    );
  });

  it("never throws on arbitrary text, and every note marker points inside its block", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 2000 }), async (s) => {
        if (!s.trim()) return;
        try {
          const r = await importDocument(new TextEncoder().encode(s), "any.txt");
          for (const b of r.blocks) for (const ref of b.noteRefs ?? []) expect(ref.offset).toBeLessThanOrEqual(b.text.length);
        } catch (e) {
          expect((e as Error).name).toBe("ImportError");
        }
      }),
      { numRuns: 200 },
    );
  });
});
