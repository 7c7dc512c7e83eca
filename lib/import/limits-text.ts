/**
 * Linear scans of a text upload before it is parsed: the shapes that make a parser slow or
 * deep (nesting that the HTML tree builder or the Markdown reader would walk thousands of
 * levels down; millions of paragraphs) are refused in one pass, in milliseconds, instead
 * of being found out by the sandbox's time limit.
 */
import { LIMITS, tooComplex } from "./limits";
import type { TextKind } from "./detect";

/** Elements that never nest (void) or that the HTML parser closes by itself when the next one starts. */
const NOT_NESTING = new Set([
  "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param", "keygen",
  "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rp", "rtc",
  "html", "head", "body", "script", "style",
]);

/** How deep elements that must be closed can nest (counting what is left unclosed too). Tag soup
 *  with hundreds of unclosed <font>s stays far below it; only a file built to be deep reaches it. */
export const HTML_DEPTH = 5_000;
/** Block quotes (">" markers) nested on one Markdown line. */
export const MARKDOWN_QUOTE_DEPTH = 100;

export function checkTextShape(text: string, kind: TextKind): void {
  const paragraphs = countParagraphBreaks(text);
  if (paragraphs > LIMITS.blocks * 2)
    throw tooComplex(
      `This file has about ${paragraphs.toLocaleString("en")} paragraphs; a reading may have at most ${LIMITS.blocks.toLocaleString("en")}. Split it into several readings.`,
    );
  if (kind === "html") checkHtmlDepth(text);
  if (kind === "markdown") checkMarkdownDepth(text);
}

function countParagraphBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n\n"); i >= 0; i = text.indexOf("\n\n", i + 2)) n++;
  return n;
}

function checkHtmlDepth(text: string): void {
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g;
  let depth = 0;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    const name = m[2]!.toLowerCase();
    if (NOT_NESTING.has(name) || m[3]) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (++depth > HTML_DEPTH)
      throw tooComplex(`This page nests its elements more than ${HTML_DEPTH.toLocaleString("en")} levels deep; real pages stay far below that. Save the page again from a browser, or copy its text.`);
  }
}

function checkMarkdownDepth(text: string): void {
  const quotes = /^(?:[ \t]{0,3}>){101}/m;
  if (quotes.test(text)) throw tooComplex(`This Markdown nests block quotes more than ${MARKDOWN_QUOTE_DEPTH} levels deep; no reading does. Remove the extra ">" markers and upload it again.`);
}
