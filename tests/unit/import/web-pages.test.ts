/**
 * Saved web pages, one trait at a time (small pages written for the test; the real pages are in
 * web-corpus.test.ts): what is article and what is page around it.
 */
import { describe, expect, it } from "vitest";
import { importDocument } from "@/lib/import/index";
import type { ImportedReading } from "@/lib/import/types";

const html = (s: string) => new TextEncoder().encode(s);
const read = (s: string): Promise<ImportedReading> => importDocument(html(s), "page.html");
const texts = (r: ImportedReading) => r.blocks.map((b) => b.text);

const P1 = "The council voted on Tuesday to close the harbour road for the winter, after the second storm in a month washed out its lower half.";
const P2 = "Engineers said the repairs would take until March, and that the ferry would run an extra crossing each morning in the meantime.";
const P3 = "Residents of the point, who depend on the road to reach the town, asked for a bus to meet the ferry; the council agreed to consider it.";

describe("saved web pages: navigation and link lists", () => {
  it("drops a navigation table above the text of a <font>-era page and keeps the author line for the metadata", async () => {
    const r = await read(`<html><head><title>Harbour</title></head><body>
      <table><tr><td><font size="-1"><a href="/">Home</a></font></td><td><a href="/archive">Archive</a></td><td><a href="prev.htm">Previous</a></td><td><a href="next.htm">Next</a></td></tr></table>
      <center><font size="+1"><b>Margaret Holloway</b></font></center>
      <h1>The Harbour Road</h1><p><font>${P1}</font></p><p><font>${P2}</font></p><p><font>${P3}</font></p></body></html>`);
    expect(texts(r)).toEqual([P1, P2, P3]);
    expect(r).toMatchObject({ title: "The Harbour Road", author: "Margaret Holloway" });
    expect(r.report.some((e) => e.rule === "drop-navigation" && /Home Archive Previous Next/.test(e.before))).toBe(true);
  });

  it("keeps a list of links that a heading of the article introduces", async () => {
    const r = await read(`<html><body><div id="Main"><div class="article"><h1>About This Site</h1>
      <p>This site is written by one person.</p>
      <h2>Tools</h2><ul><li><a href="https://a.example/">BBEdit</a></li><li><a href="https://b.example/">Acorn</a></li><li><a href="https://c.example/">Transmit</a></li></ul>
      <p>${P1}</p><p>${P2}</p></div></div></body></html>`);
    expect(texts(r)).toEqual(expect.arrayContaining(["BBEdit", "Acorn", "Transmit", P1, P2]));
  });
});

describe("saved web pages: the article's container", () => {
  it("does not take readers' comments for the article when they outweigh it", async () => {
    const comment = (i: number) => `<li class="reply"><p>Comment ${i}: what a lovely walk, we went there last autumn and the maples were just as red as in your pictures, thank you for the detailed directions.</p></li>`;
    const r = await read(`<html><body><div class="article-content"><h1>Maple Camp</h1><p>${P1}</p><p>${P2}</p></div>
      <div id="comment-box"><h3>Comments</h3><ul>${Array.from({ length: 12 }, (_, i) => comment(i + 1)).join("")}</ul></div></body></html>`);
    expect(texts(r)).toEqual([P1, P2]);
  });

  it("reads the story inside a layout wrapper whose name mentions a rail", async () => {
    const r = await read(`<html><body><div class="lm-grid lm-grid--with-right-rail"><div class="story"><h1>The Harbour Road</h1><p>${P1}</p><p>${P2}</p><p>${P3}</p></div>
      <div class="right-rail"><ul><li><a href="/x">Most read: a different story</a></li></ul></div></div></body></html>`);
    expect(texts(r)).toEqual([P1, P2, P3]);
  });
});

describe("saved web pages: short articles", () => {
  it("reads a one-paragraph post with the short lines and headings around its paragraph", async () => {
    const r = await read(`<html><body><nav><a href="/">Home</a> <a href="/deals">Deals</a></nav><div class="post"><h1>Weekend Deals</h1><p>${P1}</p>
      <h2>Books</h2><p><a href="https://shop.example/a">A field guide to maples</a>, half price</p><p><a href="https://shop.example/b">The harbour atlas</a>, $12</p>
      <h2>Outdoors</h2><p><a href="https://shop.example/c">A camping stove</a>, $30 off</p></div></body></html>`);
    expect(texts(r)).toEqual([P1, "Books", "A field guide to maples, half price", "The harbour atlas, $12", "Outdoors", "A camping stove, $30 off"]);
  });
});

