/** Each repair on documents the seeds never showed: the rules are general, not tuned to the seeds. */
import { describe, expect, it } from "vitest";
import { textWithMarkers } from "@/lib/import/types";
import { importDocument } from "@/lib/import/index";
import { importText, paragraphs, startsMidSentence, texts } from "./helpers/seeds";

const LONG = "It was a long afternoon in the archive, and the letters were in no particular order at all.";

describe("page breaks", () => {
  it("joins a paragraph split by a page break, across a running header, a page number and a footnote", async () => {
    const page = (n: number) => `THE QUARTERLY REVIEW OF BOOKS\n\n${n}\n\n`;
    const text = [
      "The Lighthouse Keepers",
      "",
      `${LONG} The keepers wrote to one another about the weather, the lamps, the`,
      "",
      page(12),
      "1 The lamps were paraffin until 1921.",
      "",
      "supply boats and the long winters, and about very little else.¹ Their letters survive.",
      "",
      page(13),
      `${LONG} Nobody asked them about the war; they wrote about it anyway, in between`,
      "",
      page(14),
      "Accounts of storms. Each page carried a date.",
      "",
      page(15),
      `${LONG} The last letter is dated 1950.`,
    ].join("\n");
    const r = await importText(text.replace("paraffin", "paraffin").replace("1 The lamps", "¹ The lamps"));
    expect(r.title).toBe("The Lighthouse Keepers");
    const ps = paragraphs(r);
    expect(ps).toHaveLength(3);
    expect(ps[0]).toContain("about the weather, the lamps, the supply boats and the long winters, and about very little else.[1] Their letters survive.");
    expect(ps[1]).toContain("they wrote about it anyway, in between Accounts of storms.");
    expect(r.notes).toEqual([{ label: "1", text: "The lamps were paraffin until 1921." }]);
    for (const p of ps) expect(p).not.toMatch(/QUARTERLY|^\d+$/);
    expect(r.report.map((e) => e.rule)).toEqual(expect.arrayContaining(["drop-running-header", "drop-page-number", "join-page-break", "move-note"]));
  });

  it("undoes end-of-line hyphenation but keeps real compounds", async () => {
    const r = await importText(`${LONG} This is an exam-\n\nple of a hyphen-\nated word and a self-\nconfident writer.`);
    expect(paragraphs(r)[0]).toContain("This is an example of a hyphenated word and a self-confident writer.");
  });

  it("never starts a paragraph mid-sentence after a page break (lowercase continuation)", async () => {
    const r = await importText(`${LONG} and so the story\n\n17\n\ncontinues on the next page without a capital letter.`);
    expect(paragraphs(r)).toHaveLength(1);
    for (const p of paragraphs(r)) expect(startsMidSentence(p)).toBe(false);
  });

  it("does not join finished paragraphs", async () => {
    const r = await importText(`${LONG}\n\n${LONG}\n\nA third one, short.`);
    expect(paragraphs(r)).toHaveLength(3);
  });
});

describe("furniture, codes and boilerplate", () => {
  it("drops classification banners and declassification codes, keeps redaction blanks", async () => {
    const text = `CONFIDENTIAL\n\n50X1-HUM\n\n${LONG} The report was delivered by _______ in March. 25X1\n\nCONFIDENTIAL\n\n${LONG}`;
    const r = await importText(text);
    const ps = paragraphs(r);
    expect(ps).toHaveLength(2);
    expect(ps[0]).toMatch(/delivered by _______ in March\.$/);
    expect(texts(r).join(" ")).not.toMatch(/CONFIDENTIAL|50X1|25X1/);
  });

  it("drops a paywall pitch and its bullets; takes the publication as the source", async () => {
    const text = `${LONG}\n\n${LONG}\n\nSign in to continue reading.\n\nSubscribe to The Weekly Thinker for unlimited access.\n\n• Unlimited articles\n• Podcasts and newsletters\n\nSubscribe now`;
    const r = await importText(text);
    expect(paragraphs(r)).toEqual([LONG, LONG]);
    expect(r.source).toBe("The Weekly Thinker");
  });

  it("keeps prose that merely mentions subscribing", async () => {
    const p = "Many readers subscribe to the theory that the thaw began in 1953, but the evidence, as we shall see, points to a later date.";
    expect(paragraphs(await importText(`${LONG}\n\n${p}\n\n${LONG}`))).toEqual([LONG, p, LONG]);
  });

  it("moves transcription credits and navigation out of the body", async () => {
    const text = `Jane Roe 1931\n\nOn Bridges\n\nSource: The Civil Engineer, 3 March 1931.\nTranscribed by John Doe for the Engineering Archive.\n\n${LONG}\n\nHome | Contents | Next chapter`;
    const r = await importText(text);
    expect(r).toMatchObject({ title: "On Bridges", author: "Jane Roe", source: "The Civil Engineer", date: "3 March 1931" });
    expect(texts(r)).toEqual([LONG]);
  });

  it("decodes entities and strips stray markup, escaped Markdown included", async () => {
    const r = await importText(`${LONG} The rate rose to 5&nbsp;per&nbsp;cent &amp; more <span>in 1931</span>; see \\_this\\_ note.`);
    expect(paragraphs(r)[0]).toContain("The rate rose to 5 per cent & more in 1931; see _this_ note.");
  });
});

