import { describe, expect, test } from "vitest";
import { articleHtml } from "@/lib/readings/article-html";
import type { ReadingContent } from "@/lib/readings/get-reading";

const content = (key: string): ReadingContent => ({
  key,
  minutes: 1,
  blocks: [
    { id: "h1", kind: "HEADING", number: null, level: 2, text: "A <heading>", noteRefs: [], marks: [] },
    { id: "b1", kind: "PARAGRAPH", number: 1, level: null, text: "First paragraph & its <script>alert(1)</script> text.", noteRefs: [{ label: "1", offset: 5 }], marks: [] },
    { id: "b2", kind: "QUOTE", number: 2, level: null, text: "A quoted paragraph.", noteRefs: [], marks: [] },
  ],
  notes: [{ label: '1"><img src=x onerror=alert(2)>', text: "A note <b>bold</b>" }],
});

describe("the reading's HTML (lib/readings/article-html.ts)", () => {
  test("escapes the title, the text, note labels and notes; nothing from the reading becomes markup", () => {
    const { html } = articleHtml({ title: 'T"><script>x</script>', content: content("r1:1:1") }, {}, {});
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('aria-label="T&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(html).toContain(" paragraph &amp; its &lt;script&gt;alert(1)&lt;/script&gt; text.");
    expect(html).toContain("A note &lt;b&gt;bold&lt;/b&gt;");
    expect(html).toContain('<h2 class="mb-3 mt-10 px-12 font-sans text-xl font-semibold leading-snug">A &lt;heading&gt;</h2>');
  });

  test("each numbered paragraph has its row, link and a marker with this viewer's counts", () => {
    const { html } = articleHtml({ title: "T", content: content("r1:1:1") }, {}, { b1: { total: 3, fresh: 1 } });
    expect(html).toContain('<div data-block-row="b1" class="reading-row"><a href="#p-1" class="reading-num" aria-label="Link to paragraph 1">1</a>');
    expect(html).toContain('aria-label="Discuss paragraph 1: 3 comments, 1 new"');
    expect(html).toContain('aria-label="Discuss paragraph 2: 0 comments"');
    expect(html).toMatch(/<blockquote id="p-2" data-paragraph="2"/);
    expect(html.match(/data-discuss=/g)).toHaveLength(2);
  });

  test("the version follows the text and the highlights shown, not the counts", () => {
    const a = articleHtml({ title: "T", content: content("r1:1:1") }, {}, { b1: { total: 1, fresh: 0 } });
    const b = articleHtml({ title: "T", content: content("r1:1:1") }, {}, { b1: { total: 9, fresh: 9 } });
    expect(b.version).toBe(a.version);
    const lit = articleHtml({ title: "T", content: content("r1:1:1") }, { b1: [{ threadId: "t1", start: 0, end: 5 }] }, {});
    expect(lit.version).not.toBe(a.version);
    expect(lit.html).toContain('<mark class="hl" data-threads="t1"');
    expect(a.html).not.toContain("<mark");
    const edited = articleHtml({ title: "T", content: content("r1:2:5") }, {}, {});
    expect(edited.version).not.toBe(a.version);
    expect(edited.html).toContain(`data-article-version="${edited.version}"`);
  });
});
