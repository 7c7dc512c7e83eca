/** Each repair on documents the seeds never showed: the rules are general, not tuned to the seeds. */
import { describe, expect, it } from "vitest";
import { textWithMarkers } from "@/lib/import/types";
import { importDocument } from "@/lib/import/index";
import { importText, paragraphs, startsMidSentence, texts, loadImporterOnce } from "./helpers/seeds";

loadImporterOnce();

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

describe("block quotes", () => {
  const INTRO = "The minister was not a man of many words, and the committee knew it. When he spoke, he said, for instance:";
  const QUOTE = "We shall build the harbour, and we shall build it this year, whatever the merchants may say about the dues.";
  const AFTER = "The committee took him at his word, which was a mistake, as the next three years would show at length.";

  it("a paragraph after a colon that introduces speech or writing is a quote; the words stay, the change is reported", async () => {
    const r = await importText([INTRO, QUOTE, AFTER].join("\n\n"));
    expect(r.blocks.map((b) => b.kind)).toEqual(["paragraph", "quote", "paragraph"]);
    expect(r.blocks[1]!.text).toBe(QUOTE);
    expect(r.report.find((e) => e.rule === "mark-quote")).toMatchObject({ block: 1, before: QUOTE, after: `quote: ${QUOTE}` });
  });

  it("so is a paragraph in quotation marks after a colon, and an indented block of lines", async () => {
    const r = await importText(
      [`${AFTER} The secretary wrote it down:`, `“${QUOTE}”`, AFTER, "", `${LONG} The chairman read out the resolution, which ran`, "to a single sentence:", "", "    Resolved, that the harbour be built this year", "    and that the dues be raised to pay for it.", "", AFTER].join("\n\n"),
    );
    expect(r.blocks.map((b) => b.kind)).toEqual(["paragraph", "quote", "paragraph", "paragraph", "quote", "paragraph"]);
  });

  it("an enumeration or an explanation after a colon stays the author's paragraph", async () => {
    const r = await importText(
      [
        "The specific points of the resolution can be summed up as follows:",
        "First, the harbour would be dredged, at the board's own cost, before the winter storms began in earnest.",
        "The reason was simple enough, and everyone on the board could see it:",
        "Without dredging the larger ships would not come, and without them the dues would never pay for anything.",
      ].join("\n\n"),
    );
    expect(r.blocks.map((b) => b.kind)).toEqual(["paragraph", "paragraph", "paragraph", "paragraph"]);
  });
});

describe("OCR debris", () => {
  it("takes out bars, braces and stray guillemets between words, one report entry each; a table row keeps its bars", async () => {
    const r = await importText(
      [`${LONG} Such attempts at | "tricking history" failed, and the board, striving to {restrict the dues, gave way in the 1930's» the years of plenty.`, "", "The Mary Ellen of Bristol | 240 tons register | dues of four pounds paid in full"].join("\n"),
    );
    expect(texts(r)[0]).toContain('Such attempts at "tricking history" failed, and the board, striving to restrict the dues, gave way in the 1930\'s the years of plenty.');
    expect(r.report.filter((e) => e.rule === "clean-ocr-debris")).toHaveLength(3);
    expect(texts(r)).toContain("The Mary Ellen of Bristol | 240 tons register | dues of four pounds paid in full");
  });

  it("leaves guillemets that quote and braces that close", async () => {
    const r = await importText(`${LONG} He called it «la grande politique» and wrote {sic} in the margin.`);
    expect(texts(r)[0]).toContain("«la grande politique» and wrote {sic} in the margin.");
    expect(r.report.some((e) => e.rule === "clean-ocr-debris")).toBe(false);
  });
});

describe("a note OCR misread", () => {
  it("a stray 'l' closing a paragraph and a note glued to a quote mark become note 1 when 2 and 3 are found", async () => {
    const r = await importText(
      [
        `${LONG} The council met in secret that winter.l`,
        "",
        `${LONG} Its clerk kept two sets of minutes, one for the council and one for himself.[2]`,
        "",
        "'The minutes of that meeting were lost in the fire of 1904, with most of the clerk's papers.",
        "",
        `${LONG} Only the second set survived, in a tin box in his daughter's attic.[3]`,
        "",
        "Notes",
        "",
        "[2] Both are described in the council's own history of 1911.",
        "",
        "[3] The box was given to the county archive in 1962.",
      ].join("\n"),
    );
    expect(r.notes.map((n) => [n.label, n.text])).toEqual([
      ["1", "The minutes of that meeting were lost in the fire of 1904, with most of the clerk's papers."],
      ["2", "Both are described in the council's own history of 1911."],
      ["3", "The box was given to the county archive in 1962."],
    ]);
    expect(texts(r)[0]).toMatch(/met in secret that winter\.\[1\]$/);
    expect(r.report.filter((e) => e.rule === "recover-note-marker")).toHaveLength(1);
  });

  it("without a sequence to complete, a paragraph starting with a quote mark stays a paragraph", async () => {
    const r = await importText([`${LONG} The council met in secret that winter. I`, "", "'The minutes were lost,' the clerk wrote, 'and I am glad of it.'"].join("\n"));
    expect(r.notes).toEqual([]);
    expect(texts(r)[1]).toMatch(/^'The minutes were lost/);
  });
});

describe("heading levels", () => {
  const P = (n: number) => `${LONG} Paragraph ${n} of the essay carries on with its argument at some length.`;
  const md = (...lines: string[]) => importDocument(new TextEncoder().encode(["# The Harbour Town", P(0), ...lines].join("\n\n")), "essay.md");

  it("heads of one rank set at jumping levels get the level of the heads around them", async () => {
    const r = await md("# Beginnings", P(1), "#### The harbour", P(2), "# Growth", P(3), "## The board", P(4), "# Decline", P(5));
    expect(r.blocks.filter((b) => b.kind === "heading").map((b) => [b.text, b.level])).toEqual([
      ["Beginnings", 2], ["The harbour", 2], ["Growth", 2], ["The board", 2], ["Decline", 2],
    ]);
    expect(r.report.filter((e) => e.rule === "normalize-heading-level")).toHaveLength(2);
  });

  it("a real hierarchy keeps its levels: parts with several chapters, a chapter right under its part", async () => {
    const r = await md("## Part One", "### The harbour", P(1), "### The board", P(2), "## Part Two", "### The town", P(3));
    expect(r.blocks.filter((b) => b.kind === "heading").map((b) => b.level)).toEqual([2, 3, 3, 2, 3]);
    expect(r.report.some((e) => e.rule === "normalize-heading-level")).toBe(false);
  });
});
