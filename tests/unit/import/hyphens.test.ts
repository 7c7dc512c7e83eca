/**
 * Hyphens at line ends: a compound broken at its own hyphen keeps it ("over-" / "hastily"), a word the
 * typesetter hyphenated is joined ("hy-" / "phenation"), decided from the document's vocabulary and a
 * word list — checked on hard-wrapped texts whose every compound falls at a line end.
 */
import { describe, expect, it } from "vitest";
import { importSeed, importText, paragraphs, texts, loadImporterOnce } from "./helpers/seeds";
import { wrapBreakingCompounds } from "./helpers/wrap";

loadImporterOnce();

const LONG = "It was a long afternoon in the archive, and the letters were in no particular order at all.";

describe("line-end hyphens", () => {
  it("keeps the hyphen of compounds broken at it, joins words broken by the typesetter, and reports only the joins", async () => {
    const r = await importText(
      [
        `${LONG} The conclusion was not drawn over-`,
        "hastily; it was a down-",
        "to-earth account of the hy-",
        "phenation rules, written with self-",
        "confidence in an anti-",
        "Stalinist spirit by a well-",
        "informed clerk of the cli-",
        "mes he knew.",
      ].join("\n"),
    );
    expect(paragraphs(r)[0]).toBe(
      `${LONG} The conclusion was not drawn over-hastily; it was a down-to-earth account of the hyphenation rules, written with self-confidence in an anti-Stalinist spirit by a well-informed clerk of the climes he knew.`,
    );
    expect(r.report.filter((e) => e.rule === "join-hyphenated-word").map((e) => [e.before, e.after])).toEqual([
      ["hy-phenation", "hyphenation"],
      ["cli-mes", "climes"],
    ]);
  });

  it("follows the document's own spelling over the word list", async () => {
    // "co-operation" is written with its hyphen in mid-line, so the line-end break keeps it;
    // "overcoming" is written solid, so "over-" / "coming" is joined
    const r = await importText(
      [
        `${LONG} Their co-operation was slow, and overcoming it took time.`,
        "",
        `${LONG} Nobody doubted that co-`,
        "operation would come, or that over-",
        "coming the delay was worth it.",
      ].join("\n"),
    );
    expect(paragraphs(r)[1]).toContain("Nobody doubted that co-operation would come, or that overcoming the delay was worth it.");
  });

  it("undone, a join keeps the hyphen where the line broke", async () => {
    const text = `${LONG} The rules of hy-\nphenation are old.`;
    const base = await importText(text);
    const join = base.report.find((e) => e.rule === "join-hyphenated-word")!;
    expect(join.id).toBeTruthy();
    const { importDocument } = await import("@/lib/import/index");
    const undone = await importDocument(new TextEncoder().encode(text), "reading.txt", { skip: [join.id!] });
    expect(paragraphs(undone)[0]).toContain("The rules of hy-phenation are old.");
  });

  // every seed, hard-wrapped at several widths with each compound that reaches the margin broken at
  // its hyphen: the paragraphs come back word for word — except where the document itself spells the
  // word both ways ("co-ordination" and "coordination" in 004, "counter-revolution" and
  // "counterrevolution" in 002), when no evidence can tell which one stood at the line end
  it.each(["000", "001", "002", "003", "004"])("seed %s re-wrapped with compounds broken at line ends reads as the seed", async (id) => {
    const seed = await importSeed(id);
    const all = texts(seed).join(" ").toLowerCase();
    // the document writes this compound (or one of its family: "counter-revolution" for
    // "counter-revolutionary") both with and without its hyphen
    const spelledBothWays = (hyphenated: string, solid: string) => {
      const [l, r] = hyphenated.toLowerCase().split("-") as [string, string];
      const stem = r.slice(0, 6);
      return hyphenated.replace(/-/g, "").toLowerCase() === solid.toLowerCase() && all.includes(`${l}-${stem}`) && new RegExp(`\\b${l}${stem}`).test(all);
    };
    for (const width of [38, 57, 72]) {
      const body = seed.blocks.map((b) => (b.kind === "heading" ? b.text : wrapBreakingCompounds(texts({ ...seed, blocks: [b] })[0]!, width).join("\n"))).join("\n\n");
      const got = paragraphs(await importText(body));
      expect(got.length, `width ${width}`).toBe(paragraphs(seed).length);
      paragraphs(seed).forEach((want, i) => {
        const a = want.split(" "), b = got[i]!.split(" ");
        expect(b.length, `width ${width}: ${want.slice(0, 60)}`).toBe(a.length);
        a.forEach((w, k) => {
          if (w !== b[k]) expect(spelledBothWays(w.replace(/[^\p{L}-]/gu, ""), b[k]!.replace(/[^\p{L}]/gu, "")), `width ${width}: "${w}" became "${b[k]}"`).toBe(true);
        });
      });
    }
  });
});