describe("footnote markers of every kind", () => {
  it("[1] with notes at the end under a Notes heading", async () => {
    const r = await importText(`${LONG} First claim.[1] Second claim.[2]\n\nNotes\n\n1. See the first source.\n\n2. See the second source.`);
    expect(r.notes).toEqual([{ label: "1", text: "See the first source." }, { label: "2", text: "See the second source." }]);
    const b = r.blocks[0]!;
    expect(b.text).not.toContain("[1]");
    expect(textWithMarkers(b)).toContain("First claim.[1] Second claim.[2]");
  });

  it("Markdown [^n] footnotes", async () => {
    const r = await importText(`# Title Here\n\n${LONG} A claim.[^a]\n\n[^a]: The note text.\n`, "x.md");
    expect(r.notes).toEqual([{ label: "a", text: "The note text." }]);
    expect(r.blocks[0]!.noteRefs).toEqual([{ label: "a", offset: r.blocks[0]!.text.length }]);
  });

  it("HTML <sup> markers and a footnote list with back-links", async () => {
    const html = `<html><body><article><p>${LONG} A claim.<sup><a href="#fn1" id="r1">1</a></sup></p>
      <ol class="footnotes"><li id="fn1">The note. <a href="#r1">↩</a></li></ol></article></body></html>`;
    const r = await importDocument(new TextEncoder().encode(html), "page.html");
    expect(r.notes).toEqual([{ label: "1", text: "The note." }]);
    expect(textWithMarkers(r.blocks[0]!)).toMatch(/A claim\.\[1\]$/);
  });

  it("asterisk notes: two '*' notes are told apart by position; orphan asterisks go", async () => {
    const text = `${LONG} The first claim* stands.\n\n* First star note.\n\n${LONG} An orphan* here and a second claim* there.\n\n* Second star note.`;
    const r = await importText(text);
    expect(r.notes.map((n) => n.text)).toEqual(["First star note.", "Second star note."]);
    const all = texts(r).join("\n");
    expect(all).toContain("The first claim[*] stands.");
    expect(all).toContain("An orphan[**] here and a second claim[**] there.");
  });

  it("^n carets", async () => {
    const r = await importText(`${LONG} A claim.^3\n\n^3 The caret note.`);
    expect(r.notes).toEqual([{ label: "3", text: "The caret note." }]);
  });
});

describe("HTML pages with chrome", () => {
  it("keeps the article, drops navigation, header, footer, share bars", async () => {
    const html = `<!doctype html><html><head><title>Site | On Bridges</title><meta name="author" content="Jane Roe"></head><body>
      <header class="site-header"><a href="/">Home</a> <a href="/a">About</a> <a href="/s">Subscribe</a></header>
      <nav><ul><li><a href="/1">Politics</a></li><li><a href="/2">Culture</a></li></ul></nav>
      <main><h1>On Bridges</h1><p class="byline">By Jane Roe</p>
        <p>${LONG}</p><div class="share-tools"><a href="#">Share on Facebook</a><a href="#">Tweet</a></div>
        <p>${LONG} The second paragraph ends here.</p></main>
      <aside class="related"><h3>Related</h3><ul><li><a href="/x">Other story</a></li></ul></aside>
      <footer><p>© 2024 The Site. All rights reserved.</p></footer></body></html>`;
    const r = await importDocument(new TextEncoder().encode(html), "page.html");
    expect(r.title).toBe("On Bridges");
    expect(r.author).toBe("Jane Roe");
    expect(texts(r)).toEqual([LONG, `${LONG} The second paragraph ends here.`]);
  });

  it("reads legacy HTML: <font>, <br><br> paragraphs, a link table", async () => {
    const html = `<html><body><table><tr><td><a href="a.htm">Index</a></td><td><a href="b.htm">Next</a></td></tr></table>
      <font face="Arial">${LONG}<br><br>${LONG} Two.<br>Still two.</font></body></html>`;
    const r = await importDocument(new TextEncoder().encode(html), "old.htm");
    expect(texts(r)).toEqual([LONG, `${LONG} Two. Still two.`]);
  });
});

describe("structure", () => {
  it("numbered paragraphs keep their numbers; short bullets stay list items", async () => {
    const text = `1. ${LONG} More words follow here to make it a paragraph of substance.\n\n2. ${LONG} And a second numbered paragraph with enough words in it.\n\nThings to bring:\n\n- a pen\n- paper`;
    const r = await importText(text);
    expect(r.blocks.map((b) => [b.kind, b.text.slice(0, 3)])).toEqual([
      ["paragraph", "1. "], ["paragraph", "2. "], ["paragraph", "Thi"], ["list", "a p"], ["list", "pap"],
    ]);
  });

  it("plain-text headings are recognised between paragraphs", async () => {
    const r = await importText(`${LONG}\n\nThe Second Part\n\n${LONG}`);
    expect(r.blocks.map((b) => b.kind)).toEqual(["paragraph", "heading", "paragraph"]);
  });

  it("detects Markdown inside a .txt upload", async () => {
    const r = await importText(`## A heading\n\n${LONG} With *emphasis* and **strength**.\n\n## Another\n\n${LONG}`);
    expect(r.format).toBe("markdown");
    expect(r.title).toBe("A heading"); // a leading heading is the title
    const b = r.blocks.find((x) => x.text.includes("With emphasis"))!;
    expect(b.text).toContain("With emphasis and strength.");
    expect(b.marks?.map((m) => [m.kind, b.text.slice(m.start, m.end)])).toEqual([["em", "emphasis"], ["strong", "strength"]]);
  });
});
