/**
 * A comment's first line as plain text, for a highlight's tooltip: Markdown punctuation
 * dropped, links reduced to their text, at most `max` characters. Approximate by design
 * (it never renders anything; React escapes it).
 */
export function firstLine(source: string, max = 120): string {
  const line =
    source
      .split("\n")
      .map((l) => l.trim())
      .find((l) => l && !/^(```|~~~|[-*_]{3,}$)/.test(l)) ?? "";
  const text = line
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^(?:>\s*)+|^(?:[-+*]|\d+[.)])\s+|^#+\s+/g, "")
    .replace(/[*_~`]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
