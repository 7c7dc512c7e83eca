import { describe, expect, test } from "vitest";
import { createElement, Fragment } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MARK_END, MARK_START, snippetParts } from "@/lib/search/snippet";

const render = (headline: string) =>
  renderToStaticMarkup(createElement(Fragment, null, ...snippetParts(headline).map((p, i) => (p.mark ? createElement("mark", { key: i }, p.text) : p.text))));

describe("search snippets: escape, then mark", () => {
  test("markup in the text stays text; only the separators become <mark>", () => {
    const html = render(`<img src=x onerror=alert(1)> the ${MARK_START}lamps${MARK_END} & <mark>not this</mark>`);
    expect(html).toBe("&lt;img src=x onerror=alert(1)&gt; the <mark>lamps</mark> &amp; &lt;mark&gt;not this&lt;/mark&gt;");
  });

  test("unbalanced or repeated separators never leave a separator in the text", () => {
    const parts = snippetParts(`${MARK_END}a${MARK_START}${MARK_START}b${MARK_END}${MARK_END}c${MARK_START}`);
    expect(parts).toEqual([
      { text: "a", mark: false },
      { text: "b", mark: true },
      { text: "c", mark: false },
    ]);
  });
});
