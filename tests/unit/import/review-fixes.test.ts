/**
 * Defects a code review found in the importer, each with the smallest reproduction.
 */
import { describe, expect, it } from "vitest";
import { importDocument } from "@/lib/import/index";
import { importText, texts, loadImporterOnce } from "./helpers/seeds";

loadImporterOnce();

const html = (s: string, name = "page.html") => importDocument(new TextEncoder().encode(s), name);
const LONG = "The customs house burned in the last year of the decade, and with it most of the ledgers. ";
const P1 = "Trade between the two ports grew steadily through the decade, although the records are incomplete.";

describe("HTML: malformed percent-encoding in in-page links", () => {
  it('href="#%" and a truncated escape do not throw; the text is kept', async () => {
    const r = await html(`<main><h1>Two Ports</h1><p>${P1}<sup><a href="#%">1</a></sup> and more.</p>
      <p>${P1}<sup><a href="#%E0%A4%A">2</a></sup> and <a href="#%E0%A4%A">[3]</a></p><p id="x">Not a note at all.</p></main>`);
    expect(texts(r).join("\n")).toContain("Trade between the two ports");
  });
});

describe("HTML: in-page links that are not note references keep their targets in the body", () => {
  it("a figure reference pointing at a section", async () => {
    const r = await html(`<main><p>${P1} See figure <a class="fig-ref" href="#f1">1</a>.</p>
      <section id="f1"><h2>Figure 1</h2><p>${LONG}</p><p>${P1}</p></section></main>`);
    expect(r.notes).toEqual([]);
    const all = texts(r).join("\n");
    expect(all).toContain("Figure 1");
    expect(all).toContain("The customs house burned");
  });

  it("a table-of-contents reference pointing at a chapter", async () => {
    const r = await html(`<main><p>Contents: <a class="toc-ref" href="#ch1">1</a></p>
      <div id="ch1"><h2>1. The Ports</h2><p>${LONG.repeat(3)}</p></div></main>`);
    expect(r.notes).toEqual([]);
    expect(texts(r).join("\n")).toContain("The Ports");
    expect(texts(r).join("\n")).toContain("The customs house burned");
  });

  it("a superscript link to a long numbered paragraph", async () => {
    const long = `1 ${LONG.repeat(40)}`; // > 2,500 characters
    const r = await html(`<main><section id="s1"><p id="p1">${long}</p></section>
      <p>${P1} As argued above<sup><a href="#p1">1</a></sup>, the ledgers were lost.</p></main>`);
    expect(r.notes).toEqual([]);
    expect(texts(r).join("\n")).toContain("The customs house burned");
  });

  it("a superscript link to an anchor inside a section heading", async () => {
    const r = await html(`<main><p>${P1}<sup><a href="#x">1</a></sup></p>
      <section><h2><span id="x">1 The fire</span></h2><p>${LONG}</p></section></main>`);
    expect(r.notes).toEqual([]);
    expect(texts(r).join("\n")).toContain("The fire");
  });

  it("real footnotes still become notes", async () => {
    const r = await html(`<main><p>${P1}<sup><a href="#fn1" id="r1">1</a></sup></p></main>
      <section class="footnotes" role="doc-endnotes"><ol><li id="fn1">Harbour board minutes, 1881. <a href="#r1">↩</a></li></ol></section>`);
    expect(r.notes).toEqual([{ label: "1", text: "Harbour board minutes, 1881." }]);
  });
});

describe("HTML: many footnotes", () => {
  it("999 notes import (one id lookup table per document)", async () => {
    const n = 999; // note labels run to three digits
    let body = "";
    let fns = "";
    for (let i = 1; i <= n; i++) {
      body += `<p>${P1} Paragraph ${i}.<sup><a href="#fn${i}" id="r${i}">${i}</a></sup></p>`;
      fns += `<li id="fn${i}">Note ${i}. <a href="#r${i}">↩</a></li>`;
    }
    const r = await html(`<main><h1>Two Ports</h1>${body}</main><div class="footnotes"><ol>${fns}</ol></div>`);
    expect(r.notes).toHaveLength(n);
    expect(r.notes.at(-1)).toEqual({ label: String(n), text: `Note ${n}.` });
  }, 60_000);
});

describe("plain text: numbered section headings after a contents list", () => {
  it("'1 Introduction', '2 Method' … are not running heads", async () => {
    const body = "The committee met in the spring and heard from every witness who asked to speak, at length.";
    const text = [
      "A Study of Harbours", "", "Contents", "", "Introduction", "", "Method", "", "Results", "", "Discussion", "",
      "1 Introduction", "", body, "", "2 Method", "", body, "", "3 Results", "", body, "", "4 Discussion", "", body,
    ].join("\n");
    const r = await importText(text);
    const all = texts(r);
    for (const h of ["1 Introduction", "2 Method", "3 Results", "4 Discussion"]) expect(all.join("\n")).toContain(h);
    expect(r.report.some((e) => e.rule === "drop-running-header")).toBe(false);
  });
});

describe("plain text: one very long line", () => {
  it("a 1 MB single line imports and keeps its words", async () => {
    const r = await importText("word ".repeat(200_000));
    const all = texts(r).join(" ");
    expect(all.split(/\s+/).filter((w) => w === "word")).toHaveLength(200_000);
  }, 60_000);
});
