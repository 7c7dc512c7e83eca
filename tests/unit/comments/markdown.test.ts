import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { renderCommentMarkdown, plainTextHtml, isTooComplex, MarkdownTooLargeError, MAX_DEPTH, MAX_SPECIALS, MAX_LIST_LINES } from "@/lib/comments/markdown";

const render = renderCommentMarkdown;

describe("comment Markdown", () => {
  test("emphasis, strikethrough, inline code, lists and block quotes", () => {
    expect(render("*one* **two** ~~three~~ `four`")).toBe("<p><em>one</em> <strong>two</strong> <del>three</del> <code>four</code></p>");
    expect(render("- a\n- b")).toBe("<ul>\n<li>a</li>\n<li>b</li>\n</ul>");
    expect(render("3. c\n4. d")).toContain('<ol start="3">');
    expect(render("> quoted\n\nmine")).toBe("<blockquote>\n<p>quoted</p>\n</blockquote>\n<p>mine</p>");
    expect(render("```\nlet x = 1 < 2;\n```")).toBe("<pre><code>let x = 1 &#x3C; 2;\n</code></pre>");
  });

  test("a newline is a line break, as typed in a comment box", () => {
    expect(render("first line\nsecond line")).toBe("<p>first line<br>\nsecond line</p>");
  });

  test("links are clickable, nofollow/noopener/ugc; only links to other sites open a new tab", () => {
    expect(render("[Deutscher](https://example.org/a?b=1&c=2)")).toBe(
      '<p><a href="https://example.org/a?b=1&#x26;c=2" rel="nofollow noopener ugc" target="_blank">Deutscher</a></p>',
    );
    expect(render("see https://example.org/x")).toBe('<p>see <a href="https://example.org/x" rel="nofollow noopener ugc" target="_blank">https://example.org/x</a></p>');
    expect(render("[paragraph 3](/courses/c/readings/r#p-3)")).toBe('<p><a href="/courses/c/readings/r#p-3" rel="nofollow noopener ugc">paragraph 3</a></p>');
    expect(render("[mail](mailto:a@b.c)")).toBe('<p><a href="mailto:a@b.c" rel="nofollow noopener ugc">mail</a></p>');
  });

  test("javascript:, data: and other schemes lose their link but keep their text", () => {
    for (const url of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:x", "java\tscript:alert(1)"]) {
      const html = render(`[click](${url})`);
      expect(html, url).not.toMatch(/href|javascript|data:/i);
      expect(html, url).toContain("click");
    }
    expect(render("<javascript:alert(1)>")).not.toMatch(/<a /);
  });

  test("raw HTML is shown as the text that was typed, never as markup", () => {
    expect(render("<script>alert(1)</script>")).toBe("<p>&#x3C;script>alert(1)&#x3C;/script></p>");
    expect(render('hi <img src=x onerror="alert(1)"> there')).toBe('<p>hi &#x3C;img src=x onerror="alert(1)"> there</p>');
    expect(render("<b onclick=x>bold?</b>")).not.toMatch(/<b[ >]/);
    expect(render('<a href="javascript:alert(1)">x</a>')).not.toMatch(/<a /);
    expect(render("<iframe src=//evil></iframe>")).not.toMatch(/<iframe/);
  });

  test("images become links (no third-party loads); headings become bold paragraphs", () => {
    expect(render("![a chart](https://example.org/c.png)")).toBe('<p><a href="https://example.org/c.png" rel="nofollow noopener ugc" target="_blank">a chart</a></p>');
    expect(render("# Big claim")).toBe("<p><strong>Big claim</strong></p>");
  });

  test("attributes smuggled through Markdown do not survive", () => {
    const html = render('[x](https://example.org "title" onmouseover=alert(1))\n\n[y]: javascript:alert(1)\n\n[y]');
    expect(html).not.toMatch(/<[^>]*(onmouseover|javascript:)/i);
    expect(html).toContain('<a href="https://example.org"');
  });

  test("deep nesting is flattened to text instead of thousands of nested elements", () => {
    const html = render(">".repeat(900) + " deep");
    expect((html.match(/<blockquote>/g) ?? []).length).toBeLessThanOrEqual(MAX_DEPTH);
    expect(html).toContain("deep");
    const list = render(Array.from({ length: 300 }, (_, i) => `${"  ".repeat(i)}- item${i}`).join("\n"));
    expect((list.match(/<ul>/g) ?? []).length).toBeLessThanOrEqual(MAX_DEPTH);
    expect(list).toContain("item299");
  });

  test("reference-link expansion past the output limit is refused", () => {
    const url = `https://example.org/${"x".repeat(5000)}`;
    const source = `[r]: ${url}\n\n${"[a][r] ".repeat(190)}`;
    expect(source.length).toBeLessThan(10_000);
    expect(() => render(source)).toThrow(MarkdownTooLargeError);
  });

  test("shapes the parser is slow on (thousands of delimiters or list items) are shown exactly as typed", () => {
    // micromark took 1–3 s on each of these at 10,000 characters; speed is in npm run bench.
    for (const source of ["*a".repeat(5000), "[".repeat(10_000), "_*".repeat(5000), "> - ".repeat(2500), "[a](".repeat(2500), Array.from({ length: 1000 }, (_, i) => `- item ${i}`).join("\n")]) {
      expect(isTooComplex(source), source.slice(0, 12)).toBe(true);
      expect(render(source)).toBe(plainTextHtml(source));
    }
    // Ordinary rich comments stay well inside the budget.
    const rich = Array.from({ length: 40 }, (_, i) => `- **point ${i}**: see [source](https://example.org/${i}) and \`code\``).join("\n");
    expect(isTooComplex(rich)).toBe(false);
    expect(render(rich)).toContain("<strong>point 39</strong>");
    expect(isTooComplex("*".repeat(MAX_SPECIALS))).toBe(false);
    expect(isTooComplex("- a\n".repeat(MAX_LIST_LINES))).toBe(false);
    expect(isTooComplex("- a\n".repeat(MAX_LIST_LINES + 1))).toBe(true);
  });

  test("any input renders to HTML with only allowed tags and no script-capable attribute", () => {
    const piece = fc.constantFrom("*", "_", "[", "]", "(", ")", "<", ">", "`", "\n", "- ", "1. ", "javascript:", "data:", "http://x.y", "<script>", "onerror=", '"', "'", "&", "#", "!", " ", "a", "~~");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        const html = render(parts.join(""));
        for (const [, tag] of html.matchAll(/<([a-z0-9]+)/gi)) {
          expect(["p", "br", "em", "strong", "del", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td", "span"]).toContain(tag);
        }
        expect(html).not.toMatch(/<[^>]+\son[a-z]+=/i);
        expect(html).not.toMatch(/href="(?!https?:|mailto:|\/|#)[a-z]+:/i);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });

  test("plain text from before Markdown renders exactly as written", () => {
    expect(plainTextHtml("a *b* <i>c</i>\n1. d & e")).toBe("<p>a *b* &lt;i&gt;c&lt;/i&gt;<br>\n1. d &amp; e</p>");
  });
});