describe("saved web pages: malformed documents are read as a browser shows them", () => {
  it("keeps the page when text stands before <html> (a server warning printed ahead of it)", async () => {
    const r = await read(`<br />\n<b>Warning</b>:  Undefined variable $layout in <b>/srv/www/page.php</b> on line <b>3</b><br />\n<!DOCTYPE html><html><head><title>The Harbour Road</title></head><body><article><h1>The Harbour Road</h1><p>${P1}</p><p>${P2}</p></article></body></html>`);
    expect(texts(r)).toEqual(expect.arrayContaining([P1, P2]));
  });

  it("keeps the page when markup stands between <html> and <head>", async () => {
    const r = await read(`<html><div>Site banner</div><head><title>The Harbour Road</title></head><body><article><h1>The Harbour Road</h1><p>${P1}</p><p>${P2}</p></article></body></html>`);
    expect(texts(r)).toEqual([P1, P2]);
    expect(r.title).toBe("The Harbour Road");
  });
});

describe("saved web pages in scripts without spaces or Latin letters", () => {
  it("keeps Japanese paragraphs (not taken for repeats of the title)", async () => {
    const a = "寒気の影響で、新竹県の山間部では今週、紅葉が一気に見頃を迎えた。";
    const b = "地元の観光協会によると、週末には例年の倍の観光客が訪れる見込みだという。";
    const r = await read(`<html><head><meta property="og:title" content="山の紅葉が見頃に"><title>山の紅葉が見頃に</title></head><body><article><h1>山の紅葉が見頃に</h1><p>${a}</p><p>${b}</p></article></body></html>`);
    expect(r.title).toBe("山の紅葉が見頃に");
    expect(texts(r)).toEqual([a, b]);
  });

  it("keeps Arabic paragraphs", async () => {
    const a = "قال المجلس البلدي يوم الثلاثاء إن طريق الميناء سيغلق طوال فصل الشتاء بعد العاصفة الثانية خلال شهر واحد.";
    const b = "وأضاف المهندسون أن أعمال الإصلاح ستستمر حتى شهر مارس، وأن العبّارة ستقوم برحلة إضافية كل صباح في هذه الأثناء.";
    const r = await read(`<html lang="ar"><head><title>إغلاق طريق الميناء</title></head><body><article><h1>إغلاق طريق الميناء</h1><p>${a}</p><p>${b}</p></article></body></html>`);
    expect(r.title).toBe("إغلاق طريق الميناء");
    expect(texts(r)).toEqual([a, b]);
  });
});

describe("saved web pages: plain text in <pre>", () => {
  it("reports the page furniture the plain-text reading of a <pre> removes", async () => {
    const page = (text: string, n: number) => `${text}\n\n                                  - ${n + 1} -\n\f`;
    const r = await read(`<html><body><h1>The Harbour Road</h1><pre>${[P1, P2, P3].map(page).join("")}</pre></body></html>`);
    expect(texts(r)).toEqual([P1, P2, P3]);
    expect(texts(r).filter((t) => /- \d -/.test(t))).toEqual([]);
    expect(r.report.filter((e) => e.rule === "drop-page-number").map((e) => e.before)).toEqual(["- 1 -", "- 2 -", "- 3 -"]);
  });

  it("reads consecutive <pre class=\"newpage\"> pages as one paged text: running heads go, repeated example lines and headings stay", async () => {
    // an Internet-Draft as rfcmarkup prints it: one <pre> per page, a head and a foot on each, the contents on page 1
    const head = "Internet-Draft              harbour-road                   December 2014";
    const foot = (n: number) => `Holloway                                                        [Page ${n}]`;
    const example = "   HTTP/1.1 200 OK\n   Content-Type: application/json\n\n   {\"open\": false}";
    const sections = ["Introduction", "Closing the road", "The ferry", "Security considerations"];
    const contents = sections.map((t, i) => `   ${i + 1}. ${t}`.padEnd(66, ".") + (i + 1)).join("\n");
    const para = (p: string, i: number, k: number) => p.replace(/\.$/, `, as the ${["first", "second", "third", "fourth"][i]} report said on its ${["opening", "middle", "closing", "last"][k - 1]} page.`);
    const pages = sections.map((t, i) =>
      `${i ? head : "Harbour Road                                             M. Holloway\n\nTable of Contents\n\n" + contents}\n\n${i + 1}.  ${t}\n\n   ${para(P1, i, 1)}\n\n   ${para(P2, i, 2)}\n\n${example}\n\n   ${para(P3, i, 3)}\n\n   ${para(P2, i, 4)}\n\n${foot(i + 1)}\n`);
    const pre = pages.map((t, i) => `<pre${i ? " class='newpage'" : ""}>${t}</pre><!--NewPage-->`).join("\n");
    const r = await read(`<html><body>${pre}</body></html>`);
    const all = texts(r).join("\n");
    for (const [i, k, p] of [[0, 1, P1], [1, 2, P2], [2, 3, P3], [3, 4, P2]] as const) expect(all).toContain(para(p, i, k));
    expect(all.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(4);
    expect(all.match(/Content-Type: application\/json/g)).toHaveLength(4);
    for (const h of sections) expect(texts(r).some((t) => t.includes(h) && !/\.{4}/.test(t)), h).toBe(true);
    expect(all).not.toMatch(/\[Page \d\]|Internet-Draft +harbour-road|\.{4}/);
    const removed = r.report.filter((e) => e.rule === "drop-running-header").map((e) => e.before);
    expect(removed.filter((b) => /\[Page/.test(b))).toHaveLength(4);
    expect(removed.filter((b) => /Internet-Draft/.test(b))).toHaveLength(3);
    expect(removed.filter((b) => /HTTP|Content-Type|open|Introduction|Closing|ferry|Security/.test(b))).toEqual([]);
    expect(r.report.filter((e) => e.rule === "drop-contents")).toHaveLength(4);
  });

  it("reads a code block as it stands: its lines (<br>-separated too) and its highlighted comments stay", async () => {
    const r = await read(`<html><body><article><h1>Standalone Wasm</h1><p>${P1}</p>
      <pre><code><span class="token comment">// hello.cpp</span><br>#include &lt;stdio.h&gt;<br><br>int main() {<br>  printf("hello, world!");<br>}</code></pre>
      <pre><code>$ wasmer run hello.wasm
hello, world!
$ wasmtime hello.wasm
hello, world!
$ wavm run hello.wasm
hello, world!</code></pre><p>${P2}</p><p>${P3}</p></article></body></html>`);
    const all = texts(r).join("\n");
    expect(all).toContain("// hello.cpp");
    expect(all.match(/hello, world!/g)).toHaveLength(4);
    expect(all).toMatch(/#include <stdio\.h>\s+int main/);
    expect(r.report.filter((e) => /running-header|join/.test(e.rule))).toEqual([]);
  });
});

describe("saved web pages: words and captions at the article's edges", () => {
  it("keeps a site's keyword links inside a sentence", async () => {
    const r = await read(`<html><body><article class="article"><h1>Harbour</h1><p>With time and advances in <a href="/t/neuroscience" class="keywords">neuroscience</a>, ${P1}</p><p>${P2}</p><p>${P3}</p></article></body></html>`);
    expect(texts(r)[0]).toBe(`With time and advances in neuroscience, ${P1}`);
  });

  it("keeps the lead picture's caption written as a paragraph inside the figcaption", async () => {
    const r = await read(`<html><body><div class="page"><h1>The Harbour Road</h1>
      <figure class="hero-img"><img src="a.jpg"><figcaption class="hero-img__caption"><div class="hero-img__text"><p>The lower half of the harbour road after the second storm.</p></div><p class="hero-img__credits">Foto: Michael Rauhe</p></figcaption></figure>
      <div class="article-body"><p>${P1}</p><p>${P2}</p><p>${P3}</p></div></div></body></html>`);
    expect(texts(r)).toContain("The lower half of the harbour road after the second storm.");
  });

  it("joins numbered parts of the story that stand in wrappers of their own", async () => {
    const r = await read(`<html><body><article class="story"><h1>The Harbour Road</h1>
      <div class="story-body-supplemental"><div class="story-body story-body-1"><p>${P1}</p></div><aside class="related"><a href="/x">Related: the ferry timetable</a></aside></div>
      <div class="ad">Advertisement</div>
      <div class="story-body-supplemental"><div class="story-body story-body-2"><p>${P2}</p><p>${P3}</p><p>${P1.replace("Tuesday", "Wednesday")}</p></div></div>
      </article></body></html>`);
    expect(texts(r)).toEqual([P1, P2, P3, P1.replace("Tuesday", "Wednesday")]);
  });
});

describe("saved web pages: columns and boxes beside the article", () => {
  const live = (i: number) =>
    `<li class="live-item"><div class="live-item-title">${10 + i}:0${i} Brief ${i}.</div><div class="live-item-content"><p>A separate news item number ${i} about a different town, whose council met on Monday evening and discussed the budget for the coming year at length.</p></div></li>`;

  it("leaves out a live-news sidebar whose prose outweighs a short article the page names as its body", async () => {
    const r = await read(`<html><body><div class="main-content">
      <section id="news-article"><article><header class="banner-headline"><h1>The Harbour Road</h1>
      <figure><img src="a.jpg"><figcaption>The lower half of the harbour road after the storm.</figcaption></figure></header>
      <div class="article-body" id="article-body"><p>${P1}</p><p>${P2}</p></div></article></section>
      <aside class="mod" id="sidebar"><div class="live">Live</div><ul>${Array.from({ length: 8 }, (_, i) => live(i + 1)).join("")}</ul></aside>
      </div></body></html>`);
    expect(texts(r)).toEqual(["The lower half of the harbour road after the storm.", P1, P2]);
  });

  it("still reads a story inside a rail-named layout wrapper when a teaser elsewhere names its own body", async () => {
    const r = await read(`<html><body><div class="grid-with-right-rail"><div class="story"><h1>The Harbour Road</h1><p>${P1}</p><p>${P2}</p><p>${P3}</p></div>
      <div class="right-rail"><ul><li><a href="/x">Most read: a different story</a></li></ul></div></div>
      <div class="related-stories"><div class="post-content"><p>${P3.replace("point", "bay")}</p><a href="/y">Read the story about the bay</a></div></div></body></html>`);
    expect(texts(r)).toEqual([P1, P2, P3]);
  });

  it("leaves out a call-to-action box after the post whose line reads as prose", async () => {
    const r = await read(`<html><body><div class="overflow-container">
      <div class="container"><div class="wrapper"><div class="content"><div class="body"><h1>The Harbour Road</h1><p>${P1}</p><p>${P2}</p><p>${P3}</p></div></div></div></div>
      <div class="container"><div class="contact-cta-container"><h3>We want to hear from you</h3>Enjoyed reading this blog post or have questions or feedback? Share your thoughts by creating a new topic in the community forum. <a href="/forum">Share your feedback</a></div></div>
      <div class="container"><div class="get-started"><h4>Ready to get started?</h4><p>See what your team could do with a unified platform.</p><a href="/trial">Get free trial</a></div></div>
      </div></body></html>`);
    expect(texts(r)).toEqual([P1, P2, P3]);
  });

  it("keeps a story's closing line (\"The End\") that follows its last paragraph, and drops the link line after it", async () => {
    const r = await read(`<html><body><table><tr><td><h1>The Dog and the Bone</h1><p>${P1} ${P2}</p><p align="center">The End</p>
      <p align="center"><a href="javascript:history.back()">Back</a></p></td></tr></table></body></html>`);
    expect(texts(r)).toEqual([`${P1} ${P2}`, "The End"]);
  });

  it("still drops a news agency's credit line after the last paragraph", async () => {
    for (const credit of ["AFP", "(Reuters)", "— AP"]) {
      const r = await read(`<html><body><div class="story"><h1>The Harbour Road</h1><p>${P1}</p><p>${P2}</p><p>${credit}</p></div></body></html>`);
      expect(texts(r), credit).toEqual([P1, P2]);
    }
  });
});

describe("saved web pages: the article's text flow", () => {
  // the paragraphs stand in one element (the flow); the container holds boxes before and after it
  const more = [
    "The harbour master said the boats would keep to the outer moorings until the road reopened, since the lorries that bring fuel to the quay cannot reach it.",
    "A survey of the washed-out stretch found that the old sea wall had given way in two places, and that the culvert under the road was blocked with shingle.",
    "The council's engineer told the meeting that a new wall would cost more than the repairs, but would spare the road from the next winter's storms.",
    "Several residents spoke in favour of the new wall, while others asked whether the money might be better spent on the ferry and the bus.",
    "The council will publish the engineer's report next week and hold a public meeting on it in the village hall before the end of the month.",
  ];
  const page = `<html><body><div class="page"><h1>The Harbour Road</h1>
    <div class="node"><div class="content"><span class="submitted-by">Submitted on Mon, 2019-01-21 13:49</span>
    <div class="field field-name-body"><div class="field-items"><div class="field-item">
    <p>${P1}</p><p>${P2}</p><p>${P3}</p>${more.map((m) => `<p>${m}</p>`).join("")}
    <p><strong>Earlier</strong><br><a href="/a">The storm that closed the harbour road</a><br><a href="/b">The ferry adds a morning crossing</a></p>
    </div></div></div>
    <div class="field field-type-taxonomy-term-reference"><div class="field-items"><div class="field-item"><a href="/c/news">News</a></div></div></div>
    <div class="field field-type-taxonomy-term-reference"><div class="field-items"><div class="field-item"><a href="/c/roads">Roads</a></div></div></div>
    <div class="support-box"><button>✕</button><div class="support-text"><strong>Any amount</strong> keeps this paper free and independent for every reader in the region; please consider a gift today.</div></div>
    <div style="padding: 2em 0">Keep up with our reporting every day on Facebook and Twitter: search for the Harbour Gazette.</div>
    </div></div></div></body></html>`;

  it("leaves out the boxes after the flow (one with a button, a short one), the link line and the field rows before them", async () => {
    const r = await read(page);
    expect(texts(r)).toEqual([P1, P2, P3, ...more]);
  });

  it("takes a date line set apart before the flow for the metadata", async () => {
    const r = await read(page);
    expect(texts(r).join(" ")).not.toContain("Submitted");
    expect(r.date).toBe("21 January 2019");
  });

  it("keeps a paragraph after the flow, a box with a heading of its own, and a code block with a copy button", async () => {
    const r = await read(`<html><body><div class="story"><h1>The Harbour Road</h1><div class="text"><p>${P1}</p><p>${P2}</p><p>${P3}</p></div>
      <p>The council meets again on the first Monday of next month.</p>
      <div class="box"><h2>How the road was built</h2><p>The road was laid in 1912 along the old cart track.</p></div>
      <div class="listing"><button>Copy</button><pre><code>close harbour-road --from monday --until march --notify residents --ferry extra-crossing --bus meet-the-ferry --council review</code></pre></div></div></body></html>`);
    expect(texts(r)).toEqual([P1, P2, P3, "The council meets again on the first Monday of next month.", "How the road was built", "The road was laid in 1912 along the old cart track.", "close harbour-road --from monday --until march --notify residents --ferry extra-crossing --bus meet-the-ferry --council review"]);
  });
});

describe("saved web pages: advertisements inside the text", () => {
  it("leaves out an item whose paragraph carries a badge named as sponsored, with its heading, and keeps the items around it", async () => {
    const item = (h: string, p: string) => `<h2><a href="/${h.length}">${h}</a></h2><p>${p}</p>`;
    const r = await read(`<html><body><main><div class="content blog-content"><p>${P1}</p>
      ${item("The harbour road", P2)}
      <h2><a href="/ad">Monitor your boats</a></h2><p>Watch every mooring in the harbour from your phone, with alerts when the tide turns and a free trial for thirty days! <span class="pill-sponsored">Sponsored</span></p>
      ${item("The ferry", P3)}</div></main></body></html>`);
    expect(texts(r)).toEqual([P1, "The harbour road", P2, "The ferry", P3]);
  });
});

describe("saved web pages: controls after the text", () => {
  it("leaves out a heading whose box of buttons went, after the text", async () => {
    const r = await read(`<html><body><div class="chapter"><h1>The Harbour Road</h1><div class="chapter-content"><p>${P1}</p><p>${P2}</p><p>${P3}</p></div>
      <hr><h5 class="uppercase">Support the author</h5><div class="row"><div class="col"><button class="btn">PayPal</button></div><div class="col"><button class="btn">Patreon</button></div></div></div></body></html>`);
    expect(texts(r)).toEqual([P1, P2, P3]);
  });

  it("leaves out a link styled as a button beside a box's label, and keeps a link in a sentence whatever its class", async () => {
    const sentence = "Readers can follow the repairs on the council's page, which the engineers update every evening.";
    const r = await read(`<html><body><div class="chapter"><h1>The Harbour Road</h1><div class="chapter-content"><p>${P1}</p><p>${P2}</p><p>${P3}</p>
      <p>Readers can follow the repairs on <a class="btn-link" href="/road">the council's page</a>, which the engineers update every evening.</p></div>
      <div class="portlet">Notice<span class="corner"><a class="btn btn-xs" href="/premium">Remove</a></span><div class="square"><p>${P3.replace("point", "bay")}</p></div></div></div></body></html>`);
    expect(texts(r).join(" ")).not.toMatch(/Remove/);
    expect(texts(r)).toContain(sentence);
  });
});
